from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.commands import Audience, commands_help


def welcome_text(locale: str) -> str:
    return _(
        "<b>Welcome!</b> This bot is the schools' information channel for parents and students.\n\n"
        "Here you will find helplines and what to do when a child is in trouble.\n"
        "If you need help right now, call <b>111</b>: free, anonymous, round the clock.",
        locale=locale,
    )


def menu_text(locale: str) -> str:
    return _("Main menu. Choose a section:", locale=locale)


def help_text(locale: str, audience: Audience = Audience.EVERYONE) -> str:
    """/help: every command this user's roles allow, one line each, then how to share a card."""
    return (
        commands_help(audience, locale)
        + "\n\n"
        + _(
            "To pass the helplines or a memo to a friend, type the bot's name in any chat and pick a card.",
            locale=locale,
        )
    )


def stale_button_text(locale: str) -> str:
    return _("This button is out of date. Open /start for a fresh menu.", locale=locale)
