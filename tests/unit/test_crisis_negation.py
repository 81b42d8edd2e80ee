"""A harm denied («меня никто не бьёт», «в классе меня не травят», «мені ешкім ұрмайды», «ұрған жоқ») stays
quiet, while a crisis said with a negation is still caught by the rules alone: «не хочу жить», «никто не
знает, что он меня бьёт», «меня не кормят», a plea «не бей меня» / «ұрмаңызшы», «не только бьют»,
«ұрмаған күні жоқ». A carer undressing small children for sleep is no abuse; a neighbour undressing a son is.

The messages are tests/data/crisis_eval/{kk,ru}_negation.yaml, with the four negated false alarms
bench/crisis.py --misses listed on e8972ec repeated here.
"""

from __future__ import annotations

import pytest

from bot.crisis import CrisisDetector
from tests.support.crisis_eval import labelled

pytestmark = pytest.mark.no_database


# The labelled look-alikes bench/crisis.py --misses listed as false alarms on e8972ec.
FALSE_ALARMS = [
    "меня никто не бьёт, у нас дома спокойно",
    "папа меня никогда не бил, он добрый",
    "не боюсь идти домой, дома всегда ждут",
    "в классе меня не травят, все дружные",
    "в детском саду детей раздевают перед сном?",
]


@pytest.mark.parametrize("text", labelled("negation", crisis=True))
def test_a_crisis_with_a_negation_is_caught_by_the_rules(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is not None


@pytest.mark.parametrize("text", FALSE_ALARMS + labelled("negation", crisis=False))
def test_a_denied_harm_stays_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None
