"""Fixtures the crisis unit tests share: the detector as the bot builds it, and its rules alone."""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector, load_detector
from tests.support.crisis_eval import shared_rules_only


@pytest.fixture(scope="session")
def detector() -> CrisisDetector:
    return load_detector()


@pytest.fixture(scope="session")
def rules_only() -> CrisisDetector:
    return shared_rules_only()
