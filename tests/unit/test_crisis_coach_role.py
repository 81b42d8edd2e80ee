"""A coach or a camp leader who writes about a child gets the adult's reply, as a teacher does
(bot/crisis/writer_words.py says_role, mentions_young): «Я тренер…», «Мен жаттықтырушымын…»."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.crisis import load_detector
from bot.views.crisis import reply_kind

pytestmark = pytest.mark.no_database

ABOUT_A_CHILD = [
    "Я тренер по боксу. Мальчик 13 лет после сборов сказал, что не хочет жить",
    "Я вожатый в лагере, одна девочка из отряда режет себе руки",
    "Я вожатая. Девочка 12 лет сказала, что хочет умереть",
    "я тренер по гимнастике, у воспитанницы на руках порезы",
    "Мен жаттықтырушымын. Бір шәкіртім өлгім келеді деді",
    "Тренермін, бір жігітім жарыстан кейін өмір сүргім келмейді деп жазды",
]
THEIR_OWN = [
    "я тренер, мне очень плохо, не хочу жить",
    "Мен жаттықтырушымын, өзім өлгім келеді, шаршадым",
]


@pytest.fixture(scope="module")
def detector():
    return load_detector()


@pytest.mark.parametrize("text", ABOUT_A_CHILD)
def test_a_coach_about_a_child_gets_the_adult_reply(detector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert finding.about_child and not finding.adult_self, (text, finding)


@pytest.mark.parametrize("text", THEIR_OWN)
def test_a_coach_in_crisis_themself_is_an_adult_in_crisis(detector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert finding.adult_self, (text, finding)


MISSING = [
    "Я тренер по футболу. Мальчик 14 лет не вернулся в гостиницу после игры, телефон выключен",
    "Я вожатый. Мальчик из отряда не вернулся в корпус после ужина",
    "Мен жаттықтырушымын. Жарыста бір бала жоғалып кетті, телефоны өшірулі",
]


@pytest.mark.parametrize("text", MISSING)
def test_a_pupil_missing_on_a_trip_gets_the_missing_child_reply(detector, text: str) -> None:
    # The police now, not a lesson on strangers (content/crisis.yaml adult_missing).
    finding = detector.detect(text)
    assert finding is not None, text
    assert reply_kind(finding, Content.load()) == "adult_missing", (text, finding)
