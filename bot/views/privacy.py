"""The privacy screen, /forget's confirmations and /mydata's summary; their buttons' callback data."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _

from bot.content import Content
from bot.flows.buttons import button
from bot.settings import DEFAULT_OUTBOX_RETENTION_DAYS
from bot.views.phrases import Phrase, __
from bot.views.staff import role_name
from bot.views.subscriptions import subscription_lines
from db.repositories.subscriptions import SubscriptionView


class EraseStep(StrEnum):
    ask = "ask"
    confirm = "yes"


class EraseCb(CallbackData, prefix="erase"):
    step: EraseStep


class MyDataCb(CallbackData, prefix="mydata"):
    pass


def privacy_screen(content: Content, locale: str, outbox_days: int = DEFAULT_OUTBOX_RETENTION_DAYS) -> str:
    return content.privacy.text(locale, outbox_days)


def privacy_buttons(locale: str) -> list[list[InlineKeyboardButton]]:
    return [
        [button(_("📄 My data as a file", locale=locale), MyDataCb())],
        [button(_("🗑 Erase my data", locale=locale), EraseCb(step=EraseStep.ask))],
    ]


_subscriptions_go = __("Your subscriptions go too: school posts will stop coming to you.")
_posts_stop = __("School posts will stop coming to you.")


def confirm_text(locale: str, roles: list[tuple[str, str]], is_admin: bool, subscribed: bool = False) -> str:
    """`roles`: (role, place) of a staff member, whose roles go too; `subscribed`: someone whose schools'
    posts will stop. Said before they press."""
    parts = [_("Erase everything the bot keeps about you? This cannot be undone.", locale=locale)]
    if subscribed:
        parts[0] += " " + _subscriptions_go(locale)
    if roles:
        listed = "\n".join(f"• {role_name(role, locale)}, {place}" for role, place in roles)
        parts.append(
            _(
                "You are staff. Your roles will be removed too, and invitations you made that nobody has "
                "used yet will be cancelled:\n{roles}\nWhat you published (posts, events, updates) and the "
                "action log stay for the record, signed with a random number instead of your id. "
                "To work in the bot again you will need a new invitation.",
                locale=locale,
            ).format(roles=listed)
        )
    if is_admin:
        parts.append(
            _(
                "Administrator rights come from the bot's settings (ADMIN_IDS), not from the bot's data: "
                "they stay until the settings are changed.",
                locale=locale,
            )
        )
    return "\n\n".join(parts)


def confirm_button_text(locale: str, staff: bool) -> str:
    if staff:
        return _("Yes, erase and remove my roles", locale=locale)
    return _("Yes, erase", locale=locale)


def erased_text(locale: str, roles: int, invites: int, subscribed: bool = False) -> str:
    """Done, and what next: /start begins again, the helplines stay (their button is under it)."""
    done = _("Done: the bot has forgotten you. To start again, send /start.", locale=locale)
    if subscribed:
        done += " " + _posts_stop(locale)
    text = done + "\n" + _("Helplines stay open to you: the button below or /helplines.", locale=locale)
    if roles or invites:
        text += "\n\n" + _(
            "Your roles are removed ({roles}), open invitations cancelled ({invites}).", locale=locale
        ).format(roles=roles, invites=invites)
    return text


# What /mydata counts, by the key of its file (subscriptions are listed by name).
_COUNTED = {
    "event_answers": __("• answers to meetings: {n}"),
    "deliveries": __("• notices sent to you: {n}"),
    "acknowledgements": __("• «Understood» presses: {n}"),
    "staff_roles": __("• staff roles: {n}"),
}


# A language by its name, in the reader's language.
LANGUAGE_NAMES: dict[str, Phrase] = {"kk": __("the Kazakh language"), "ru": __("the Russian language")}
_SUBSCRIPTION = "  ◦ "  # a subscription's line under «subscriptions:»


def language_name(code: str, locale: str) -> str:
    name = LANGUAGE_NAMES.get(code)
    return name(locale) if name else code


def mydata_summary(data: dict[str, Any], subscriptions: list[SubscriptionView], locale: str) -> str:
    """A few plain words on what the file holds; `subscriptions` names the schools and grades followed."""
    lines = [_("<b>What the bot keeps about you</b> (all of it is in the file):", locale=locale)]
    user = data.get("user") or {}
    if language := user.get("language"):
        lines.append(
            _("• the language you chose: {language}", locale=locale).format(
                language=language_name(language, locale)
            )
        )
    elif language := user.get("telegram_language"):
        lines.append(
            _("• the language of your Telegram: {language}", locale=locale).format(
                language=language_name(language, locale)
            )
        )
    if subscriptions:
        lines.append(_("• subscriptions:", locale=locale))
        lines.append(subscription_lines(subscriptions, locale, bullet=_SUBSCRIPTION))
    for key, label in _COUNTED.items():
        if n := len(data.get(key) or []):
            lines.append(label(locale).format(n=n))
    if len(lines) == 1:
        lines.append(_("• nothing beyond your id and the dates of your visits", locale=locale))
    lines.append(_("To erase it all: /forget", locale=locale))
    return "\n".join(lines)


mydata_caption = __("Your data in the bot, as JSON.")
