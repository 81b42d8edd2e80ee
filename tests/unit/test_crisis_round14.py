"""Crisis rules, round 14: the classes the last session left wrong, in phrasings of the fixer's own
(tests/data/crisis_eval/{kk,ru}_round14.yaml hold them with labels; the blind items stay a measurement).
1. A pupil's case, or what a teacher told, beside a notice word (a lecture, a meeting, «объявление»,
   «хабарландыру») is an adult's report: the adult reply about a child, whatever the kind (frames.py
   NoticeFrame.reports_pupil). A child who tells of a classmate or a friend keeps the child's reply.
4. A threat to leak one's chats or screenshots, beside homework or not, is bullying (frames.py ChatLeak,
   situations.yaml chat_leak, and its rule ru.sit_leak_chats_else for «иначе»); a picture, a camera, a nude
   or an adult stranger named keeps the sexual reply.
5. A runaway or missing child told by a parent, the police called or not, is distress (situations.yaml
   distress_found: the rules keep their rank as suicide, nothing outranks them) with the reply
   adult_missing; a runaway cat is none (ru.run_from_home, kk.run_from_home unless a pet).
3. Everyday matters of the body, a pet or a doctor (a vaccination, a toothache, stitches after hockey, a
   dress to fit into, a cat's scratch, a puppy) that no rule fired on and only the n-gram net flagged: the net
   must score frames.yaml everyday.threshold there (weighing.py Everyday), unless a cut, a blow, death,
   starving, undressing or touching is named.
2. A child's name (no «он», «она», «ол») told with a report verb beside a notice word is no notice
   («Айгерим сказала ..., что не хочет жить, это было после собрания»; frames.yaml notice_frame.case). The one
   who gives the talk («психолог рассказала», «маман айтты») or every child tells no case.
"""

from __future__ import annotations

import pytest

from bot.crisis.detector import RULES_DIR
from bot.crisis.rule_files import read_rule_files
from bot.crisis.weighing import Everyday
from tests.support.crisis_eval import category_test, labelled_round_tests, reply_test

pytestmark = pytest.mark.no_database

test_each_ru_class_gets_its_kind, test_the_ru_look_alikes_stay_quiet = labelled_round_tests("ru_round14")
test_each_kk_class_gets_its_kind, test_the_kk_look_alikes_stay_quiet = labelled_round_tests("kk_round14")

# 1. A child tells of a friend or a classmate beside a notice word: the reply for helping a friend.
test_a_friends_case_keeps_the_childs_reply = category_test(
    [
        "После объявления о контрольной одноклассница сказала мне, что хочет умереть",
        "После лекции моя подруга сказала мне, что хочет умереть",
        "Сынып жиналысынан кейін сыныптасым өлгім келеді деді",
    ],
    "suicide",
    reply="friend",  # a child who tells of a friend's wish to die: the reply for one who helps (retold.py)
)

# 4. A parent tells of a classmate who threatens to leak the chats: the adult's reply on bullying.
test_a_parent_about_leaked_chats_gets_the_bullying_reply = reply_test(
    [
        (
            "Сын пишет: одноклассник требует решать ему контрольные, иначе выложит их переписку в общий чат",
            "adult_bullying",
        ),
        (
            "Ұлыма сыныптасы: үй жұмысын істеп бермесең, чаттағы хаттарыңды бәріне көрсетемін дейді",
            "adult_bullying",
        ),
    ]
)

# 5. A parent whose child ran away, the police called: distress, and the reply on a missing child.
test_a_runaway_told_by_a_parent_gets_the_missing_reply = category_test(
    [
        "сын убежал из дома, мы вызвали полицию",
        "Дочь сбежала из дома ночью, полиция уже ищет, что нам делать?",
        "syn ubezhal iz doma, vyzvali policiyu",
        "қызым үйден қашып кетті, полиция іздеп жатыр",
        "Ұлым үйден қашып кетті, полицияға хабарластық",
        "qyzym uiden qashyp ketti, policiya izdep zhatyr",
    ],
    "distress",
    reply="adult_missing",
)


# 3. The everyday bar is above the net's own, and an alarm concept (a cut named) takes it away.
def test_an_everyday_matter_raises_the_nets_bar_unless_an_alarm_is_named() -> None:
    everyday = Everyday.from_section(read_rule_files(RULES_DIR)["everyday"])
    threshold = 6.0
    assert everyday.bar(frozenset({"everyday_pet", "blood"}), threshold) > threshold
    assert everyday.bar(frozenset({"everyday_care_kk"}), threshold) > threshold
    assert everyday.bar(frozenset({"everyday_pet", "everyday_alarm"}), threshold) == threshold
    assert everyday.bar(frozenset({"blood"}), threshold) == threshold
