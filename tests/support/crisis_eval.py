"""The labelled crisis messages of tests/data/crisis_eval/ and the detector with the rules alone, for the unit
tests that pin one class of crisis (or of look-alike) each."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector

EVAL_DIR = Path(__file__).resolve().parents[1] / "data" / "crisis_eval"


def labelled(name: str, crisis: bool) -> list[str]:
    """The texts of tests/data/crisis_eval/{kk,ru}_`name`.yaml labelled a crisis (or, with False, not one)."""
    return [
        item["text"]
        for path in sorted(EVAL_DIR.glob(f"*_{name}.yaml"))
        for item in parse_yaml(path.read_text("utf-8"))["items"]
        if (item["cat"] != "none") == crisis
    ]


def round_items(name: str) -> tuple[list[tuple[str, str]], list[str]]:
    """tests/data/crisis_eval/`name`.yaml split for a round's tests: (text, label) of each crisis, and the
    texts of the look-alikes."""
    items = parse_yaml((EVAL_DIR / f"{name}.yaml").read_text("utf-8"))["items"]
    crisis = [(i["text"], i["cat"]) for i in items if i["cat"] != "none"]
    return crisis, [i["text"] for i in items if i["cat"] == "none"]


def assert_kind(detector: CrisisDetector, text: str, cat: str) -> None:
    """`detector` flags `text` as the label says: a category, or "adult" for any reply about a child."""
    finding = detector.detect(text)
    assert finding is not None, text
    if cat == "adult":
        assert finding.about_child, (text, finding)
    else:
        assert finding.category.value == cat, (text, finding)


def rules_only_detector() -> CrisisDetector:
    """The rules alone: the n-gram net's threshold moves with every refit, so what a rule must catch is
    checked without it."""
    detector = CrisisDetector.from_dir()
    detector.use_ngrams(None)
    return detector


# Look-alikes that only the n-gram net flags. Vetoing the net on a bus, a gift or leaving school early also
# silenced «отчим подарил телефон и теперь трогает меня», a stepfather's grooming the net catches: the net is
# not vetoed for them, and they stay known gaps until it is refitted.
_NET_FLAGS = {
    "hochu domoi, nas otpustyat poranshe?",
    "өзім үйге барамын, автобус кешікті",
    "озим уйге кетип барамын, автобус кешикти",
    "өгей әкем туған күніме велосипед сыйлады",
    "ozim uige baramyn, avtobus keshikti",
    "ogei akem maghan velosiped syilady",
    "хочу домой, когда нас отпустят?",
    "иду домой пешком, автобус опять опаздывает",
    "отчим подарил мне велик",
    "отчим подарил мне велосипед на днюху",
}


def net_flagged_quiet(texts: list[str]) -> list[object]:
    """Look-alike texts as test parameters, those only the net flags as strict xfails."""
    return [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason="the n-gram net flags it"))
        if t in _NET_FLAGS
        else t
        for t in texts
    ]
