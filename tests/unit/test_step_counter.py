"""How a wizard's header counts its steps (bot/flows/wizard.py, `counted_steps`): from the path the draft will
take, keeping the total it has shown when a later answer shortens the path, growing it when one lengthens it,
and never numbering a step lower than the one before it unless the user went back."""

from __future__ import annotations

import pytest

from bot.flows.wizard import counted_steps, numbered

pytestmark = pytest.mark.no_database

POST = ["text_kk", "text_ru", "media", "orgs", "grades", "urgency", "when"]


def walk(*screens: tuple[str, list[str]]) -> list[tuple[int, int]]:
    """The headers of screens shown one after another: each the step shown and the path known then."""
    counted: list[str] = []
    headers = []
    for name, path in screens:
        counted = counted_steps(counted, path, name)
        headers.append(numbered(name, counted))
    return headers


def test_a_fresh_draft_counts_its_path() -> None:
    assert counted_steps([], POST, "text_kk") == POST


def test_a_step_that_turns_out_not_to_be_asked_counts_as_passed() -> None:
    """A district post to a college alone: the grades were counted, the college has one; the urgency is
    «6 of 7», not «5 of 6»."""
    no_grades = [step for step in POST if step != "grades"]
    headers = walk(("orgs", POST), ("urgency", no_grades), ("when", no_grades))
    assert headers == [(4, 7), (6, 7), (7, 7)]


def test_a_choice_that_drops_a_later_step_moves_on_at_once() -> None:
    """Whom a post is from: a school, so the organisations counted at «1 of 8» are not asked after all."""
    with_scope = ["scope", *POST]
    no_orgs = [step for step in with_scope if step != "orgs"]
    screens = [("scope", with_scope), *((name, no_orgs) for name in no_orgs[1:])]
    assert walk(*screens) == [(1, 8), (3, 8), (4, 8), (5, 8), (6, 8), (7, 8), (8, 8)]


def test_a_step_asked_and_then_not_stays_counted() -> None:
    """/event: a January date asks the kind; a December date typed there after all does not."""
    short = ["topic_kk", "topic_ru", "when", "place", "organisation", "grades", "capacity"]
    kind = [*short[:3], "kind", *short[3:]]
    headers = walk(("when", short), ("kind", kind), ("place", short), ("capacity", short))
    assert headers == [(3, 7), (4, 8), (5, 8), (8, 8)]


def test_a_longer_path_grows_the_total_without_keeping_the_guess() -> None:
    """/upload counts the lesson way until the memo way is chosen: «2 of 7», not «4 of 9»."""
    lesson = ["target", "group", "topic", "file", "language", "title"]
    memo = ["target", "category", "memo", "file", "language", "title", "age"]
    headers = walk(("target", lesson), ("category", memo), ("age", memo))
    assert headers == [(1, 6), (2, 7), (7, 7)]


def test_back_goes_back_and_keeps_the_total() -> None:
    no_grades = [step for step in POST if step != "grades"]
    headers = walk(("orgs", POST), ("grades", POST), ("orgs", POST), ("urgency", no_grades))
    assert headers == [(4, 7), (5, 7), (4, 7), (6, 7)]


def test_counting_the_same_screen_again_changes_nothing() -> None:
    no_grades = [step for step in POST if step != "grades"]
    counted = counted_steps(POST, no_grades, "urgency")
    assert counted_steps(counted, no_grades, "urgency") == counted
    assert counted_steps(counted, no_grades, "when") == counted
