from __future__ import annotations

from aiogram.utils.i18n import gettext as _


def welcome_text(locale: str) -> str:
    return _(
        "<b>Welcome!</b> This bot is the schools' information channel for parents and students.\n\n"
        "Here you will find helplines and what to do when a child is in trouble.\n"
        "If you need help right now, call <b>111</b>: free, anonymous, round the clock.",
        locale=locale,
    )


def menu_text(locale: str) -> str:
    return _("Main menu. Choose a section:", locale=locale)


def help_text(locale: str) -> str:
    return (
        _(
            "<b>What this bot can do</b>\n"
            "/helplines — where to get help, in one message\n"
            "/sos — the same, when you need help now\n"
            "/memos — safety memos for parents\n"
            '/lessons — the "Personal safety" lessons and how to support them at home\n'
            "/familyhour — Family Hour, the parents' meetings at school\n"
            "/about — about the child-protection roadmap\n"
            "/language — Қазақша / Русский\n"
            "/forget — erase everything the bot knows about you\n\n"
            "To pass the helplines or a memo to a friend, type the bot's name in any chat and pick a card.",
            locale=locale,
        )
        + "\n\n"
        + subscriptions_help(locale)
        + "\n"
        + measures_help(locale)
    )


def subscriptions_help(locale: str) -> str:
    return _(
        "<b>School news</b>\n"
        "/subscribe — get your school's notices for parents\n"
        "/mysubscriptions — what you follow\n"
        "/unsubscribe — stop them",
        locale=locale,
    )


def measures_help(locale: str) -> str:
    return _(
        "/measures — how the roadmap's measures are progressing; /measure N — one measure", locale=locale
    )


def privacy_text(locale: str) -> str:
    return _(
        "<b>What the bot keeps about you</b>\n"
        "Your Telegram number (id), the language you chose, the dates of your first and last visit and, "
        "if you subscribe, which schools and grades you follow. Never a child's name.\n"
        "The bot does not keep what you write to it.\n\n"
        "You can erase it all at any time.",
        locale=locale,
    )


def stale_button_text(locale: str) -> str:
    return _("This button is out of date. Open /start for a fresh menu.", locale=locale)
