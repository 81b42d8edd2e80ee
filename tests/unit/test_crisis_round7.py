"""Crisis rules, round 7.

1. The frequent words that tell the reply's language are data (content/crisis_rules/common.yaml
   reply_language_words), not a list in bot/crisis/language.py: a word added there counts, and the words
   moved keep their vote.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.crisis import CrisisDetector
from bot.crisis.detector import RULES_DIR

pytestmark = pytest.mark.no_database


# --- 1. The reply-language words are data -------------------------------------------------------------------

# A made-up word that no lexicon knows and that has no letter only Russian has: it says no language, unless
# common.yaml lists it.
_MADE_UP = "блымба"


def test_a_word_added_to_common_yaml_says_its_language(tmp_path: Path) -> None:
    folder = tmp_path / "crisis_rules"
    shutil.copytree(RULES_DIR, folder)
    common = folder / "common.yaml"
    data = yaml.safe_load(common.read_text("utf-8"))
    data.setdefault("reply_language_words", {}).setdefault("ru", []).append(_MADE_UP)
    common.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    text = "мені ұрады " + " ".join([_MADE_UP] * 6)
    plain = CrisisDetector.from_dir(RULES_DIR).detect(text)
    assert plain is not None and plain.locale == "kk", plain
    listed = CrisisDetector.from_dir(folder).detect(text)
    assert listed is not None and listed.locale == "ru" and listed.language_sure, listed


def test_the_language_module_holds_no_word_list() -> None:
    source = (Path(__file__).resolve().parents[2] / "bot" / "crisis" / "language.py").read_text("utf-8")
    for word in ("сегодня", "откуда", "потому", "бірақ", "өйткені", "ешқашан", "сосын"):
        assert word not in source, word


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Each is sure of its language only by the words moved to common.yaml (короче, типа, вообще, сейчас;
        # бірақ, қазір, өте, қатты): a guard that they still count.
        ("мені ұрады короче типа вообще сейчас тоже", "ru"),
        ("меня бьют бірақ қазір өте қатты болды кеше", "kk"),
    ],
)
def test_the_moved_words_still_vote(detector: CrisisDetector, text: str, lang: str) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.locale == lang and finding.language_sure, finding


@pytest.mark.parametrize("section", ["peer_harm", "about_child"])
def test_a_misspelt_key_of_a_concept_section_is_refused(tmp_path: Path, section: str) -> None:
    # peer_harm and about_child share their reading (bot/crisis/rules.py ConceptSets): a key no field
    # has is an error, not a set quietly left out.
    folder = tmp_path / "crisis_rules"
    shutil.copytree(RULES_DIR, folder)
    common = folder / "common.yaml"
    data = yaml.safe_load(common.read_text("utf-8"))
    data[section]["adult_typo"] = ["peers"]
    common.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ValueError, match="adult_typo"):
        CrisisDetector.from_dir(folder)
