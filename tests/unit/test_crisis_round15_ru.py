"""Crisis rules, round 15 (Russian): the classes of blind set 12's Russian misses, in phrasings of the fixer's
own (tests/data/crisis_eval/ru_round15.yaml holds them with labels; the blind items stay a measurement and are
not copied here).
A. A death told calmly or retold by a friend: «Маша сказала, что до лета не доживёт» (the writer's own
   «не доживу» was ru.will_not_live_until's already), a method chosen beside «я всё решила», «меня больше
   никто не разбудит», «как умереть без боли / быстро» in Cyrillic or Latin letters: suicide. A grandmother's
   illness, a phone's battery, a plant, a school problem solved «другим способом», a lie-in on a holiday, a
   respawn in Minecraft stay quiet.
B. Bullying with no blow named: a chat made without someone, removed from the class chats, a teacher who
   shames or names a pupil before the whole class, a bag pulled over a head or a head pushed into a toilet (in
   the changing room too: hazing, not ru.aggressor_in_shower's sexual reply), a game's kills carried into
   school («в школе тоже так сделают»): bullying. A chat without the teachers or the parents, removed by
   mistake, praise before the class, a bag against the rain, kills in Roblox, a game build copied for a
   contest stay quiet.
C. Distress told as facts: nights at friends' places and no wish to go home, a class the child cannot enter
   for anxiety: distress. A party at a friend's, a night there with a return, a locked classroom stay quiet.
D. Blind set 12's false alarms, by class: a pet that plucks, bites or scratches itself (not the writer's own
   «щиплю себя»); a child who cries over a film, a cartoon or a book (not every day after school); kills and
   deaths in a game (a game's threat carried to school or real life is still violence); «мама меня убьёт»
   about the writer's own mishap, a broken cup or a lost phone (a threat with a knife, a secret, a parent
   who broke the writer's phone still found); «быть или не быть» in a literature question (the writer's own
   «не хочу жить» beside Hamlet still suicide); a horror quest room with the class.
E. Blind set 12's misses: a teacher or a coach who writes at night and strokes in class (sexual; praise, a
   night message about a test, a cat stroked stay quiet); finger marks on a small child's neck told as
   upbringing (violence; paint stays quiet); «больше не приду ... меня скоро не будет» (suicide; a move, a
   hospital, a training camp stay quiet).
"""

from __future__ import annotations

import pytest

from tests.support.crisis_eval import (
    labelled_round_tests,
    round_items,
    rules_quiet_test,
    rules_round_tests,
)

pytestmark = pytest.mark.no_database

_, QUIET = round_items("ru_round15")

test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("ru_round15")
test_a_rule_fires_on_each, test_a_rule_fires_on_each_report = rules_round_tests("ru_round15")
# No rule of this round fires on a look-alike, whatever the net says.
test_no_rule_fires_on_these = rules_quiet_test(QUIET)

# Class D's look-alikes that the n-gram net alone flags today (its threshold moves with every refit): no rule.
NET_ONLY_QUIET = [
    "попугайчик выдёргивает себе перья и щиплет себя, к ветеринару?",
    "мама меня убьёт, я сломала её фен",
    "с одноклассниками в квест-комнате было так страшно, что я визжала",
    "мама меня прибьёт, я разбила любимую бабушкину тарелку",
]
test_no_rule_fires_on_the_nets_look_alikes = rules_quiet_test(NET_ONLY_QUIET)
