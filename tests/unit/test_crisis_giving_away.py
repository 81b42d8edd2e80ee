"""Giving one's own valued things away «мне больше не нужно» / «маған енді керек емес» (a suicide warning
sign) is caught by the rules alone; a pram the child outgrew, an ad («даром», «тегін») or old textbooks stay
quiet. The messages are tests/data/crisis_eval/{kk,ru}_giving_away.yaml.
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import labelled

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize("text", labelled("giving_away", crisis=True))
def test_giving_belongings_away_is_caught_by_the_rules(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is not None


@pytest.mark.parametrize("text", labelled("giving_away", crisis=False))
def test_an_outgrown_or_advertised_thing_stays_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None
