"""Crisis rules, round 16 (Kazakh): classes known to be missed or misfired, in phrasings of my own
(tests/data/crisis_eval/kk_round16.yaml holds them with labels; Cyrillic, plain Cyrillic and Latin).

1. A suicide plan with a day or a deadline, of oneself or retold by a friend: «сенбіде / жұмада бәрін
   бітіремін», «жұмаға / жексенбіге / ертеңге дейін ғана шыдаймын, өмір сүремін, тірі жүремін», one's phone
   left or given «now», «as a keepsake», «I am leaving» («телефонымды саған қалдырамын»), to a friend or a
   sibling. A task finished on Saturday, a rest or the holidays to hold out for, a phone left while one goes
   to the shop or for a new one are nothing. («сенбі*» is kk.yaml `not` for «сенім»: Saturday is whole words.)
   A friend's plan in the reported form («бәрін бітіретінін айтты», «бітірмекші»); the day of it chosen
   («күнін таңдап қойдым») with the place, a bridge, «ешкім білмейді» or everything thought out (not the day
   of a trip, a game, a feast, an olympiad).
2. Scolding («ұрсу», «ұрысу»; not «ұру») that is emotional abuse: every day with names, shaming, «сен керек
   емессің», «сені туғаныма өкінемін», «өлсең екен», «үйден кет»: violence, not bullying (a parent is named).
   Shouting («айқайлайды») every day with names too, and «сен болмасаң, жақсы болар еді»; a teacher's or a
   coach's is bullying. Scolded for a lesson, a room, coming late, with «ақымақ» about a cat or a mistake, is
   nothing.
3. A farewell to life («басқа әлемге кетемін», «о дүниеге аттанамын», «енді мені көрмейсіңдер») stays found;
   a farewell with «қоштасамын» to all before a move to a city, abroad or another school is quiet
   (kk.farewell_verb_all fired on it). A book's or a game's «other world» is nothing.
4. Neglect: no food for days, a parent drunk or drinking for days («апта бойы ішіп жүр», «үш күннен бері
   ішіп жатыр»), small siblings left alone: the violence reply in every script. Tea, medicine, coffee are
   no drink.
"""

from __future__ import annotations

import pytest

from tests.support.crisis_eval import (
    category_test,
    labelled_round_tests,
    rules_kind_test,
    rules_quiet_test,
    rules_round_tests,
)

pytestmark = pytest.mark.no_database

test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("kk_round16")
# The rules alone (the n-gram net's threshold moves with every refit): each child's message as its category,
# each adult's report found.
test_a_rule_finds_each_childs_message, test_a_rule_finds_each_report = rules_round_tests("kk_round16")

# Look-alikes the n-gram net flags (it is not refitted here): no rule may fire on them.
test_no_rule_fires_on_the_look_alikes_the_net_flags = rules_quiet_test(
    [
        # 1: a phone left while one goes to school and comes back
        "телефонымды саған қалдырам, мен мектепке кетемін, кейін келемін",
        # 2: scolded for a room, and right
        "анам ұрсты, бөлмемді жинамадым, дұрыс айтады",
        # 3: a farewell before a transfer to another school
        "достар, қоштасамыз, мен басқа мектепке ауысамын",
    ]
)

# 1: the plan told in other words and orders: the day before or after «бәрін», the deadline with «шейін».
test_a_plan_with_a_day_is_suicide = rules_kind_test(
    [
        ("бәрін жұмада бітіремін, шештім", "suicide"),
        ("сейсенбіде бәрін бітірем", "suicide"),
        ("zheksenbide barin bitiremin", "suicide"),
        ("сенбіге шейін ғана шыдаймын", "suicide"),
        ("бейсенбіге дейін ғана өмір сүремін, сосын бәрі бітеді", "suicide"),
    ]
)

# 2: the parent's own words of abuse, told with no scolding word too.
test_a_parents_words_of_abuse_are_violence = category_test(
    [
        "анам маған сені туғаныма өкінемін деді",
        "әкем «өлсең екен» деп айтты",
        "анам маған үйден кет, жоғал деп айқайлады",
    ],
    "violence",
)

# 3: a move or a transfer said beside «қоштасамын» in the same sentence keeps kk.farewell_verb_all quiet; a
# farewell with «енді мені көрмейсіңдер» or another world stays suicide.
test_a_farewell_before_a_move_is_quiet = rules_quiet_test(
    [
        "Бәріңмен қоштасамын, біз Ақтөбеге көшеміз",
        "barine rahmet, qoshtasamyz, biz shetelge ketemiz",
        "барлығыңмен қоштасамын, басқа мектепке ауысамын",
    ]
)
