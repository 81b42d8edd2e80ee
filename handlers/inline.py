"""Inline mode: `@bot` or `@bot anything` in any chat offers helpline cards and memos to pass to a friend."""

from __future__ import annotations

import re

from aiogram import Router
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
)
from aiogram.utils.i18n import gettext as _

from bot.content import Content, Helpline
from bot.views.helplines import helpline_card, helplines_message
from bot.views.memos import memo_message

TAG = re.compile(r"<[^>]+>")
# Whatever was typed, these two come first: whoever opens `@bot` with any word may need help now, and a
# search must never hide the children's helpline or the emergency number behind a memo or a missing match.
FIRST_PHONES = ("111", "112")
# The best few memos: a whole question names words of many, and the helpline cards must still follow.
MEMOS_SHOWN = 5


def helpline_result(h: Helpline, locale: str) -> InlineQueryResultArticle:
    t = h.text(locale)
    return InlineQueryResultArticle(
        id=h.id,
        title=f"{h.phone} — {t.name}" if h.phone else t.name,
        description=t.purpose[:200],
        input_message_content=InputTextMessageContent(
            message_text=helpline_card(h, locale), parse_mode="HTML"
        ),
    )


def all_helplines_result(content: Content, locale: str) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id="all",
        # The name the crisis reply's and the menu's buttons give the same list.
        title=_("🆘 All helplines", locale=locale),
        description=", ".join(h.text(locale).name for h in content.helplines)[:200],
        input_message_content=InputTextMessageContent(
            message_text=helplines_message(content.helplines, locale), parse_mode="HTML"
        ),
    )


def plain_first_line(html: str) -> str:
    return TAG.sub("", html.strip().split("\n", 1)[0])[:200]


def memo_results(content: Content, query: str, locale: str) -> list[InlineQueryResultArticle]:
    return [
        InlineQueryResultArticle(
            id=f"memo_{memo.slug}",
            title=f"📋 {memo.get(locale).title}",
            description=plain_first_line(memo.get(locale).body),
            input_message_content=InputTextMessageContent(
                message_text=memo_message(memo, locale), parse_mode="HTML"
            ),
        )
        for memo in content.memos_matching(query)[:MEMOS_SHOWN]
    ]


def inline_results(content: Content, query: str, locale: str) -> list[InlineQueryResultUnion]:
    """111 and 112, the memos the query names, the whole list, then the other helplines (those the query
    names first). Every helpline is offered for every query: a query that matches nothing still helps."""
    first = [h for phone in FIRST_PHONES for h in content.helplines if h.phone == phone]
    named = {h.id for h in content.helplines_matching(query, locale)}
    others = sorted((h for h in content.helplines if h not in first), key=lambda h: h.id not in named)
    return [
        *(helpline_result(h, locale) for h in first),
        *memo_results(content, query, locale),
        all_helplines_result(content, locale),
        *(helpline_result(h, locale) for h in others),
    ]


async def answer_inline(query: InlineQuery, content: Content, locale: str) -> None:
    # Personal, because the cards follow each asker's language. Telegram takes 50 results at most.
    await query.answer(inline_results(content, query.query, locale)[:50], cache_time=60, is_personal=True)


def build_router() -> Router:
    router = Router(name=__name__)
    router.inline_query.register(answer_inline)
    return router
