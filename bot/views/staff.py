"""Texts and keyboards of /invite and /staff; the /staff list's callback data (the others live with their
handlers)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from babel.dates import format_datetime

from bot.clock import KZ
from bot.commands import audience_of, commands_help
from bot.views.paging import Page, page_arrows, paginate, short
from db.repositories.staff import Profile, RoleRow
from domain.enums import Role


def role_name(role: Role | str, locale: str) -> str:
    names = {
        Role.ADMIN: _("administrator", locale=locale),
        Role.COORDINATOR: _("coordinator", locale=locale),
        Role.PSYCHOLOGIST: _("school psychologist", locale=locale),
        Role.SOCIAL_PEDAGOGUE: _("social pedagogue", locale=locale),
        Role.DEPUTY_DIRECTOR: _("deputy director", locale=locale),
    }
    return names[Role(role)]


def invite_role_prompt(locale: str) -> str:
    return _("<b>Invite a colleague</b>\nWhich role will they have?", locale=locale)


def invite_place_prompt(role: Role, path: str, locale: str) -> str:
    text = _("Role: <b>{role}</b>.\nWhere will they work? Choose the place.", locale=locale).format(
        role=role_name(role, locale)
    )
    return f"{text}\n<i>{path}</i>" if path else text


def invite_created_text(role: Role, place: str, link: str, expires: datetime, locale: str) -> str:
    return _(
        "<b>Invitation ready</b>\nRole: {role}\nPlace: {place}\n\n"
        "Send this link to your colleague. It works once, until {expires} (Kazakhstan time):\n{link}",
        locale=locale,
    ).format(
        role=role_name(role, locale),
        place=place,
        link=link,
        expires=format_datetime(expires, "d MMMM y, HH:mm", tzinfo=KZ, locale=locale),
    )


def invite_welcome_text(role: Role, place: str, locale: str) -> str:
    """Every command the new role may use (the parents' ones too), as /help will show them."""
    head = _("<b>Welcome to the staff of the bot.</b>\nYour role: {role}, {place}.", locale=locale).format(
        role=role_name(role, locale), place=place
    )
    return f"{head}\n\n{commands_help(audience_of([role]), locale, own_first=True)}"


def invite_invalid_text(locale: str) -> str:
    return _(
        "This invitation link does not work: it was already used or has expired. "
        "Ask the colleague who sent it for a new one.",
        locale=locale,
    )


def staff_list_header(locale: str) -> str:
    return _("<b>Staff</b>", locale=locale)


class StaffListAct(StrEnum):
    list = "l"  # the people, all of the viewer's scope or of one place (`code`), at `page`
    places = "p"  # the places that have staff, to filter the list by one, at `page`


class StaffListCb(CallbackData, prefix="stl"):
    act: StaffListAct
    code: str = ""  # "" = everyone the viewer manages
    page: int = 0


# A page of the list stays well inside Telegram's 4096 characters, and its buttons fit a phone screen.
LIST_BUDGET = 3500
LIST_ROWS = 10


def person_html(user_id: int, profile: Profile | None) -> str:
    """The name the person has in Telegram (escaped), linked to their profile; the id when none is kept."""
    if profile is None:
        return f'<a href="tg://user?id={user_id}">{user_id}</a>'
    name = " ".join(p for p in (profile.first_name, profile.last_name) if p)
    link = f'<a href="tg://user?id={user_id}">{escape(name, quote=False)}</a>'
    return f"{link} @{escape(profile.username, quote=False)}" if profile.username else link


def person_plain(user_id: int, profile: Profile | None) -> str:
    """The same name for a button label (plain text, short)."""
    if profile is None:
        return str(user_id)
    return short(" ".join(p for p in (profile.first_name, profile.last_name) if p), 32)


@dataclass(frozen=True, slots=True)
class StaffLine:
    row: RoleRow
    text: str  # the list's line, HTML


def staff_lines(
    rows: Sequence[RoleRow], profiles: Mapping[int, Profile], places: Mapping[str, str], locale: str
) -> list[StaffLine]:
    return [
        StaffLine(
            row,
            f"• {person_html(row.user_id, profiles.get(row.user_id))}: {role_name(row.role, locale)}, "
            f"{escape(places.get(row.scope_code, row.scope_code), quote=False)}",
        )
        for row in rows
    ]


def list_pages(lines: Sequence[StaffLine]) -> list[list[StaffLine]]:
    """Consecutive pages of at most LIST_ROWS lines and LIST_BUDGET characters each."""
    pages: list[list[StaffLine]] = [[]]
    used = 0
    for line in lines:
        if pages[-1] and (len(pages[-1]) == LIST_ROWS or used + len(line.text) + 1 > LIST_BUDGET):
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += len(line.text) + 1
    return pages


def staff_list_view(
    lines: Sequence[StaffLine],
    place: str | None,
    filterable: bool,
    code: str,
    page: int,
    profiles: Mapping[int, Profile],
    revoke: Callable[[RoleRow], CallbackData | None],
    locale: str,
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of the list: the people with their roles, a remove button for each one the viewer may
    remove, the page arrows and the place filter."""
    pages = list_pages(lines)
    number = min(max(page, 0), len(pages) - 1)
    head = staff_list_header(locale)
    if place is not None:
        head += " · " + escape(place, quote=False)
    if len(pages) > 1:
        head += "\n" + _("Page {page} of {pages}", locale=locale).format(page=number + 1, pages=len(pages))
    rows: list[list[InlineKeyboardButton]] = []
    for line in pages[number]:
        data = revoke(line.row)
        if data is not None:
            label = _("Remove {user}: {role}", locale=locale).format(
                user=person_plain(line.row.user_id, profiles.get(line.row.user_id)),
                role=role_name(line.row.role, locale),
            )
            rows.append([InlineKeyboardButton(text="✖️ " + label, callback_data=data.pack())])
    shown: Page[StaffLine] = Page(pages[number], number, len(pages))
    arrows = page_arrows(shown, lambda n: StaffListCb(act=StaffListAct.list, code=code, page=n))
    if arrows:
        rows.append(arrows)
    # The filter is offered when the people work in more than one place (or one place is shown).
    filters = []
    if filterable or place is not None:
        filters.append(
            InlineKeyboardButton(
                text="🏫 " + _("Staff of one school", locale=locale),
                callback_data=StaffListCb(act=StaffListAct.places).pack(),
            )
        )
    if place is not None:
        filters.append(
            InlineKeyboardButton(
                text="👥 " + _("Everyone", locale=locale),
                callback_data=StaffListCb(act=StaffListAct.list).pack(),
            )
        )
    if filters:
        rows.append(filters)
    text = "\n".join([head, *(line.text for line in pages[number])])
    return text, InlineKeyboardMarkup(inline_keyboard=rows)


def staff_places_view(
    places: Sequence[tuple[str, str]], page: int, locale: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The places that have staff in the viewer's scope, (code, name), to show the staff of one."""
    shown = paginate(places, page)
    rows = [
        [
            InlineKeyboardButton(
                text=short(name), callback_data=StaffListCb(act=StaffListAct.list, code=code).pack()
            )
        ]
        for code, name in shown.items
    ]
    arrows = page_arrows(shown, lambda n: StaffListCb(act=StaffListAct.places, page=n))
    if arrows:
        rows.append(arrows)
    back = InlineKeyboardButton(
        text=_("⬅️ Back", locale=locale), callback_data=StaffListCb(act=StaffListAct.list).pack()
    )
    rows.append([back])
    return _("Whose staff to show? Choose the place.", locale=locale), InlineKeyboardMarkup(
        inline_keyboard=rows
    )


def staff_empty_text(locale: str) -> str:
    return _("No staff yet. Invite colleagues with /invite.", locale=locale)


def revoke_confirm_text(role: Role, place: str, user_link: str, locale: str) -> str:
    return _("Take the role {role} ({place}) away from {user}?", locale=locale).format(
        role=role_name(role, locale), place=place, user=user_link
    )


def revoked_text(locale: str) -> str:
    return _("Role removed.", locale=locale)


def not_allowed_text(locale: str) -> str:
    return _("You cannot do this with your role.", locale=locale)


def staff_only_text(locale: str) -> str:
    return _(
        "This command is for school staff. If you work at a school, ask your coordinator for an invitation.",
        locale=locale,
    )
