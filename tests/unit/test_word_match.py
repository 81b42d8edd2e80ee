"""Inline search finds a memo or a helpline by a word in any of its forms, in Kazakh and in Russian."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.content.word_match import names_all, same_word

pytestmark = pytest.mark.no_database

CONTENT = Content.load()


def memo_titled(fragment: str) -> str:
    return next(m.slug for m in CONTENT.memos.memos if fragment in m.ru.title)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("буллингтен", "Травля (буллинг)"),  # kk ablative
        ("буллингке", "Травля (буллинг)"),  # kk dative
        ("травли", "Травля (буллинг)"),  # ru genitive
        ("о травле в школе", "Травля (буллинг)"),
        ("суицида", "Риск суицида"),
        ("суицидтің белгілері", "Риск суицида"),
        ("пожаре", "Пожарная безопасность"),
        ("өрттен", "Пожарная безопасность"),
        ("кибербуллингке", "Кибербуллинг"),
        ("интернеттегі таныстар", "Опасные знакомства"),
        ("знакомствах в интернете", "Опасные знакомства"),
        ("ребенку тяжело", "поговорить с ребёнком"),  # typed without ё
        ("ата-ана бақылауын", "Родительский контроль"),
    ],
)
def test_a_word_in_another_form_still_finds_its_memo(query: str, title: str) -> None:
    found = [m.slug for m in CONTENT.memos_matching(query)]
    assert found[:1] == [memo_titled(title)], (query, found)


def test_a_whole_question_finds_the_memo_naming_most_of_its_words() -> None:
    found = [m.slug for m in CONTENT.memos_matching("что делать если ребёнка травят в школе")]
    assert found[0] == memo_titled("Травля (буллинг)")
    found = [m.slug for m in CONTENT.memos_matching("мектептегі буллинг туралы")]
    assert found[0] == memo_titled("Травля (буллинг)")


@pytest.mark.parametrize("query", ["zzzz", "пожилые", "qq zz", ""])
def test_a_word_no_title_names_finds_nothing(query: str) -> None:
    assert CONTENT.memos_matching(query) == []


def test_only_words_that_share_most_of_their_start_are_taken_for_each_other() -> None:
    assert same_word("буллинг", "буллингтерден")
    assert same_word("буллингтерден", "буллинг")
    assert same_word("домой", "дома")
    assert not same_word("пожилые", "пожарная")
    assert not same_word("дорога", "доверие")
    assert not names_all("", "буллинг")


def test_a_number_being_typed_finds_its_helpline() -> None:
    assert CONTENT.helplines_matching("11", "kk")[0].phone == "111"
    assert len(CONTENT.helplines_matching("", "ru")) == len(CONTENT.helplines)
    assert CONTENT.helplines_matching("zzzz", "ru") == []
