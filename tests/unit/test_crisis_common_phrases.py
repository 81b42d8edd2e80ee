"""The words a child in crisis writes most often, sent on their own, are found, and by a rule where the
meaning is plain: «у меня никого нет», «я в депрессии», «таблетка ішіп өлемін» were found by nothing."""

from __future__ import annotations

import pytest

from bot.crisis import load_detector

pytestmark = pytest.mark.no_database

# (category, message): short, as typed at night; none copied from the rule lists.
COMMON = [
    ("suicide", "не хочу жить"),
    ("suicide", "хочу умереть"),
    ("suicide", "хочу покончить с собой"),
    ("suicide", "мне незачем жить"),
    ("suicide", "хочу уснуть и не проснуться"),
    ("suicide", "я хочу убить себя"),
    ("suicide", "у меня нет сил жить"),
    ("selfharm", "я себя режу"),
    ("violence", "папа меня бьёт"),
    ("violence", "мама бьёт меня ремнём"),
    ("sexual", "меня изнасиловали"),
    ("bullying", "меня травят в школе"),
    ("distress", "я в депрессии"),
    ("distress", "у меня никого нет"),
    ("distress", "у меня больше никого нет"),
    ("distress", "мне очень плохо"),
    ("suicide", "өмір сүргім келмейді"),
    ("suicide", "өлгім келеді"),
    ("suicide", "өзімді өлтіргім келеді"),
    ("suicide", "таблетка ішіп өлемін"),
    ("suicide", "таблеткаларды ішіп өлемін"),
    ("selfharm", "өзімді кесіп жүрмін"),
    ("violence", "әкем мені ұрады"),
    ("bullying", "сыныптастарым мазақтайды"),
    ("distress", "мен депрессиядамын"),
    ("distress", "енді шыдай алмаймын"),
]
QUIET = [
    "у меня никого нет дома, приходи",
    "я читала про депрессию для доклада",
    "әжем таблеткасын ішіп ұйықтап қалды",
    "дәрігер қанша таблетка ішу керегін айтты",
]


@pytest.fixture(scope="module")
def detector():
    return load_detector()


@pytest.mark.parametrize(("category", "text"), COMMON)
def test_a_common_phrase_is_found_by_a_rule(detector, category: str, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert finding.category == category, (text, finding)
    assert not finding.rule.startswith("ngrams"), (text, finding)


@pytest.mark.parametrize("text", QUIET)
def test_a_look_alike_stays_quiet(detector, text: str) -> None:
    assert detector.detect(text) is None, text
