"""Inline mode: `@bot` or `@bot 111` in any chat offers helpline cards to pass to a friend."""

from __future__ import annotations

import re

from aiogram import Router
from aiogram.types import (
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
)

from bot.content import Content
from bot.views.helplines import helpline_card, helplines_message
from bot.views.memos import memo_message

TAG = re.compile(r"<[^>]+>")


def helpline_results(content: Content, query: str, locale: str) -> list[InlineQueryResultArticle]:
    # A query that matches nothing still gets every card: whoever typed it is looking for help.
    matching = content.helplines_matching(query, locale) or list(content.helplines)
    results = []
    if not query.strip():
        results.append(
            InlineQueryResultArticle(
                id="all",
                title="🆘 111 · 112",
                description=", ".join(h.text(locale).name for h in content.helplines)[:200],
                input_message_content=InputTextMessageContent(
                    message_text=helplines_message(content.helplines, locale), parse_mode="HTML"
                ),
            )
        )
    for h in matching:
        t = h.text(locale)
        results.append(
            InlineQueryResultArticle(
                id=h.id,
                title=f"{h.phone} — {t.name}" if h.phone else t.name,
                description=t.purpose[:200],
                input_message_content=InputTextMessageContent(
                    message_text=helpline_card(h, locale), parse_mode="HTML"
                ),
            )
        )
    return results


# The best few memos: a whole question names words of many, and the helpline cards must still follow.
MEMOS_SHOWN = 5


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


async def answer_inline(query: InlineQuery, content: Content, locale: str) -> None:
    # A memo asked for by name comes first; helpline cards always follow, whatever was typed.
    results: list[InlineQueryResultUnion] = [
        *memo_results(content, query.query, locale),
        *helpline_results(content, query.query, locale),
    ]
    # Personal, because the cards follow each asker's language.
    await query.answer(results[:50], cache_time=60, is_personal=True)


def build_router() -> Router:
    router = Router(name=__name__)
    router.inline_query.register(answer_inline)
    return router
