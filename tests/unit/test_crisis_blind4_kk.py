"""Kazakh blind set 4: the crisis messages of its dev half (tests/data/crisis_eval/kk_blind4dev.yaml, by an
author who never saw the rules) and the fixer's variants of each class of meaning it missed
(kk_blind4fix.yaml: nobody will miss me, told to die, hit on purpose, in bed for days, numb, worthless, pain
to feel alive, cutting in slang, hidden marks, an order to undress, filmed in a changing room, a lethal dose
or height asked, beaten with an object, a pregnancy fear, a parent gone for days ...). The rules must catch
each of them on their own, so that no refit of the net can lose them; the look-alikes (hyperbole, a parent's
how-to question about a safety talk, the same words in a harmless sense) stay quiet with the whole detector.
"""

from __future__ import annotations

import pytest

from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from tests.support.crisis_eval import EVAL_DIR

pytestmark = pytest.mark.no_database


def _kazakh(crisis: bool) -> list[str]:
    # Not `labelled`: its "*_blind4dev.yaml" would also read the Russian half of the set.
    return [
        item["text"]
        for name in ("kk_blind4dev.yaml", "kk_blind4fix.yaml")
        for item in parse_yaml((EVAL_DIR / name).read_text("utf-8"))["items"]
        if (item["cat"] != "none") == crisis
    ]


@pytest.mark.parametrize("text", _kazakh(crisis=True))
def test_the_rules_catch_it_without_the_net(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is not None


@pytest.mark.parametrize("text", _kazakh(crisis=False))
def test_the_look_alike_stays_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None
