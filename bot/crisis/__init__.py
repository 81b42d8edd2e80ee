"""The crisis lane's detector: by meaning, in Kazakh and Russian, explainable rules kept in content/."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.crisis.detector import RULES_DIR, CrisisDetector, Finding
from bot.crisis.rules import Category


@lru_cache(maxsize=4)
def load_detector(folder: Path = RULES_DIR) -> CrisisDetector:
    """One detector per rules folder and process: building the Russian tables takes a second or two."""
    return CrisisDetector.from_dir(folder)


__all__ = ["Category", "CrisisDetector", "Finding", "load_detector"]
