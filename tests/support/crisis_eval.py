"""The labelled crisis messages of tests/data/crisis_eval/ and the detector with the rules alone, for the unit
tests that pin one class of crisis (or of look-alike) each.

The *_test functions make the checks the round files repeat, each a test parametrised with the data a round
file gives: the file names it, `test_… = quiet_test(TEXTS)`, and pytest collects it there. Those with
`detector` in their arguments use the full detector (the session fixture of tests/unit/conftest.py); the
rules_* ones use the rules alone."""

from __future__ import annotations

import functools
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest

from bot.content import Content
from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from bot.crisis.detector import RULES_DIR
from bot.crisis.normalize import sentences
from bot.views.crisis import reply_kind

EVAL_DIR = Path(__file__).resolve().parents[1] / "data" / "crisis_eval"


def labelled(name: str, crisis: bool) -> list[str]:
    """The texts of tests/data/crisis_eval/{kk,ru}_`name`.yaml labelled a crisis (or, with False, not one)."""
    return [
        item["text"]
        for path in sorted(EVAL_DIR.glob(f"*_{name}.yaml"))
        for item in parse_yaml(path.read_text("utf-8"))["items"]
        if (item["cat"] != "none") == crisis
    ]


def round_items(name: str) -> tuple[list[tuple[str, str]], list[str]]:
    """tests/data/crisis_eval/`name`.yaml split for a round's tests: (text, label) of each crisis, and the
    texts of the look-alikes."""
    items = parse_yaml((EVAL_DIR / f"{name}.yaml").read_text("utf-8"))["items"]
    crisis = [(i["text"], i["cat"]) for i in items if i["cat"] != "none"]
    return crisis, [i["text"] for i in items if i["cat"] == "none"]


def assert_kind(detector: CrisisDetector, text: str, cat: str) -> None:
    """`detector` flags `text` as the label says: a category, or "adult" for any reply about a child."""
    finding = detector.detect(text)
    assert finding is not None, text
    if cat == "adult":
        assert finding.about_child, (text, finding)
    else:
        assert finding.category.value == cat, (text, finding)


def rules_only_detector() -> CrisisDetector:
    """The rules alone: the n-gram net's threshold moves with every refit, so what a rule must catch is
    checked without it."""
    detector = CrisisDetector.from_dir()
    detector.use_ngrams(None)
    return detector


@functools.cache
def shared_rules_only() -> CrisisDetector:
    """One rules_only_detector per test process, for tests that do not change it: building one takes a
    few seconds of CPU, and every test worker would otherwise build it again for each module."""
    return rules_only_detector()


@functools.cache
def _content() -> Content:
    return Content.load()


def reply_of(detector: CrisisDetector, text: str) -> str:
    """The kind of reply `text` gets; it must be found a crisis."""
    finding = detector.detect(text)
    assert finding is not None, text
    return reply_kind(finding, _content())


Check = Callable[..., None]
Params = Sequence[Any]  # texts, or (text, label) pairs; either may be a pytest.param with marks


def labelled_round_tests(name: str) -> tuple[Check, Check]:
    """The two tests of tests/data/crisis_eval/`name`.yaml (round_items): each crisis is found as its label
    says (assert_kind), each look-alike stays quiet."""
    crisis, quiet = round_items(name)

    @pytest.mark.parametrize(("text", "cat"), crisis)
    def test(detector: CrisisDetector, text: str, cat: str) -> None:
        assert_kind(detector, text, cat)

    return test, quiet_test(quiet)


def rules_catch_labelled_tests(name: str, also: Sequence[str] = ()) -> tuple[Check, Check]:
    """The two tests of tests/data/crisis_eval/{kk,ru}_`name`.yaml (labelled): the rules alone catch each
    crisis of it, and each of `also`; each look-alike of it stays quiet."""
    return rules_catch_test([*also, *labelled(name, crisis=True)]), quiet_test(labelled(name, crisis=False))


def category_test(
    texts: Params, category: str, *, reply: str | None = None, reply_prefix: str | None = None
) -> Check:
    """Each of `texts` is found a crisis of `category`; with `reply`, its reply is of that kind, with
    `reply_prefix`, of a kind that starts so."""

    @pytest.mark.parametrize("text", texts)
    def test(detector: CrisisDetector, text: str) -> None:
        finding = detector.detect(text)
        assert finding is not None, text
        assert finding.category.value == category, (text, finding.rule)
        kind = reply_kind(finding, _content())
        assert reply is None or kind == reply, (text, kind, finding)
        assert reply_prefix is None or kind.startswith(reply_prefix), (text, kind, finding)

    return test


def quiet_test(texts: Params) -> Check:
    """Each of `texts` is no crisis."""

    @pytest.mark.parametrize("text", texts)
    def test(detector: CrisisDetector, text: str) -> None:
        finding = detector.detect(text)
        assert finding is None, (text, finding)

    return test


