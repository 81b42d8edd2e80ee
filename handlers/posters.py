"""/qr (staff): a printable QR code that brings parents straight to an organisation's grade choice.

Staff pick one of the organisations in their scope (skipped when they have exactly one); the code in
callback data is checked against their scope again on every press.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.access import Access
from bot.clock import Clock
from bot.qr import qr_png, school_link
from bot.views.paging import page_arrows, paginate, short
from bot.views.posters import choose_org_text, no_orgs_in_scope_text, not_in_scope_text, qr_caption
from bot.views.subscriptions import display_order, escape, org_name
from db.models import Organisation
from db.repositories import Repositories
from db.repositories.orgs import AREA_KINDS, INSTITUTION_KINDS
from handlers.subscribe import show


class QrAction(StrEnum):
    browse = "b"  # code "" = the tops of the user's scope
    make = "m"


class QrCb(CallbackData, prefix="qr"):
    action: QrAction
    code: str = ""
    page: int = 0


def choice_keyboard(
    area_code: str, nodes: Sequence[Organisation], page: int, back: QrCb | None, locale: str
) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    shown = paginate(nodes, page)
    for org in shown.items:
        action = QrAction.make if org.kind in INSTITUTION_KINDS else QrAction.browse
        kb.button(text=short(org_name(org, locale)), callback_data=QrCb(action=action, code=org.code))
    kb.adjust(1)
    arrows = page_arrows(shown, lambda n: QrCb(action=QrAction.browse, code=area_code, page=n))
    if arrows:
        kb.row(*arrows)
    if back is not None:
        kb.row(InlineKeyboardButton(text=_("⬅️ Back", locale=locale), callback_data=back.pack()))
    return kb.as_markup()


async def top_nodes(repo: Repositories, access: Access) -> list[Organisation]:
    if access.is_admin:
        return await repo.orgs.regions()
    return [org for org in await repo.orgs.many(access.scope_codes) if access.covers(org.code)]


async def send_qr(message: Message, bot: Bot, org: Organisation, locale: str) -> None:
    me = await bot.me()
    link = school_link(me.username or "", org.code)
    await message.answer_document(
        BufferedInputFile(qr_png(link), filename=f"qr_{org.code}.png"),
        caption=qr_caption(org_name(org, locale), link, locale),
    )


async def choice_screen(
    repo: Repositories, access: Access, code: str, page: int, locale: str
) -> tuple[str, InlineKeyboardMarkup] | Organisation | None:
    """The screen for `code` ("" = the top), the one organisation to print at once, or None if empty."""
    tops = await top_nodes(repo, access)
    if not code:
        if len(tops) == 1:
            if tops[0].kind in INSTITUTION_KINDS:
                return tops[0]
            code = tops[0].code
        elif not tops:
            return None
        else:
            return choose_org_text(locale), choice_keyboard("", tops, page, None, locale)
    area = await repo.orgs.get(code)
    if area is None:
        return None
    children = [c for c in display_order(await repo.orgs.children(code)) if access.covers(c.code)]
    if len(tops) == 1 and tops[0].code == code:
        back = None  # the top was skipped: this is the first screen
    elif area.parent_code and access.covers(area.parent_code) and area.code not in access.scope_codes:
        back = QrCb(action=QrAction.browse, code=area.parent_code)
    else:
        back = QrCb(action=QrAction.browse)
    if not children:
        text = no_orgs_in_scope_text(locale)
        kb = (
            [[InlineKeyboardButton(text=_("⬅️ Back", locale=locale), callback_data=back.pack())]]
            if back
            else []
        )
        return text, InlineKeyboardMarkup(inline_keyboard=kb)
    text = f"{choose_org_text(locale)}\n<b>{escape(org_name(area, locale))}</b>"
    return text, choice_keyboard(code, children, page, back, locale)


async def qr_command(message: Message, repo: Repositories, access: Access, bot: Bot, locale: str) -> None:
    screen = await choice_screen(repo, access, "", 0, locale)
    if screen is None:
        await message.answer(no_orgs_in_scope_text(locale))
    elif isinstance(screen, Organisation):
        await send_qr(message, bot, screen, locale)
    else:
        await message.answer(screen[0], reply_markup=screen[1])


async def on_qr_button(
    query: CallbackQuery,
    callback_data: QrCb,
    repo: Repositories,
    access: Access,
    bot: Bot,
    clock: Clock,
    locale: str,
) -> None:
    if not isinstance(query.message, Message):
        await query.answer()
        return
    code = callback_data.code
    org = await repo.orgs.get(code) if code else None
    wanted = INSTITUTION_KINDS if callback_data.action is QrAction.make else AREA_KINDS
    if code and (org is None or org.kind not in wanted or not access.covers(code)):
        await repo.audit.record(query.from_user.id, "qr_refused", clock.now(), detail=f"code={code[:40]}")
        await query.answer(not_in_scope_text(locale), show_alert=True)
        return
    await query.answer()
    if callback_data.action is QrAction.make and org is not None:
        await send_qr(query.message, bot, org, locale)
        return
    screen = await choice_screen(repo, access, code, callback_data.page, locale)
    if screen is None:
        await query.message.answer(no_orgs_in_scope_text(locale))
    elif isinstance(screen, Organisation):
        await send_qr(query.message, bot, screen, locale)
    else:
        await show(query.message, *screen)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(qr_command, Command("qr"))
    router.callback_query.register(on_qr_button, QrCb.filter())
    return router
