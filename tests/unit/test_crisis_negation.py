"""A harm denied («меня никто не бьёт», «в классе меня не травят», «мені ешкім ұрмайды», «ұрған жоқ») stays
quiet, while a crisis said with a negation is still caught by the rules alone: «не хочу жить», «никто не
знает, что он меня бьёт», «меня не кормят», a plea «не бей меня» / «ұрмаңызшы», «не только бьют»,
«ұрмаған күні жоқ». A carer undressing small children for sleep is no abuse; a neighbour undressing a son is.

The messages are tests/data/crisis_eval/{kk,ru}_negation.yaml, with the four negated false alarms
bench/crisis.py --misses listed on e8972ec repeated here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.crisis import CrisisDetector, load_detector

pytestmark = pytest.mark.no_database

EVAL_DIR = Path(__file__).resolve().parents[2] / "tests" / "data" / "crisis_eval"

# The labelled look-alikes bench/crisis.py --misses listed as false alarms on e8972ec.
FALSE_ALARMS = [
    "меня никто не бьёт, у нас дома спокойно",
    "папа меня никогда не бил, он добрый",
    "не боюсь идти домой, дома всегда ждут",
    "в классе меня не травят, все дружные",
    "в детском саду детей раздевают перед сном?",
]


def _items(crisis: bool) -> list[str]:
    texts = []
    for path in sorted(EVAL_DIR.glob("*_negation.yaml")):
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
def test_a_crisis_with_a_negation_is_caught_by_the_rules(rules_only: CrisisDetector, text: str) -> None:
    assert rules_only.detect(text) is not None


@pytest.mark.parametrize("text", FALSE_ALARMS + _items(crisis=False))
def test_a_denied_harm_stays_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None
