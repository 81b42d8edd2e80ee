"""Giving one's own valued things away «мне больше не нужно» / «маған енді керек емес» (a suicide warning
sign) is caught by the rules alone; a pram the child outgrew, an ad («даром», «тегін») or old textbooks stay
quiet. The messages are tests/data/crisis_eval/{kk,ru}_giving_away.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.crisis import CrisisDetector, load_detector

pytestmark = pytest.mark.no_database

EVAL_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "crisis_eval"


def _items(crisis: bool) -> list[str]:
    texts = []
    for path in sorted(EVAL_DIR.glob("*_giving_away.yaml")):
        for item in yaml.safe_load(path.read_text("utf-8"))["items"]:
            if (item["cat"] != "none") == crisis:
                texts.append(item["text"])
    return texts


@pytest.fixture(scope="module")
def rules_only() -> CrisisDetector:
    detector = CrisisDetector.from_dir()
    detector.use_ngrams(None)  # the rules alone: the net's threshold moves with every refit
    return detector


@pytest.fixture(scope="module")
def detector() -> CrisisDetector:
    return load_detector()


@pytest.mark.parametrize("text", _items(crisis=True))
def test_giving_belongings_away_is_caught_by_the_rules(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is not None


@pytest.mark.parametrize("text", _items(crisis=False))
def test_an_outgrown_or_advertised_thing_stays_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None
