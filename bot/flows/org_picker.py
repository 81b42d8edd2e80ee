"""The paged organisation-tree picker of the staff wizards.

Two ways to use it: walk down the tree and pick one organisation or a whole area (`tree_keyboard`), or tick
some of one area's organisations (`ticks_keyboard`). Either way a page holds PAGE_SIZE names, and its last
row is the wizard's own (Back, Cancel).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.access import Access
from bot.views.orgs import org_name
from bot.views.paging import Page, page_arrows, short
from db.models import Organisation
from db.repositories import Repositories
from db.repositories.orgs import AREA_KINDS


class OrgAct(StrEnum):
    open = "lv"  # show what is under an area
    whole = "w"  # everyone in an area
    pick = "o"  # one organisation
    tick = "to"  # tick or untick one organisation
    up = "up"  # back to the area above


class OrgCb(CallbackData, prefix="org"):
    """Subclassed by each wizard with its own prefix (as PageCb), so its stale-step guard sees them."""

    act: OrgAct
    code: str


class PageCb(CallbackData, prefix="page"):
    act: Literal["pg"] = "pg"
    page: int


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _everyone(cb: type[OrgCb], area: Organisation, locale: str) -> list[InlineKeyboardButton]:
    text = "📣 " + _("Everyone in {scope}", locale=locale).format(scope=org_name(area, locale))
    return [_button(text, cb(act=OrgAct.whole, code=area.code))]


def _arrows(page_cb: type[PageCb], page: Page[Organisation]) -> list[list[InlineKeyboardButton]]:
    arrows = page_arrows(page, lambda number: page_cb(page=number))
    return [arrows] if arrows else []


def tree_keyboard(
    cb: type[OrgCb],
    page_cb: type[PageCb],
    level: Organisation | None,
    page: Page[Organisation],
    locale: str,
    nav: list[InlineKeyboardButton],
) -> InlineKeyboardMarkup:
    """`level` None: the user's own scopes (an admin's regions); else an area, «Everyone in» it, and its page.

    `nav` should hold Back (OrgAct.up) whenever there is an area above `level` to go back to.
    """
    rows = [_everyone(cb, level, locale)] if level is not None else []
    for org in page.items:
        if org.kind in AREA_KINDS:
            rows.append([_button("📂 " + short(org_name(org, locale)), cb(act=OrgAct.open, code=org.code))])
        else:
            rows.append([_button(short(org_name(org, locale)), cb(act=OrgAct.pick, code=org.code))])
    return InlineKeyboardMarkup(inline_keyboard=[*rows, *_arrows(page_cb, page), nav])


def ticks_keyboard(
    cb: type[OrgCb],
    page_cb: type[PageCb],
    area: Organisation,
    page: Page[Organisation],
    chosen: set[str],
    done: InlineKeyboardButton,
    locale: str,
    nav: list[InlineKeyboardButton],
) -> InlineKeyboardMarkup:
    """«Everyone in» the area, or tick some of its organisations and press `done` (once one is ticked)."""
    rows = [_everyone(cb, area, locale)]
    for org in page.items:
        mark = "☑️ " if org.code in chosen else "⬜ "
        rows.append([_button(mark + short(org_name(org, locale)), cb(act=OrgAct.tick, code=org.code))])
    rows += _arrows(page_cb, page)
    if chosen:
        rows.append([done])
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav])


def back_button(cb: type[OrgCb], to: str, locale: str) -> InlineKeyboardButton:
    """Back to the area `to` ("" for the user's own scopes)."""
    return _button(_("⬅️ Back", locale=locale), cb(act=OrgAct.up, code=to))


async def own_tops(access: Access, repo: Repositories) -> list[Organisation]:
    """Where a staff member's pickers start: their own scopes, or every region for an admin."""
    if access.is_admin:
        return await repo.orgs.regions()
    return await repo.orgs.many(access.scope_codes)
