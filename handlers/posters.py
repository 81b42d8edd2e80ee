"""/qr (staff): a printable QR code that brings parents straight to an organisation's grade choice.

Staff pick one of the organisations in their scope (skipped when they have exactly one); the code in
callback data is checked against their scope again on every press.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.access import Access
from bot.clock import Clock
from bot.flows.org_picker import own_tops, tree_level
from bot.flows.screen import redraw
from bot.qr import qr_png, school_link
from bot.views.orgs import org_name
from bot.views.posters import (
    QrAction,
    QrCb,
    choice_screen,
    no_orgs_in_scope_text,
    not_in_scope_text,
    qr_caption,
)
from db.repositories import Repositories
from domain.enums import INSTITUTION_KINDS

__all__ = ["QrAction", "QrCb", "build_router"]


async def send_qr(message: Message, bot: Bot, code: str, repo: Repositories, locale: str) -> None:
    org = await repo.orgs.get(code)
    if org is None:
        return
    me = await bot.me()
    link = school_link(me.username or "", org.code)
    await message.answer_document(
        BufferedInputFile(qr_png(link), filename=f"qr_{org.code}.png"),
        caption=qr_caption(org_name(org, locale), org.kind, link, locale),
    )


async def qr_command(message: Message, repo: Repositories, access: Access, bot: Bot, locale: str) -> None:
    tops = await own_tops(access, repo)
    if len(tops) == 1 and tops[0].kind in INSTITUTION_KINDS:  # one school: no choice to make
        await send_qr(message, bot, tops[0].code, repo, locale)
        return
    level = await tree_level("", access, repo)
    if level is None or not level.items:
        await message.answer(no_orgs_in_scope_text(locale))
        return
    text, markup = choice_screen(level, 0, locale)
    await message.answer(text, reply_markup=markup)


async def _refuse(query: CallbackQuery, code: str, repo: Repositories, clock: Clock, locale: str) -> None:
    await repo.audit.record(query.from_user.id, "qr_refused", clock.now(), detail=f"code={code[:40]}")
    await query.answer(not_in_scope_text(locale), show_alert=True)


async def on_make(
    query: CallbackQuery,
    callback_data: QrCb,
    repo: Repositories,
    access: Access,
    bot: Bot,
    clock: Clock,
    locale: str,
) -> None:
    org = await repo.orgs.get(callback_data.code)
    if org is None or org.kind not in INSTITUTION_KINDS or not access.covers(org.code):
        await _refuse(query, callback_data.code, repo, clock, locale)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await send_qr(query.message, bot, org.code, repo, locale)


async def on_browse(
    query: CallbackQuery, callback_data: QrCb, repo: Repositories, access: Access, clock: Clock, locale: str
) -> None:
    level = await tree_level(callback_data.code, access, repo)
    if level is None:
        await _refuse(query, callback_data.code, repo, clock, locale)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await redraw(query.message, *choice_screen(level, callback_data.page, locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(qr_command, Command("qr"))
    router.callback_query.register(on_make, QrCb.filter(F.action == QrAction.make))
    router.callback_query.register(on_browse, QrCb.filter(F.action == QrAction.browse))
    return router
