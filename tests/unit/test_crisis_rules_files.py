"""The crisis rules may be split over files: a second file adds words and rules to a language's lists
(bot/crisis/detector.py from_dir), so one topic's words and rules can live together."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.crisis.detector import RULES_DIR, CrisisDetector

pytestmark = pytest.mark.no_database

TOPIC = {
    "russian": {"lemmas": {"zz_glider": ["дельтаплан"], "die": ["околеть"]}},
    "rules": [
        {"id": "ru.zz_glider", "lang": "ru", "category": "distress", "all": ["me", "zz_glider"], "within": 4},
    ],
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "crisis_rules"
    shutil.copytree(RULES_DIR, copy)
    return copy


def _write(folder: Path, data: dict) -> None:
    (folder / "topic.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_a_second_file_adds_concepts_words_and_rules(folder: Path) -> None:
    text = "я боюсь дельтаплана"
    assert CrisisDetector.from_dir(folder).detect(text) is None
    _write(folder, TOPIC)
    detector = CrisisDetector.from_dir(folder)
    finding = detector.detect(text)
    assert finding is not None and finding.rule == "ru.zz_glider"
    # The words of a concept another file defines are kept, and the new one is added to them.
    assert detector.detect("хочу умереть") is not None
    assert detector.detect("хочу околеть") is not None


@pytest.mark.parametrize(
    "data",
    [
        {"score_vetoes": ["game"]},  # a list section of common.yaml said again
        {"russian": {"negators": "не"}},  # a list replaced by a word
        {"version": 2, "peer_harm": ["peers"]},  # a mapping replaced by a list
    ],
)
def test_a_section_said_twice_in_another_shape_is_an_error(folder: Path, data: dict) -> None:
    _write(folder, data)
    with pytest.raises(ValueError, match="defined twice"):
        CrisisDetector.from_dir(folder)
