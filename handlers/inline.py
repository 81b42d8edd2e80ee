"""Inline mode: `@bot` or `@bot 111` in any chat offers helpline cards to pass to a friend."""

from __future__ import annotations

from aiogram import Router
from aiogram.types import InlineQuery, InlineQueryResultArticle, InputTextMessageContent

from bot.content import Content
from bot.views.helplines import helpline_card, helplines_message


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


async def answer_inline(query: InlineQuery, content: Content, locale: str) -> None:
    # Personal, because the cards follow each asker's language.
    await query.answer(helpline_results(content, query.query, locale), cache_time=60, is_personal=True)


def build_router() -> Router:
    router = Router(name=__name__)
    router.inline_query.register(answer_inline)
    return router
