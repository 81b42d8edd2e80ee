"""/stats: subscribers within the viewer's scope and how their posts were delivered."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.access import Access
from bot.views.stats import fit, posts_block, subscribers_block
from db.repositories import Repositories


async def show_stats(message: Message, access: Access, repo: Repositories, locale: str) -> None:
    codes = None if access.codes is None else set(access.codes)
    counts = await repo.subscriptions.counts_by_org_grade(codes)
    total = await repo.subscriptions.total_in(codes)
    names = {o.code: o for o in await repo.orgs.many({c.org_code for c in counts})}
    history = await repo.drafts.history(codes, limit=10)
    # Posts first: they are short and what staff check most; the subscriber list may be cut to fit.
    lines = [*posts_block(history, locale), "", *subscribers_block(total, counts, names, locale)]
    await message.answer(fit(lines, locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_stats, Command("stats"))
    return router
