"""Round 2 of the Russian rules: the held-out half of the fourth blind set (tests/data/crisis_eval/
ru_blind4hold.yaml, written by an independent author, on which the round-1 rules caught 56 of 83 alone) and
the round-2 fixer's other phrasings of its classes (ru_round2.yaml: a farewell note, a wish to die after
«не могу», sleeping and not waking in Latin letters, «уйти из жизни», a day and a place, a death group's task,
a relapse with a bandage, a boyfriend who demands sex, a man in the bathroom, filmed undressed, a stranger who
drags a child away, someone breaking in at the door, spitting into a child's things, blamed for the parents'
fights, «я ничтожество» ...). The rules must catch each of them on their own and, for ru_round2, name the
kind the label names; the look-alikes (a note about soup, «так хочу в Турцию что умираю», a courier at the
door, «мне плевать на оценки») stay quiet.
"""

from __future__ import annotations

import pytest

from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from tests.support.crisis_eval import EVAL_DIR

pytestmark = pytest.mark.no_database


def _items(*names: str) -> list[dict]:
    return [item for name in names for item in parse_yaml((EVAL_DIR / name).read_text("utf-8"))["items"]]


HOLD = "ru_blind4hold.yaml"
ROUND2 = "ru_round2.yaml"
CRISIS = [i["text"] for i in _items(HOLD, ROUND2) if i["cat"] != "none"]
LOOK_ALIKES = [i["text"] for i in _items(HOLD, ROUND2) if i["cat"] == "none"]


@pytest.mark.parametrize("text", CRISIS)
def test_the_rules_catch_it_without_the_net(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is not None


@pytest.mark.parametrize(
    ("text", "cat"), [(i["text"], i["cat"]) for i in _items(ROUND2) if i["cat"] != "none"]
)
def test_the_rules_name_its_kind(rules_only: CrisisDetector, text: str, cat: str) -> None:
    finding = rules_only.detect(text)
    assert finding is not None
    if cat == "adult":
        assert finding.about_child
    else:
        assert finding.category.value == cat


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_no_rule_fires_on_the_look_alike(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is None


# Look-alikes the n-gram net flags by itself (no rule fires on them): the net is not refitted in this round,
# so they are known false alarms of the bot; strict, so that a refit which clears them shows up.
NET_FLAGS = {
    "мне нравится один мальчик из параллели, как понять нравлюсь ли я ему",
    "я сдохла пока поднималась на 9 этаж пешком, лифт опять сломался",
    "как поговорить с сыном о безопасности в интернете, чтобы он не закрылся?",
    "в классе передают записки, мне написали что я нравлюсь",
    "мама заставляет меня спать днём, а я уже большая",
    "брат заставляет меня спать с ним в одной комнате, потому что боится темноты",
    "мама заставляет меня есть брокколи, а я не хочу",
    "мы опоздали из-за меня, я долго собиралась",
    "спим на полу уже третий день, потому что переезд",
}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason="the n-gram net flags it"))
        if t in NET_FLAGS
        else t
        for t in LOOK_ALIKES
    ],
)
def test_the_look_alike_stays_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None
