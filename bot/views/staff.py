"""Texts and keyboards of /invite and /staff; the /staff list's callback data (the others live with their
handlers)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.commands import audience_of, commands_help
from bot.flows.buttons import button
from bot.flows.org_picker import Level, OrgAct, back_button, tree_keyboard
from bot.views.formats import date_time
from bot.views.invite_picker import cancel_button, to_roles_button
from bot.views.orgs import org_name
from bot.views.paging import fitted_pages, page_arrows, page_line, page_of, paginate, short
from bot.views.phrases import __, not_your_role
from bot.views.rows import column
from db.models import Organisation
from db.repositories.staff import Profile, RoleRow
from domain.enums import AREA_KINDS, INSTITUTION_KINDS, SCHOOL_ROLES, Role

ROLE_NAMES = {
    Role.ADMIN: __("administrator"),
    Role.COORDINATOR: __("coordinator"),
    Role.PSYCHOLOGIST: __("school psychologist"),
    Role.SOCIAL_PEDAGOGUE: __("social pedagogue"),
    Role.DEPUTY_DIRECTOR: __("deputy director"),
}


def role_name(role: Role | str, locale: str) -> str:
    return ROLE_NAMES[Role(role)](locale)


invite_role_prompt = __("<b>Invite a colleague</b>\nWhich role will your colleague have?")


class InviteAction(StrEnum):
    role = "r"  # a role was chosen: show the top of the inviter's scope
    open = "o"  # look inside a node
    pick = "p"  # this node is the place


class InviteCb(CallbackData, prefix="inv"):
    action: InviteAction
    role: Role
    code: str = ""
    page: int = 0


def roles_keyboard(roles: list[Role], locale: str) -> InlineKeyboardMarkup:
    rows = (
        button(role_name(r, locale).capitalize(), InviteCb(action=InviteAction.role, role=r)) for r in roles
    )
    return column(rows, [cancel_button(locale)])


def place_fits(role: Role, org: Organisation) -> bool:
    return org.kind in (INSTITUTION_KINDS if role in SCHOOL_ROLES else AREA_KINDS)


def places_keyboard(
    role: Role, level: Level, page: int, locale: str, here: bool = True
) -> InlineKeyboardMarkup:
    """Areas to open and places to pick for `role`; «Here» when the area itself fits the role (and `here`:
    the inviter may give it there)."""

    def org(act: OrgAct, code: str) -> InviteCb:
        action = InviteAction.pick if act is OrgAct.pick else InviteAction.open
        return InviteCb(action=action, role=role, code=code)

    area = level.area
    head = None
    if area is not None and here and place_fits(role, area):
        head = button(
            "✅ " + _("Here: {place}", locale=locale).format(place=org_name(area, locale)),
            org(OrgAct.pick, area.code),
        )
    items = level.items if role in SCHOOL_ROLES else [o for o in level.items if o.kind in AREA_KINDS]
    code = area.code if area is not None else ""
    # Back goes up the tree, and from the top to the choice of role.
    up = back_button(org, level.back_to, locale) if level.back_to is not None else to_roles_button(locale)

    def to_page(number: int) -> InviteCb:
        return InviteCb(action=InviteAction.open, role=role, code=code, page=number)

    nav = [up, cancel_button(locale)]
    return tree_keyboard(org, to_page, paginate(items, page), locale, nav, head, folder="")


class StaffAction(StrEnum):
    revoke = "r"
    confirm = "y"
    keep = "n"


class StaffCb(CallbackData, prefix="stf"):
    action: StaffAction
    role_id: int


role_kept_text = __("The role stays as it is.")


def revoke_keyboard(role_id: int, locale: str) -> InlineKeyboardMarkup:
    confirm = StaffCb(action=StaffAction.confirm, role_id=role_id)
    keep = StaffCb(action=StaffAction.keep, role_id=role_id)
    yes, no = button(_("Yes, remove", locale=locale), confirm), button(_("No, keep it", locale=locale), keep)
    return InlineKeyboardMarkup(inline_keyboard=[[yes, no]])


# School staff work in an organisation, a coordinator for an area (place_fits): the texts say which.
def invite_place_prompt(role: Role, path: str, locale: str) -> str:
    if role in SCHOOL_ROLES:
        text = _("Role: <b>{role}</b>.\nWhere will they work? Choose the organisation.", locale=locale)
    else:
        text = _(
            "Role: <b>{role}</b>.\nWhere will they work? Choose the district, city or region.", locale=locale
        )
    text = text.format(role=role_name(role, locale))
    return f"{text}\n<i>{path}</i>" if path else text


def invite_created_text(role: Role, place: str, link: str, expires: datetime, locale: str) -> str:
    if role in SCHOOL_ROLES:
        text = _(
            "<b>Invitation ready</b>\nRole: {role}\nOrganisation: {place}\n\n"
            "Send this link to your colleague. It works once, until {expires} (Kazakhstan time):\n{link}",
            locale=locale,
        )
    else:
        text = _(
            "<b>Invitation ready</b>\nRole: {role}\nArea: {place}\n\n"
            "Send this link to your colleague. It works once, until {expires} (Kazakhstan time):\n{link}",
            locale=locale,
        )
    return text.format(
        role=role_name(role, locale),
        place=place,
        link=link,
        expires=date_time(expires, locale),
    )


def invite_welcome_text(role: Role, place: str, locale: str) -> str:
    """Every command the new role may use (the parents' ones too), as /help will show them."""
    head = _("<b>Welcome to the staff of the bot.</b>\nYour role: {role}, {place}.", locale=locale).format(
        role=role_name(role, locale), place=place
    )
    return f"{head}\n\n{commands_help(audience_of([role]), locale, own_first=True)}"


invite_invalid_text = __(
    "This invitation link does not work: it was already used or has expired. "
    "Ask the colleague who sent it for a new one."
)
staff_list_header = __("<b>Staff</b>")


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
PLACE_LABEL = 30  # characters of a place's name on a remove button


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
    place: str  # where the role is held, plain text


def staff_lines(
    rows: Sequence[RoleRow], profiles: Mapping[int, Profile], places: Mapping[str, str], locale: str
) -> list[StaffLine]:
    return [
        StaffLine(
            row,
            f"• {person_html(row.user_id, profiles.get(row.user_id))}: {role_name(row.role, locale)}, "
            f"{escape(places.get(row.scope_code, row.scope_code), quote=False)}",
            places.get(row.scope_code, row.scope_code),
        )
        for row in rows
    ]


def removal_label(line: StaffLine, profile: Profile | None, twice: bool, locale: str) -> str:
    """«✖️ Remove Aigerim: school psychologist»; with the place (shortened) when the person holds the same
    role in another place too (`twice`), so the two buttons say which one each removes."""
    user, role = person_plain(line.row.user_id, profile), role_name(line.row.role, locale)
    if twice:
        label = _("Remove {user}: {role}, {place}", locale=locale).format(
            user=user, role=role, place=short(line.place, PLACE_LABEL)
        )
    else:
        label = _("Remove {user}: {role}", locale=locale).format(user=user, role=role)
    return "✖️ " + label


def list_pages(lines: Sequence[StaffLine]) -> list[list[StaffLine]]:
    """Consecutive pages of at most LIST_ROWS lines and LIST_BUDGET characters each."""
    return fitted_pages(lines, lambda line: line.text, LIST_ROWS, LIST_BUDGET)


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
    shown = page_of(list_pages(lines), page)
    head = staff_list_header(locale)
    if place is not None:
        head += " · " + escape(place, quote=False)
    head += page_line(shown.number, shown.count, locale)
    held = Counter((line.row.user_id, line.row.role) for line in lines)
    removals = []
    for line in shown.items:
        data = revoke(line.row)
        if data is not None:
            twice = held[line.row.user_id, line.row.role] > 1
            label = removal_label(line, profiles.get(line.row.user_id), twice, locale)
            removals.append(button(label, data))
    arrows = page_arrows(shown, lambda n: StaffListCb(act=StaffListAct.list, code=code, page=n))
    # The filter is offered when the people work in more than one place (or one place is shown).
    filters = []
    if filterable or place is not None:
        filters.append(
            button("🏫 " + _("Staff of one school", locale=locale), StaffListCb(act=StaffListAct.places))
        )
    if place is not None:
        filters.append(button("👥 " + _("Everyone", locale=locale), StaffListCb(act=StaffListAct.list)))
    text = "\n".join([head, *(line.text for line in shown.items)])
    return text, column(removals, arrows, filters)


def staff_places_view(
    places: Sequence[tuple[str, str]], page: int, locale: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The places that have staff in the viewer's scope, (code, name), to show the staff of one."""
    shown = paginate(places, page)
    chosen = (
        button(short(name), StaffListCb(act=StaffListAct.list, code=code)) for code, name in shown.items
    )
    arrows = page_arrows(shown, lambda n: StaffListCb(act=StaffListAct.places, page=n))
    back = button(_("⬅️ Back", locale=locale), StaffListCb(act=StaffListAct.list))
    return _("Whose staff to show? Choose the place.", locale=locale), column(chosen, arrows, [back])


staff_empty_text = __("No staff yet. Invite colleagues with /invite.")


def revoke_confirm_text(role: Role, place: str, user_link: str, locale: str) -> str:
    return _("Take the role {role} ({place}) away from {user}?", locale=locale).format(
        role=role_name(role, locale), place=place, user=user_link
    )


revoked_text = __("Role removed.")
not_allowed_text = not_your_role
staff_only_text = __(
    "This command is for school staff. If you work at a school, ask your coordinator for an invitation."
)
