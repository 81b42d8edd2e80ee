"""/stats: subscribers within the viewer's scope and how their posts were delivered."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.access import Access
from bot.views.post_withdraw import withdraw_button
from bot.views.rows import column
from bot.views.stats import fit, posts_block, subscribers_block
from db.repositories import Repositories
from db.repositories.drafts import withdrawable
from handlers import post_withdraw


async def show_stats(message: Message, access: Access, repo: Repositories, locale: str) -> None:
    codes = None if access.codes is None else set(access.codes)
    counts = await repo.subscriptions.counts_by_org_grade(codes)
    total = await repo.subscriptions.total_in(codes)
    names = {o.code: o for o in await repo.orgs.many({c.org_code for c in counts})}
    history = await repo.drafts.history(codes, limit=10)
    # Posts first: they are short and what staff check most; the subscriber list may be cut to fit.
    lines = [*posts_block(history, locale), "", *subscribers_block(total, counts, names, locale)]
    # The viewer's own posts that have not begun to go out may still be stopped.
    own = [f.post.id for f in history if withdrawable(f.post, access.user_id)]
    markup = column(withdraw_button(post_id, locale, numbered=True) for post_id in own) if own else None
    await message.answer(fit(lines, locale), reply_markup=markup)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_stats, Command("stats"))
    post_withdraw.register(router)
    return router
