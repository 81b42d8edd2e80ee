"""Texts and keyboards of /invite and /staff. Callback data classes live with their handlers."""

from __future__ import annotations

from datetime import datetime

from aiogram.utils.i18n import gettext as _
from babel.dates import format_datetime

from bot.access import Role
from bot.clock import KZ


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
    return _(
        "<b>Welcome to the staff of the bot.</b>\nYour role: {role}, {place}.\n\n"
        "/post — write a notice to parents\n/stats — subscribers and delivery\n"
        "/qr — a QR code for the school poster\n/invite — invite a colleague\n/staff — staff and roles",
        locale=locale,
    ).format(role=role_name(role, locale), place=place)


def invite_invalid_text(locale: str) -> str:
    return _(
        "This invitation link does not work: it was already used or has expired. "
        "Ask the colleague who sent it for a new one.",
        locale=locale,
    )


def staff_list_header(locale: str) -> str:
    return _("<b>Staff</b>", locale=locale)


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
