"""A child writing that nobody loves them, or that a parent does not («никто меня не любит», «мама меня не
любит», «мені ешкім жақсы көрмейді»), gets the distress reply from the rules alone; a subject or a food
nobody likes, a parent who does love them, and a question stay quiet.
Messages: tests/data/crisis_eval/*_unloved.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.crisis import CrisisDetector, load_detector

pytestmark = pytest.mark.no_database

EVAL_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "crisis_eval"


def _items(crisis: bool) -> list[str]:
    return [
        item["text"]
        for path in sorted(EVAL_DIR.glob("*_unloved.yaml"))
        for item in yaml.safe_load(path.read_text("utf-8"))["items"]
        if (item["cat"] != "none") == crisis
    ]


@pytest.fixture(scope="module")
def rules_only() -> CrisisDetector:
    detector = CrisisDetector.from_dir()
    detector.use_ngrams(None)  # the rules alone: the net's threshold moves with every refit
    return detector


@pytest.mark.parametrize("text", _items(crisis=True))
def test_feeling_unloved_is_caught_by_the_rules(rules_only: CrisisDetector, text: str) -> None:
    finding = rules_only.detect(text)
    assert finding is not None and finding.category == "distress", (text, finding)


@pytest.mark.parametrize("text", _items(crisis=False))
def test_its_look_alikes_stay_quiet(text: str) -> None:
    assert load_detector().detect(text) is None
