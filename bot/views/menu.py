from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.commands import Audience, commands_help
from bot.views.phrases import __

welcome_text = __(
    "<b>Welcome!</b> This bot is the schools' information channel for parents and students.\n\n"
    "Here you will find helplines and what to do when a child is in trouble.\n"
    "If you need help right now, call <b>111</b>: free, anonymous, round the clock."
)


menu_text = __("Main menu. Choose a section:")


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


stale_button_text = __("This button is out of date. Open /start for a fresh menu.")
