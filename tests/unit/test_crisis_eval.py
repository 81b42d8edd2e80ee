"""The crisis detector on the labelled evaluation set: recall and false alarms per language and kind.

The set (tests/data/crisis_eval/) was written from the categories by native speakers who did not see the
rules. `bench/crisis.py` prints the same table with timings; `--misses` lists what was missed.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bot.content.base import parse_yaml
from bot.crisis import load_detector

# Runs in both CI passes (SQLite and PostgreSQL), as the crisis issue asks, though it touches no database.
EVAL_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "crisis_eval"
MIN_RECALL = 0.97
MIN_CATEGORY_RECALL = 0.90
MAX_FALSE_ALARMS = 0.03
CATEGORIES = ("suicide", "selfharm", "violence", "sexual", "bullying", "distress", "adult")


def _items() -> list[dict]:
    items = []
    for path in sorted(EVAL_DIR.glob("*.yaml")):
        lang = path.stem.split("_")[0]
        items.extend({**item, "lang": lang} for item in parse_yaml(path.read_text("utf-8"))["items"])
    return items


ITEMS = _items()


@pytest.fixture(scope="module")
def results() -> dict[tuple[str, str], list[bool]]:
    detector = load_detector()
    flagged: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for item in ITEMS:
        flagged[(item["lang"], item["cat"])].append(detector.detect(item["text"]) is not None)
    return flagged


def test_the_set_is_large_and_covers_every_category() -> None:
    for lang in ("kk", "ru"):
        crisis = [i for i in ITEMS if i["lang"] == lang and i["cat"] != "none"]
        ordinary = [i for i in ITEMS if i["lang"] == lang and i["cat"] == "none"]
        assert len(crisis) >= 200 and len(ordinary) >= 200, lang
        assert {i["cat"] for i in crisis} == set(CATEGORIES)
        scripts = {"cyr", "plain", "latin"} if lang == "kk" else {"cyr", "latin"}
        assert {i["script"] for i in crisis} >= scripts


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_recall_and_false_alarms(results: dict[tuple[str, str], list[bool]], lang: str) -> None:
    crisis = [hit for (lg, cat), hits in results.items() if lg == lang and cat != "none" for hit in hits]
    ordinary = results[(lang, "none")]
    recall = sum(crisis) / len(crisis)
    false_alarms = sum(ordinary) / len(ordinary)
    per_category = {
        cat: round(sum(results[(lang, cat)]) / len(results[(lang, cat)]), 3) for cat in CATEGORIES
    }
    assert recall >= MIN_RECALL, (lang, recall, per_category)
    assert false_alarms <= MAX_FALSE_ALARMS, (lang, false_alarms)
    assert min(per_category.values()) >= MIN_CATEGORY_RECALL, (lang, per_category)
