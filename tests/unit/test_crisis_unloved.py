"""A child writing that nobody loves them, or that a parent does not («никто меня не любит», «мама меня не
любит», «мені ешкім жақсы көрмейді»), gets the distress reply from the rules alone; a subject or a food
nobody likes, a parent who does love them, and a question stay quiet.
Messages: tests/data/crisis_eval/*_unloved.yaml.
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import labelled

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize("text", labelled("unloved", crisis=True))
def test_feeling_unloved_is_caught_by_the_rules(rules_only: CrisisDetector, text: str) -> None:
    finding = rules_only.detect(text)
    assert finding is not None and finding.category == "distress", (text, finding)


@pytest.mark.parametrize("text", labelled("unloved", crisis=False))
def test_its_look_alikes_stay_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None
