"""/stats: subscribers within the viewer's scope and how their posts were delivered, ten posts a page."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.access import Access
from bot.views.stats import (
    PAGE_SIZE,
    StatsPageCb,
    Way,
    fit,
    keyboard,
    no_such_page,
    posts_block,
    subscribers_block,
)
from db.repositories import Repositories
from db.repositories.drafts import HistoryPage, withdrawable
from handlers import post_withdraw


def _codes(access: Access) -> set[str] | None:
    return None if access.codes is None else set(access.codes)


async def _screen(
    access: Access, repo: Repositories, page: HistoryPage, locale: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The report with this page of posts."""
    codes = _codes(access)
    counts = await repo.subscriptions.counts_by_org_grade(codes)
    total = await repo.subscriptions.total_in(codes)
    names = {o.code: o for o in await repo.orgs.many({c.org_code for c in counts})}
    # Posts first: they are short and what staff check most; the subscriber list may be cut to fit.
    lines = [*posts_block(page, locale), "", *subscribers_block(total, counts, names, locale)]
    # The viewer's own posts on this page that have not begun to go out may still be stopped.
    own = [f.post.id for f in page.posts if withdrawable(f.post, access.user_id)]
    return fit(lines, locale), keyboard(page, own, locale)


async def show_stats(message: Message, access: Access, repo: Repositories, locale: str) -> None:
    page = await repo.drafts.history(_codes(access), PAGE_SIZE)
    text, markup = await _screen(access, repo, page, locale)
    await message.answer(text, reply_markup=markup)


async def on_page(
    query: CallbackQuery, callback_data: StatsPageCb, access: Access, repo: Repositories, locale: str
) -> None:
    """Older or Newer. The page is cut within the presser's own scope, whatever the button says."""
    edge = callback_data.edge
    older, newer = (edge, None) if callback_data.way is Way.older else (None, edge)
    page = await repo.drafts.history(_codes(access), PAGE_SIZE, older_than=older, newer_than=newer)
    if not page.posts or not isinstance(query.message, Message):
        # Nothing there (any more) for this viewer: the button is stale, or its data was made up.
        await query.answer(no_such_page(locale), show_alert=True)
        return
    text, markup = await _screen(access, repo, page, locale)
    await query.answer()
    await query.message.edit_text(text, reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_stats, Command("stats"))
    router.callback_query.register(on_page, StatsPageCb.filter())
    post_withdraw.register(router)
    return router