def reply_test(cases: Params) -> Check:
    """Each (text, kind): `text` is found a crisis and gets the reply of that kind."""

    @pytest.mark.parametrize(("text", "kind"), cases)
    def test(detector: CrisisDetector, text: str, kind: str) -> None:
        assert reply_of(detector, text) == kind, (text, detector.detect(text))

    return test


def rules_fire_test(cases: Params) -> Check:
    """Each (text, category): a rule finds `text` a crisis of that category, the n-gram net left out."""

    @pytest.mark.parametrize(("text", "cat"), cases)
    def test(text: str, cat: str) -> None:
        finding = shared_rules_only().detect(text)
        assert finding is not None and finding.category.value == cat, (text, finding)

    return test


def rules_kind_test(cases: Params) -> Check:
    """Each (text, label): a rule, not the n-gram net, finds `text` and its reply is the one the label asks
    (assert_kind): what a round's rules must do on their own, the net's threshold moving with every refit."""

    @pytest.mark.parametrize(("text", "cat"), cases)
    def test(text: str, cat: str) -> None:
        finding = shared_rules_only().detect(text)
        assert finding is not None and not finding.rule.startswith("ngrams"), (text, finding)
        assert_kind(shared_rules_only(), text, cat)

    return test


def rules_catch_test(texts: Params) -> Check:
    """A rule finds each of `texts` a crisis (of any category), the n-gram net left out."""

    @pytest.mark.parametrize("text", texts)
    def test(text: str) -> None:
        assert shared_rules_only().detect(text) is not None, text

    return test


def rules_round_tests(name: str) -> tuple[Check, Check]:
    """The rules alone (the n-gram net's threshold moves with every refit) on a round's crises (round_items):
    each child's message found as its category (rules_fire_test), each adult's report found at all
    (rules_catch_test)."""
    crisis, _ = round_items(name)
    return (
        rules_fire_test([(t, c) for t, c in crisis if c != "adult"]),
        rules_catch_test([t for t, c in crisis if c == "adult"]),
    )


def rules_quiet_test(texts: Params) -> Check:
    """No rule fires on any of `texts` (look-alikes the n-gram net may flag)."""

    @pytest.mark.parametrize("text", texts)
    def test(text: str) -> None:
        finding = shared_rules_only().detect(text)
        assert finding is None, (text, finding)

    return test


# Look-alikes that only the n-gram net flags. Vetoing the net on a bus, a gift or leaving school early also
# silenced «отчим подарил телефон и теперь трогает меня», a stepfather's grooming the net catches: the net is
# not vetoed for them, and they stay known gaps until it is refitted.
_NET_FLAGS = {
    "hochu domoi, nas otpustyat poranshe?",
    "өзім үйге барамын, автобус кешікті",
    "озим уйге кетип барамын, автобус кешикти",
    "өгей әкем туған күніме велосипед сыйлады",
    "ozim uige baramyn, avtobus keshikti",
    "ogei akem maghan velosiped syilady",
    "хочу домой, когда нас отпустят?",
    "иду домой пешком, автобус опять опаздывает",
    "отчим подарил мне велик",
    "отчим подарил мне велосипед на днюху",
}


def net_flagged_quiet(texts: list[str]) -> list[object]:
    """Look-alike texts as test parameters, those only the net flags as strict xfails."""
    return [
        pytest.param(t, marks=pytest.mark.xfail(strict=True, reason="the n-gram net flags it"))
        if t in _NET_FLAGS
        else t
        for t in texts
    ]


def concepts_lost_without(
    file: str, tmp_path: Path, skip: Iterable[str] = ()
) -> tuple[dict[str, list[str]], CrisisDetector]:
    """The labelled words (but `skip`) that lose a concept, or their negation, because the rule file `file` is
    loaded (a longer Kazakh stem or a whole word wins over the others), and the detector with it."""
    folder = tmp_path / "crisis_rules"
    shutil.copytree(RULES_DIR, folder, ignore=shutil.ignore_patterns(file))
    before, after = CrisisDetector.from_dir(folder), CrisisDetector.from_dir(RULES_DIR)
    words = {
        w
        for path in sorted(EVAL_DIR.glob("*.yaml"))
        for item in parse_yaml(path.read_text("utf-8"))["items"]
        for sentence in sentences(item["text"])
        for w in sentence
    }
    lost: dict[str, list[str]] = {}
    for word in sorted(words - set(skip)):
        old, new = before._word(word), after._word(word)
        kept = new.concepts if new is not None else frozenset()
        if old is not None and (not old.concepts <= kept or (new is not None and old.negated != new.negated)):
            lost[word] = sorted(old.concepts - kept)
    return lost, after
