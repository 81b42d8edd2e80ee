"""Inline search: pronouns, conjunctions and prepositions («мен», «мені», «менің», «сен», «біз», «я», «меня»,
«мне», «и», «в», «у») name no memo and no helpline, on the query's side or the title's: «мені ұрады» is about
blows, not about «Су мен мұз», whose «мен» is "and"."""

from __future__ import annotations

import pytest

from tests.support.app import RunningApp

# (session language, query, the memos offered, in order)
FOUND = [
    ("kk", "мені ұрады", ["signs_of_violence"]),
    ("ru", "мені ұрады", ["signs_of_violence"]),
    ("ru", "меня бьют", ["signs_of_violence"]),
    ("kk", "мені мазақтайды", ["bullying"]),
]
LITTLE_WORDS = [
    ("kk", "мен"),
    ("kk", "мені"),
    ("kk", "менің"),
    ("kk", "сен"),
    ("kk", "біз"),
    ("ru", "я"),
    ("ru", "меня"),
    ("ru", "мне"),
    ("ru", "и"),
    ("ru", "в"),
    ("ru", "у меня"),
    ("ru", "мен"),
]


def memos(results: list[dict]) -> list[str]:
    return [r["id"].removeprefix("memo_") for r in results if r["id"].startswith("memo_")]


@pytest.mark.parametrize(("locale", "query", "found"), FOUND)
async def test_a_pronoun_beside_a_topic_word_adds_no_memo(
    app: RunningApp, locale: str, query: str, found: list[str]
) -> None:
    user = app.emu.user(4510 + FOUND.index((locale, query, found)), language_code=locale)
    assert memos(await user.inline(query)) == found, query
    assert app.emu.rejections == []


@pytest.mark.parametrize(("locale", "query"), LITTLE_WORDS)
async def test_little_words_alone_offer_what_an_empty_query_does(
    app: RunningApp, locale: str, query: str
) -> None:
    n = LITTLE_WORDS.index((locale, query))
    # One asker a query: the flood guard lets one user ask only so often.
    empty, asked = (app.emu.user(4530 + 2 * n + k, language_code=locale) for k in (0, 1))
    offered = [r["id"] for r in await asked.inline(query)]
    assert memos(await asked.inline(query)) == [], query
    assert offered == [r["id"] for r in await empty.inline("")], query
    assert app.emu.rejections == []
