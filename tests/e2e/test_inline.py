"""Inline mode: `@bot` and `@bot 111` offer helpline cards in the asker's language."""

import pytest

from bot.content import Content
from tests.support.app import RunningApp
from tests.support.chat import pick_language

CONTENT = Content.load()


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_empty_query_offers_every_card(app: RunningApp, locale: str) -> None:
    user = app.emu.user(4001, language_code=locale)
    results = await user.inline("")
    titles = " ".join(r["title"] for r in results)
    for helpline in CONTENT.helplines:
        assert helpline.text(locale).name in titles
    assert all("111" in r["input_message_content"]["message_text"] or r["id"] != "all" for r in results)
    assert app.emu.rejections == []


async def test_query_111_puts_the_contact_centre_first(app: RunningApp) -> None:
    user = app.emu.user(4002, language_code="ru")
    results = await user.inline("111")
    assert results[0]["title"].startswith("111")
    assert "111" in results[0]["input_message_content"]["message_text"]


async def test_cards_follow_the_language_chosen_in_the_bot(app: RunningApp) -> None:
    user = app.emu.user(4003, language_code="kk")
    await pick_language(user, "ru")
    results = await user.inline("")
    assert any(CONTENT.helplines[0].ru.name in r["title"] for r in results)


async def test_a_query_that_matches_nothing_still_helps(app: RunningApp) -> None:
    user = app.emu.user(4004, language_code="kk")
    results = await user.inline("zzzz qqq")
    assert len(results) >= len(CONTENT.helplines)


@pytest.mark.parametrize(("locale", "query"), [("kk", "мектептегі буллингтен"), ("ru", "ребёнка травят")])
async def test_a_memo_asked_for_in_another_word_form_comes_right_after_111_and_112(
    app: RunningApp, locale: str, query: str
) -> None:
    user = app.emu.user(4005 if locale == "kk" else 4006, language_code=locale)
    results = await user.inline(query)
    bullying = next(m for m in CONTENT.memos.memos if "буллинг" in m.ru.title and "Кибер" not in m.ru.title)
    assert [r["title"][:3] for r in results[:2]] == ["111", "112"]
    assert results[2]["id"] == f"memo_{bullying.slug}"
    assert results[2]["title"] == f"📋 {bullying.get(locale).title}"
    assert len(results) > len(CONTENT.helplines)  # the helpline cards still follow
    assert app.emu.rejections == []
