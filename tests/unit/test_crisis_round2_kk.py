"""Kazakh round 2: the held-out half of blind set 4 (tests/data/crisis_eval/kk_blind4hold.yaml, which the
round-1 fixes did not generalise to) and the round-2 fixer's paraphrases of each class of meaning
(kk_round2.yaml: a farewell letter, a wish not to exist, a death wish with distress words or reported by a
parent, classmates who beat, extort or lock a child in, food withheld, self-blame, held and told it is a
secret ...). The rules alone must catch every crisis message, so that no refit of the net can lose them.
On kk_round2.yaml they must also pick the reply the class needs: classmates hurting a child is bullying,
older pupils or the family violence (common.yaml peer_harm); a wish to die beside distress words is
suicide; a parent's report is the adult reply. No rule fires on a look-alike, and the whole detector stays
quiet on it, except where the n-gram net alone flags one (strict xfails: the net is not refitted).
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from tests.support.crisis_eval import EVAL_DIR

pytestmark = pytest.mark.no_database

# Look-alikes that only the n-gram net flags (no rule fires): the net is not refitted in this round.
_NET_FLAGS = {
    "кешіріңіз, кеше ауырып қалдым, не өттіңіздер?",
    "қызым мектеп психологымен сөйлескісі келеді, ата-ананың рұқсаты керек пе?",
    "шаршадым, ұйықтағым келеді",
    "сыныптасым маған қарызын әлі қайтармады",
    "кешіккеніме мен кінәлімін, автобусты күтпедім",
}


def _items(name: str) -> list[dict[str, Any]]:
    return list(parse_yaml((EVAL_DIR / name).read_text("utf-8"))["items"])


def _crisis(*names: str) -> list[str]:
    return [i["text"] for name in names for i in _items(name) if i["cat"] != "none"]


def _look_alikes() -> list[Any]:
    texts = [
        i["text"]
        for name in ("kk_blind4hold.yaml", "kk_round2.yaml")
        for i in _items(name)
        if i["cat"] == "none"
    ]
    return [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason="the n-gram net flags it"))
        if t in _NET_FLAGS
        else t
        for t in texts
    ]


@pytest.mark.parametrize("text", _crisis("kk_blind4hold.yaml", "kk_round2.yaml"))
def test_the_rules_catch_it_without_the_net(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is not None


@pytest.mark.parametrize(
    ("text", "label"), [(i["text"], i["cat"]) for i in _items("kk_round2.yaml") if i["cat"] != "none"]
)
def test_the_reply_fits_the_class(rules_only: CrisisDetector, text: str, label: str) -> None:
    finding = rules_only.detect(text)
    assert finding is not None
    if label == "adult":
        assert finding.about_child
    else:
        assert finding.category == label, finding.rule


@pytest.mark.parametrize(
    "text",
    [
        i["text"]
        for name in ("kk_blind4hold.yaml", "kk_round2.yaml")
        for i in _items(name)
        if i["cat"] == "none"
    ],
)
def test_no_rule_fires_on_the_look_alike(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is None


@pytest.mark.parametrize("text", _look_alikes())
def test_the_look_alike_stays_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None
