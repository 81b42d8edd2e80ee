"""Inline search: a memo is found by the words people type for its topic, not by a question word or by a
word that merely begins like a title word."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.content import Content
from bot.content.memos import MemoText
from bot.content.word_match import same_word

pytestmark = pytest.mark.no_database

CONTENT = Content.load()


def found(query: str) -> list[str]:
    return [m.slug for m in CONTENT.memos_matching(query)]


@pytest.mark.parametrize(
    "query",
    ["самоповреждение", "самоповреждения", "өзіне зиян", "өзіне зиян келтіреді", "режет себя", "селфхарм"],
)
def test_self_harm_finds_the_suicide_risk_memo(query: str) -> None:
    assert found(query)[:1] == ["suicide_warning_signs"], found(query)


@pytest.mark.parametrize("query", ["телефон", "көмек керек", "что делать", "как быть", "не істеу керек"])
def test_a_question_word_or_a_look_alike_names_no_memo(query: str) -> None:
    assert found(query) == []


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("мазақтайды", "bullying"),
        ("дразнят", "bullying"),
        ("бьют", "signs_of_violence"),
        ("груминг", "online_grooming"),
    ],
)
def test_a_keyword_in_another_form_finds_its_memo(query: str, slug: str) -> None:
    assert found(query)[:1] == [slug]


def test_a_different_word_that_begins_alike_is_not_taken_for_it() -> None:
    assert not same_word("телефон", "тела")
    assert not same_word("тела", "телефон")
    assert same_word("тело", "тела")
    assert same_word("травят", "травля")
    assert same_word("зорлығы", "зорлық")


def test_a_keyword_no_search_could_find_is_refused() -> None:
    with pytest.raises(ValidationError, match="question words"):
        MemoText(title="Т", body="б", keywords=["что делать"])
    with pytest.raises(ValidationError, match="twice"):
        MemoText(title="Т", body="б", keywords=["травля", "Травля"])
