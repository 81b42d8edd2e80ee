"""Crisis rules, round 16 (Russian): the classes still missed or misfired after round 15, in phrasings of the
fixer's own (tests/data/crisis_eval/ru_round16.yaml holds them with labels; no blind item is copied).
1. A note or a farewell, then a day and «всё сделаю / закончу» («записку положила под подушку, в пятницу всё и
   сделаю»; the note in the next sentence too): suicide. Chores, homework, a project at the weekend stay
   quiet.
2. An adult's rape or abuse inside a long letter of everyday questions: «меня изнасиловал» beside the letter's
   «тема», «неделя», «собрание» (ru.raped's prevention veto), «сделал со мной то, чего я не хотела»: sexual. A
   prevention lesson, a stretch the child did not want stay quiet.
3. A game's threat carried to school: «найду тебя в школе и прирежу», «подкараулит после уроков и зарежет»,
   «на перемене меня порежет ножом»: violence; «меня валят … в реале тоже так сделают» with the game far back
   in a long sentence: bullying. A kill in the game, sheep in Minecraft stay quiet.
4. Things thrown, kicked, shaken out by others, told as facts inside a long letter («кидают мой рюкзак в
   мусорку», «выкидывают вещи в окно»; the letter's «я», «мама» far away veto nothing): bullying. The writer's
   own bag dropped, a ball kicked stay quiet.
5. Neglect, in Latin letters too: «v dome net sveta i edy», «kushat nechego, mama ne prihodit», «holodilnik
   pustoi, mama ne prosyhaet»: violence. An empty plate in the canteen stays quiet.
6. A pupil gone on a team trip, an adult writes («ученица не вернулась в гостиницу», «на турнире пропал
   мальчик», «девочка из отряда пропала»): distress, the adult's reply. A phone gone, a pupil back late stay
   quiet.
7. Anxiety at the class door («стою у двери класса, сердце колотится, ухожу домой»; a door no longer vetoes
   «не могу зайти в класс» from anxiety): distress. A locked door, a late pupil waiting, a heart after a run
   stay quiet.
8. An adult's night messages kept secret, without touching («учитель пишет ночью и просит никому не показывать
   переписку», «тренер по ночам просит удалять сообщения»): sexual. A teacher's night message in the class
   chat stays quiet.
9. «меня скоро не будет» beside an errand («…дома, я в магазин», «…пошла к бабушке») is no farewell; with a
   goodbye («простите», «не ищите», «я так решила») it still is.
"""

from __future__ import annotations

import pytest

from tests.support.crisis_eval import labelled_round_tests, round_items, rules_quiet_test, rules_round_tests

pytestmark = pytest.mark.no_database

_, QUIET = round_items("ru_round16")

test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("ru_round16")
test_a_rule_fires_on_each, test_a_rule_fires_on_each_report = rules_round_tests("ru_round16")
# No rule fires on a look-alike of this round, whatever the net says.
test_no_rule_fires_on_these = rules_quiet_test(QUIET)

# Look-alikes of this round that the n-gram net alone flags today (its threshold moves with every refit): no
# rule fires on them (ru.note_to_parent, ru.keep_it_secret fired on two before this round).
NET_ONLY_QUIET = [
    "учитель сделал со мной проект, хотя я не хотела участвовать",
    "мама сделала со мной уроки, хотя я не хотела, зато пятёрка",
    "я сделала с ним домашку, хотя не хотела",
    "подруга сделала со мной селфи, хотя я не хотела",
    "мы с мамой выкинули мои старые вещи при переезде",
    "мы выкинули мои старые вещи в мусорку, место освободилось",
    "doma net edy, mama poshla v magazin",
    "оставила маме записку, что ушла в магазин, в воскресенье всё сделаю по дому",
    "письмо отправила в универ, в понедельник всё решится и закончится",
    "папа ночью пишет мне и просит никому не рассказывать про сюрприз для мамы",
]
test_no_rule_fires_on_the_nets_look_alikes = rules_quiet_test(NET_ONLY_QUIET)
