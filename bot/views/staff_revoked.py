"""What the person whose role /staff took away is told, and the colleague who invited them: which role,
where, by whom, since when; the person also what they can still do and whom to ask."""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.i18n import gettext as _

from bot.views.formats import date_time
from bot.views.staff import role_name
from domain.enums import SCHOOL_ROLES, Role


def _details(role: Role, place: str, revoker: str, since: datetime, locale: str) -> str:
    # School staff work in an organisation, a coordinator for an area (as the invitation says).
    if role in SCHOOL_ROLES:
        text = _(
            "Role: {role}\nOrganisation: {place}\nRemoved by: {revoker}\nWhen: {when} (Kazakhstan time)",
            locale=locale,
        )
    else:
        text = _(
            "Role: {role}\nArea: {place}\nRemoved by: {revoker}\nWhen: {when} (Kazakhstan time)",
            locale=locale,
        )
    return text.format(
        role=role_name(role, locale), place=place, revoker=revoker, when=date_time(since, locale)
    )


def role_taken_text(
    role: Role, place: str, revoker: str, since: datetime, keeps_roles: bool, locale: str
) -> str:
    """To the person: `place` and `revoker` are HTML; `keeps_roles`: they still hold another staff role."""
    head = "<b>" + _("Your staff role in the bot was removed.", locale=locale) + "</b>"
    if keeps_roles:
        after = _("Your other roles stay as they are; /help shows what you can do.", locale=locale)
    else:
        after = _(
            "You can still use the bot as a parent: school news (/subscribe), helplines (/helplines) "
            "and everything in /help.",
            locale=locale,
        )
    mistake = _("If you think this is a mistake, write to whoever removed it: {revoker}.", locale=locale)
    mistake = mistake.format(revoker=revoker)
    return f"{head}\n{_details(role, place, revoker, since, locale)}\n\n{after}\n{mistake}"


def invitee_role_taken_text(
    person: str, role: Role, place: str, revoker: str, since: datetime, locale: str
) -> str:
    """To the colleague who invited the person: `person`, `place` and `revoker` are HTML."""
    head = _("A colleague you invited lost a role: {person}.", locale=locale).format(person=person)
    return f"<b>{head}</b>\n{_details(role, place, revoker, since, locale)}"
