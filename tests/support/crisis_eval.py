"""The labelled crisis messages of tests/data/crisis_eval/ and the detector with the rules alone, for the unit
tests that pin one class of crisis (or of look-alike) each."""

from __future__ import annotations

from pathlib import Path

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


def rules_only_detector() -> CrisisDetector:
    """The rules alone: the n-gram net's threshold moves with every refit, so what a rule must catch is
    checked without it."""
    detector = CrisisDetector.from_dir()
    detector.use_ngrams(None)
    return detector
