"""The Russian half of the fourth blind set: crisis messages an independent author wrote without seeing the
rules (tests/data/crisis_eval/ru_blind4dev.yaml, the dev half) and the fixer's other phrasings of the classes
of meaning they showed (ru_blind4fix.yaml: a decision with a time and a place of falling, asking what height
or dose is lethal, hiding self-harm marks, a threat to kill for money, a teacher's grades for being alone,
sextortion with photos already sent, pregnancy fear at 14, left alone for weeks, loneliness every day, lying
all day with nothing to please, sleeplessness with dark thoughts, being excluded or tripped by the class ...).
The rules must catch each of them on their own, so that no refit of the net can lose them; their look-alikes
(hyperbole «умираю как хочу на концерт», «тренер нас убил», a parent asking how to teach safety, a pencil case
misread as a kick) stay quiet with the whole detector.
"""

from __future__ import annotations

import pytest

from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from tests.support.crisis_eval import EVAL_DIR

pytestmark = pytest.mark.no_database


def _ru(crisis: bool) -> list[str]:
    # Only the ru files: the kk half of the blind set has its own test and its own fixer.
    return [
        item["text"]
        for name in ("ru_blind4dev.yaml", "ru_blind4fix.yaml")
        for item in parse_yaml((EVAL_DIR / name).read_text("utf-8"))["items"]
        if (item["cat"] != "none") == crisis
    ]


@pytest.mark.parametrize("text", _ru(crisis=True))
def test_the_rules_catch_it_without_the_net(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is not None


# Look-alikes the n-gram net flags by itself (no rule fires on them): the net is not refitted here, so they
# are known false alarms; strict, so that a refit which clears them shows up.
NET_FLAGS = {
    "сын говорит, что старые игрушки никому не нужны, можно их выбросить?",
    "папа хочет заменить лезвие в рубанке",
    "зачем мне жить в общежитии, если дом рядом?",
}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason="the n-gram net flags it"))
        if t in NET_FLAGS
        else t
        for t in _ru(crisis=False)
    ],
)
def test_the_look_alike_stays_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None


# A notice a rule fits and the net then drops (its letters say «notice» strongly): quiet in the bot.
NET_DROPS = {
    "Кибербуллинг: памятка для родителей. Что делать, если ребенка травят в сети — в прикреплённом файле",
}


@pytest.mark.parametrize("text", [t for t in _ru(crisis=False) if t not in NET_DROPS])
def test_no_rule_fires_on_the_look_alike(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is None
