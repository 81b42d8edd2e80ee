"""The paged organisation-tree picker of the staff screens (/event, /post, /qr, /invite).

`tree_level` works out one screen of the tree as a staff member may see it (their own scopes, or inside one
area, with where Back leads); `tree_keyboard` walks it (areas open, organisations are picked) and
`ticks_keyboard` ticks some of one area's organisations. A page holds PAGE_SIZE names, and the last row is
the screen's own (Back, Cancel). Each screen makes its own callback data through `OrgData` and `PageData`,
so a picker fits a wizard's typed classes and a stateless screen's alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.access import Access
from bot.views.orgs import org_name
from bot.views.paging import Page, page_arrows, short
from bot.views.rows import button, column
from bot.views.subscriptions import display_order
from db.models import Organisation
from db.repositories import Repositories
from domain.enums import AREA_KINDS


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


OrgData = Callable[[OrgAct, str], CallbackData]
PageData = Callable[[int], CallbackData]


@dataclass(frozen=True, slots=True)
class Level:
    """One screen of the tree: `area` None is the user's own scopes (an admin's regions)."""

    area: Organisation | None
    items: list[Organisation]
    back_to: str | None  # the area Back leads to, "" for the user's own scopes; None: no Back


async def own_tops(access: Access, repo: Repositories) -> list[Organisation]:
    """Where a staff member's pickers start: their own scopes, or every region for an admin."""
    if access.is_admin:
        return await repo.orgs.regions()
    return await repo.orgs.many(access.scope_codes)


async def tree_level(code: str, access: Access | None, repo: Repositories) -> Level | None:
    """The screen of area `code`; "" is the user's own scopes, or inside the only one when it is an area.
    `access` None is anyone (a parent): the whole tree from its regions.

    None when `code` is not an area the user may open (a forged or stale button).
    """
    if access is None:
        access = Access(user_id=0, grants=(), codes=None)  # covers everything, starts at the regions
    tops = await own_tops(access, repo) if access.grants else await repo.orgs.regions()
    if not code and len(tops) == 1 and tops[0].kind in AREA_KINDS:
        code = tops[0].code
    if not code:
        return Level(None, display_order(tops), None)
    area = await repo.orgs.get(code)
    if area is None or area.kind not in AREA_KINDS or not access.covers(code):
        return None
    items = [org for org in display_order(await repo.orgs.children(code)) if access.covers(org.code)]
    back_to: str | None = None
    if code not in {top.code for top in tops}:
        back_to = area.parent_code or ""  # below a top, so its parent is within the scope too
    elif len(tops) > 1:
        back_to = ""
    return Level(area, items, back_to)


def everyone_button(org: OrgData, area: Organisation, locale: str) -> InlineKeyboardButton:
    text = "📣 " + _("Everyone in {scope}", locale=locale).format(scope=org_name(area, locale))
    return button(text, org(OrgAct.whole, area.code))


def back_button(org: OrgData, to: str, locale: str) -> InlineKeyboardButton:
    """Back to the area `to` ("" for the user's own scopes)."""
    return button(_("⬅️ Back", locale=locale), org(OrgAct.up, to))


def tree_keyboard(
    org: OrgData,
    page_data: PageData,
    page: Page[Organisation],
    locale: str,
    nav: list[InlineKeyboardButton],
    head: InlineKeyboardButton | None = None,
    folder: str = "📂 ",
    opens: Callable[[Organisation], bool] = lambda item: item.kind in AREA_KINDS,
) -> InlineKeyboardMarkup:
    """`head` (such as «Everyone in» the area) first, then what `opens` (areas, marked `folder`) and
    organisations to pick."""
    items = [
        button(folder + short(org_name(item, locale)), org(OrgAct.open, item.code))
        if opens(item)
        else button(short(org_name(item, locale)), org(OrgAct.pick, item.code))
        for item in page.items
    ]
    return column([head, *items] if head is not None else items, page_arrows(page, page_data), nav)


def ticks_keyboard(
    org: OrgData,
    page_data: PageData,
    area: Organisation,
    page: Page[Organisation],
    chosen: set[str],
    done: InlineKeyboardButton,
    locale: str,
    nav: list[InlineKeyboardButton],
) -> InlineKeyboardMarkup:
    """«Everyone in» the area, or tick some of its organisations and press `done` (once one is ticked)."""
    ticks = [
        button(
            ("☑️ " if item.code in chosen else "⬜ ") + short(org_name(item, locale)),
            org(OrgAct.tick, item.code),
        )
        for item in page.items
    ]
    arrows = page_arrows(page, page_data)
    return column([everyone_button(org, area, locale), *ticks], arrows, [done] if chosen else [], nav)
