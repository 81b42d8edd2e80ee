"""A notice word (a lecture, a seminar, a meeting, a prevention week) beside one child's case is no notice.

bot/crisis/frames.py NoticeFrame.case: a sentence with a past-tense report of one child («ученик сказал»,
«девочка призналась», «бір оқушы айтты») tells a particular case, so staff reporting a pupil after a
lecture or at a meeting are heard; notices, statistics and invitations (every child, «каждый третий»,
«әрбір оқушы», no report) stay quiet.
"""

from __future__ import annotations

import pytest

from bot.crisis import load_detector
from bot.crisis.detector import CrisisDetector


@pytest.fixture(scope="module")
def detector() -> CrisisDetector:
    return load_detector()


CASES = [
    ("После лекции о профилактике девочка из 7 класса призналась, что режет руки.", "selfharm"),
    ("Во время семинара ученик сказал, что хочет покончить с собой.", "suicide"),
    ("После семинара одна ученица рассказала, что режет себе руки.", "selfharm"),
    ("Ученица 8 класса после лекции призналась: хочу умереть.", "suicide"),
    ("На собрании классная сказала, что Айдар хочет умереть, он пишет об этом в чате", "suicide"),
    ("Мальчик на тренинге написал в анкете, что хочет покончить с собой.", "suicide"),
    ("Жиналыстан кейін бір оқушы өзін-өзі өлтіргісі келетінін айтты.", "suicide"),
    ("Семинардан кейін бір қыз өлгісі келетінін айтты.", "suicide"),
    ("Дәрістен кейін бір оқушы қолын кесетінін мойындады.", "selfharm"),
    ("После лекции девочка рассказала, что отчим её бьёт.", "violence"),
    ("Профилактика апталығында бір оқушы өзін өлтіргісі келетінін жазды.", "suicide"),
]

# A violence rule's `unless` of notice words is waived only for suicide and self-harm rules by detector.py
# (self._not_own_state), a file this change does not own.
VIOLENCE = [
    ("Профилактика апталығында бір қыз өгей әкесі ұратынын айтты.", "violence"),
    ("Семинарда бір оқушы әкесі ұратынын айтты.", "violence"),
]

NOTICES = [
    "По статистике каждый третий ребёнок сталкивается с насилием. Приглашаем на лекцию.",
    "Суицидтің алдын алу апталығы басталады, барлық ата-аналарды жиналысқа шақырамыз.",
    "На лекции психолог рассказала, что каждый третий подросток думал о суициде.",
    "Приглашаем на семинар по профилактике суицида среди подростков. Расскажем о признаках.",
    "Статистика бойынша әрбір оқушы өзін-өзі өлтіру туралы ойлаған деп айтты маман.",
    "Семинарда маман суицидтің алдын алу туралы айтты, барлық ата-аналар келсін.",
    "Исследование: 20 процентов подростков хотят умереть, сообщили на конференции.",
]


@pytest.mark.parametrize(("text", "category"), CASES)
def test_one_child_case_beside_a_notice_fires(detector: CrisisDetector, text: str, category: str) -> None:
    found = detector.detect(text)
    assert found is not None, text
    assert found.category.value == category


@pytest.mark.parametrize(("text", "category"), VIOLENCE)
def test_violence_case_beside_a_notice_word(detector: CrisisDetector, text: str, category: str) -> None:
    found = detector.detect(text)
    assert found is not None and found.category.value == category


@pytest.mark.parametrize("text", NOTICES)
def test_notice_stays_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None
