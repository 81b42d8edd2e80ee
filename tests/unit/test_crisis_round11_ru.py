"""Crisis rules, round 11 (Russian): classes of crisis the rules missed or answered with the wrong reply, in
phrasings of the fixer's own (tests/data/crisis_eval/ru_round11.yaml holds them with labels and, where the
class is about the reply, the reply they must get).

H. Violence told by the idiom «поднять руку на», «распускать руки», in any word order: on the writer, on a
   sibling, by a teacher or a coach; on a parent in front of the child (the witness reply); on one's child by
   a coach or a teacher, told by a parent (the reply on staff who hit). A hand raised in class, to vote or to
   wave stays quiet; so does a hand never raised («ни разу руки не распускал»: the n-gram net is vetoed), but
   not the plea «не поднимай на меня руку».
M. A parent whose child left home and is gone («сын ушёл из дома вчера, телефон выключен», «дочка ушла из
   дома после ссоры, где её искать»): the reply on a missing child (adult_missing: the police at once). Gone
   to school, a training, the army, or to live apart stays quiet.
"""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from bot.views.crisis import reply_kind
from tests.support.crisis_eval import EVAL_DIR, assert_kind, round_items

pytestmark = pytest.mark.no_database

CONTENT = Content.load()
CRISIS, QUIET = round_items("ru_round11")
REPLIES = [
    (i["text"], i["reply"])
    for i in parse_yaml((EVAL_DIR / "ru_round11.yaml").read_text("utf-8"))["items"]
    if "reply" in i
]


@pytest.mark.parametrize(("text", "cat"), CRISIS)
def test_each_class_gets_its_kind(detector: CrisisDetector, text: str, cat: str) -> None:
    assert_kind(detector, text, cat)


@pytest.mark.parametrize(("text", "cat"), CRISIS)
def test_a_rule_fires_on_each(rules_only: CrisisDetector, text: str, cat: str) -> None:
    """The rules alone (the n-gram net's threshold moves with every refit)."""
    assert_kind(rules_only, text, cat)
    finding = rules_only.detect(text)
    assert finding is not None and not finding.rule.startswith("ngrams"), finding


@pytest.mark.parametrize("text", QUIET)
def test_the_look_alikes_stay_quiet(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None, detector.detect(text)


@pytest.mark.parametrize(("text", "kind"), REPLIES)
def test_the_reply_fits_the_class(detector: CrisisDetector, text: str, kind: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert reply_kind(finding, CONTENT) == kind, (text, finding)
