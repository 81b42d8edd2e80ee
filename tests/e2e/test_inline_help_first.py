"""Inline mode: whatever follows `@bot`, the 111 and 112 cards come first, then memos, then the rest."""

from __future__ import annotations

from typing import Any

import pytest

from bot.content import Content
from tests.support.app import RunningApp

CONTENT = Content.load()
FIRST = [h.id for phone in ("111", "112") for h in CONTENT.helplines if h.phone == phone]

# What a child, a parent or a friend types, in both languages: a word of a helpline, of a memo, of nothing.
QUERIES = [
    "",
    "көмек",
    "көмек керек",
    "маған көмек керек",
    "зорлық",
    "сенім телефондары",
    "психолог",
    "буллинг",
    "өзіне зиян",
    "полиция",
    "қорқамын",
    "өрт",
    "помощь",
    "нужна помощь",
    "психолог",
    "насилие",
    "телефон доверия",
    "телефон",
    "травля",
    "самоповреждение",
    "мне страшно",
    "пожар",
    "102",
    "112",
    "111",
    "zzzz qqq",
]


def check_limits(results: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in results]
    assert len(results) <= 50
    assert len(ids) == len(set(ids))
    assert all(len(i.encode()) <= 64 for i in ids)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_111_and_112_come_first_for_every_query(app: RunningApp, locale: str) -> None:
    wrong = []
    for n, query in enumerate(QUERIES):
        # One asker a query: the flood guard lets one user ask only so often.
        user = app.emu.user((4200 if locale == "kk" else 4300) + n, language_code=locale)
        results = await user.inline(query)
        check_limits(results)
        if [r["id"] for r in results[:2]] != FIRST:
            wrong.append((query, [r["title"] for r in results[:3]]))
        texts = " ".join(r["input_message_content"]["message_text"] for r in results)
        # Every helpline still reaches whoever asked, whatever words they used.
        assert all(h.text(locale).name in texts for h in CONTENT.helplines), query
    assert wrong == []
    assert app.emu.rejections == []


def memo_ids(results: list[dict[str, Any]]) -> list[str]:
    return [r["id"].removeprefix("memo_") for r in results if r["id"].startswith("memo_")]


# (session language, query, the memo that comes right after 111 and 112, or None: no memo at all)
RANKING = [
    ("ru", "самоповреждение", "suicide_warning_signs"),
    ("kk", "самоповреждение", "suicide_warning_signs"),
    ("kk", "өзіне зиян", "suicide_warning_signs"),
    ("ru", "өзіне зиян", "suicide_warning_signs"),
    ("kk", "өзіне зиян келтіреді", "suicide_warning_signs"),
    ("ru", "режет себя", "suicide_warning_signs"),
    ("ru", "мектептегі буллингтен", "bullying"),
    ("kk", "ребёнка травят", "bullying"),
    ("ru", "телефон", None),
    ("kk", "телефон", None),
    ("ru", "көмек керек", None),
    ("kk", "көмек керек", None),
    ("ru", "что делать", None),
]


@pytest.mark.parametrize(("locale", "query", "memo"), RANKING)
async def test_memos_found_by_meaning_and_not_by_a_common_word(
    app: RunningApp, locale: str, query: str, memo: str | None
) -> None:
    user = app.emu.user(4110 + RANKING.index((locale, query, memo)), language_code=locale)
    results = await user.inline(query)
    assert [r["id"] for r in results[:2]] == FIRST
    if memo is None:
        assert memo_ids(results) == [], query
    else:
        assert results[2]["id"] == f"memo_{memo}", (query, [r["title"] for r in results[:4]])
    assert app.emu.rejections == []
