"""Callback data and keyboards of /update and /myupdates; handlers/measure_update.py consumes them.

Every button of the /update wizard carries the prefix `mu` (`mu:<act>:<value>`, the organisation picker's
`mu:<OrgAct>:<code>` and `mu:pg:<page>`, ✏️ Change's `mu:em:`, `mu:ep:<part>`, `mu:es:`), of /myupdates `myu`.
Every question after the first has ⬅️ Back: to the question before it (`BACK`), or, while a part is changed
from the summary, to the menu of ✏️ Change (`TO_MENU`).
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button, nav_row, one_choice, pickers
from bot.flows.buttons import confirm_keyboard as confirm_row_keyboard
from bot.flows.org_picker import Level, OrgAct, OrgCb, back_button, tree_keyboard
from bot.flows.revise import ReviseAct, change_row, revise_data
from bot.measures import Measure, Plan
from bot.views.measure_updates import status_button
from bot.views.orgs import org_name
from bot.views.paging import Page, short
from bot.views.rows import column
from db.models import Organisation
from domain.enums import OrgKind, UpdateStatus


class Act(StrEnum):
    section = "s"
    measure = "m"
    skip = "k"
    today = "t"
    no_evidence = "ne"
    status = "st"
    public = "p"
    back = "b"  # ⬅️ Back: to the question before this one
    confirm = "c"
    cancel = "x"


class UpdateCb(CallbackData, prefix="mu"):
    act: Act
    value: str = ""


UpdateOrgCb, UpdatePageCb, _grades = pickers("mu")
UpdateReviseCb = revise_data("mu")


class Mine(StrEnum):
    """What the author does with one of their updates of the last 24 hours (/myupdates)."""

    edit = "e"
    withdraw = "w"  # asks first
    withdraw_yes = "y"
    withdraw_no = "n"


class MyUpdateCb(CallbackData, prefix="myu"):
    act: Mine
    update_id: int


def _button(text: str, act: Act, value: str = "") -> InlineKeyboardButton:
    return button(text, UpdateCb(act=act, value=value))


CANCEL, BACK = UpdateCb(act=Act.cancel), UpdateCb(act=Act.back)
# ⬅️ Back at a question asked again from the summary's ✏️ Change: to its menu, nothing changed.
TO_MENU = UpdateReviseCb(act=ReviseAct.menu)
Back = CallbackData | None


def markup(rows: list[list[InlineKeyboardButton]], locale: str, back: Back = None) -> InlineKeyboardMarkup:
    """The rows, then ⬅️ Back (when `back` is given) and ✖️ Cancel."""
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(CANCEL, locale, back)])


def sections_keyboard(plan: Plan, locale: str) -> InlineKeyboardMarkup:
    sections = (
        _button(short(f"{s.number}. {s.title.get(locale)}"), Act.section, str(s.number))
        for s in plan.sections
    )
    return column(sections, nav_row(CANCEL, locale))


def measures_keyboard(measures: list[Measure], locale: str) -> InlineKeyboardMarkup:
    """The measures of one section; ⬅️ Back to the sections."""
    shown = (
        _button(short(f"№{m.number}. {m.title.get(locale)}"), Act.measure, str(m.number)) for m in measures
    )
    return column(shown, nav_row(CANCEL, locale, BACK))


def _one(text: str, act: Act, locale: str, back: Back) -> InlineKeyboardMarkup:
    """One button (Skip, Today, No evidence) over ⬅️ Back and ✖️ Cancel."""
    if back is None:
        return one_choice(text, UpdateCb(act=act), CANCEL, locale)
    return markup([[_button(text, act)]], locale, back)


def skip_keyboard(locale: str, label: str | None = None, back: Back = None) -> InlineKeyboardMarkup:
    return _one(label or _("Skip", locale=locale), Act.skip, locale, back)


def keep_keyboard(locale: str) -> InlineKeyboardMarkup:
    return skip_keyboard(locale, _("Keep as it is", locale=locale))


def date_keyboard(locale: str, back: Back = BACK) -> InlineKeyboardMarkup:
    return _one(_("Today", locale=locale), Act.today, locale, back)


def evidence_keyboard(locale: str, back: Back = BACK) -> InlineKeyboardMarkup:
    return _one(_("No evidence", locale=locale), Act.no_evidence, locale, back)


def status_keyboard(locale: str, back: Back = BACK) -> InlineKeyboardMarkup:
    statuses = (UpdateStatus.IN_PROGRESS, UpdateStatus.DONE)
    row = [_button(status_button(s, locale), Act.status, s) for s in statuses]
    return markup([row], locale, back)


def public_keyboard(locale: str, back: Back = BACK) -> InlineKeyboardMarkup:
    return markup(
        [
            [_button("📣 " + _("Public: parents see it", locale=locale), Act.public, "1")],
            [_button("🔒 " + _("Internal", locale=locale), Act.public, "0")],
        ],
        locale,
        back,
    )


def _org(act: OrgAct, code: str) -> OrgCb:
    return UpdateOrgCb(act=act, code=code)


def _whole(area: Organisation, locale: str) -> str:
    """The area itself as a territory («Район в целом»): the schools listed under it are its own."""
    if area.kind == OrgKind.DISTRICT:
        return _("The district as a whole", locale=locale)
    if area.kind == OrgKind.REGION:
        return _("The region as a whole", locale=locale)
    return _("Here: {name}", locale=locale).format(name=org_name(area, locale))


def org_keyboard(
    level: Level, page: Page[Organisation], locale: str, back: CallbackData = BACK
) -> InlineKeyboardMarkup:
    """Inside an area «Here» picks the area itself; areas open, schools are picked. Back goes up the tree,
    and at its top to `back` (the question before it, or the menu of ✏️ Change)."""
    head = None
    if level.area is not None:
        here = "📍 " + _whole(level.area, locale)
        head = button(here, _org(OrgAct.whole, level.area.code))
    up = back_button(_org, level.back_to, locale) if level.back_to is not None else None
    nav = [up, *nav_row(CANCEL, locale)] if up else nav_row(CANCEL, locale, back)
    return tree_keyboard(_org, lambda n: UpdatePageCb(page=n), page, locale, nav, head, folder="▸ ")


def confirm_keyboard(locale: str) -> InlineKeyboardMarkup:
    """✅ Confirm and ✖️ Cancel, with ✏️ Change under them."""
    confirm = confirm_row_keyboard(UpdateCb(act=Act.confirm), CANCEL, locale)
    return InlineKeyboardMarkup(
        inline_keyboard=[*confirm.inline_keyboard, change_row(UpdateReviseCb, locale)]
    )


def mine_keyboard(update_ids: list[int], locale: str) -> InlineKeyboardMarkup:
    def row(uid: int) -> list[InlineKeyboardButton]:
        return [
            button(
                "✏️ " + _("Edit #{id}", locale=locale).format(id=uid), MyUpdateCb(act=Mine.edit, update_id=uid)
            ),
            button(
                "🗑 " + _("Withdraw #{id}", locale=locale).format(id=uid),
                MyUpdateCb(act=Mine.withdraw, update_id=uid),
            ),
        ]

    return InlineKeyboardMarkup(inline_keyboard=[row(uid) for uid in update_ids])


def withdraw_keyboard(update_id: int, locale: str) -> InlineKeyboardMarkup:
    """Yes / No under «Withdraw update #N?»."""
    yes = button(_("Yes, withdraw", locale=locale), MyUpdateCb(act=Mine.withdraw_yes, update_id=update_id))
    no = button(_("No, keep it", locale=locale), MyUpdateCb(act=Mine.withdraw_no, update_id=update_id))
    return InlineKeyboardMarkup(inline_keyboard=[[yes, no]])
