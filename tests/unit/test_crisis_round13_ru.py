"""Crisis rules, round 13 (Russian): the classes of blind set 11's Russian misses, wrong reply kinds and false
alarms, in phrasings of the fixer's own (tests/data/crisis_eval/ru_round13.yaml holds them with labels; the
blind items stay a measurement and are not copied here).
A. A death game's task at night, a game named or not: «последнее задание — встать на крышу ночью»: suicide
   (ru.thirteen_task_roof_night; ru.task_at_420 and ru.last_task_height yield to a game named). A physics
   problem, a quest in Minecraft, snow cleared off a roof stay quiet.
B. The last words: «пусть мама не винит себя», «когда меня найдут» beside letters or a farewell: suicide. A
   bad mark, hide-and-seek, a lost child («когда меня найдут, позвоните маме») stay quiet.
C. «лучше бы я утонул / разбился / не проснулась», «лучше б»; one's own medals, cups, a collection given
   away: suicide. «сгорел от стыда», medals handed out to winners stay quiet.
D. Blades of one's own grown dull; blades beside sleeves worn in the heat: self-harm. A father's razor,
   skates, a chilly person in a jumper stay quiet.
E. Cigarette burns or marks on a child and an adult at home, a parent who «воспитывает», finger-shaped
   bruises or marks: violence. A first-aid class, a bruised finger from a ball stay quiet.
F. Calories counted even in gum, each one; fainting on a diet, thin as a skeleton: distress. A biology
   lesson, losing weight for summer, fainting in the heat or giving blood stay quiet.
G. False alarms: a pet died and the children cry, a split lip in sparring, stage fright. A child crying for
   himself, a father who split the lip, «мне страшно» said alone stay crises.
H. «я тебя люблю, не ищи меня» to a parent: suicide (not the violence the n-gram net gave it); at a friend's
   till tomorrow stays quiet.
I. «сломают руки», «переломают ноги», «закопают, если ...»: violence (the net gave distress or sexual). A
   mother's warning, a swing, a brother's joke stay quiet.
J. A chat made about the writer: bullying (not ru.throws_at_me's violence). A class chat stays quiet.
K. «мне кажется, у меня депрессия» in a longer sentence: distress.
L. Made to do the others' homework («заставляют делать за них домашку»): bullying; a threat to leak photos or
   chats beside it keeps the sexual reply (a sextortion must never lose it). A mother and homework stay quiet.
M. A man under the blanket at night and the writer afraid or ashamed to tell: sexual
   (ru.eleven_lies_in_my_bed yields to a child's fear of the dark).
Known gaps (cross-language logic, /tmp/crisis_logic_requests.md): «ночую у подруги, не теряй меня» flagged
by the n-gram net alone; a runaway from home answered as violence (ru.run_from_home); a teenager's dating
violence read as bullying when a classmate is named in the sentence.
"""

from __future__ import annotations

import pytest

from tests.support.crisis_eval import (
    labelled_round_tests,
    rules_quiet_test,
    rules_round_tests,
)

pytestmark = pytest.mark.no_database


test_each_class_gets_its_kind, test_the_look_alikes_stay_quiet = labelled_round_tests("ru_round13")
test_a_rule_fires_on_each, test_a_rule_fires_on_each_report = rules_round_tests("ru_round13")
# Look-alikes of this round's rules the n-gram net alone still flags (known gaps of the net): no rule fires.
test_no_rule_fires_on_these = rules_quiet_test(
    [
        "пусть мама не винит себя, что поздно забрала меня из садика",
        "считаю калории каждый день для спорта, тренер говорит надо",
    ]
)
