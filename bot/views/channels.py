"""Texts, callback data and keyboards of /channel: linking a Telegram channel that mirrors a scope's posts.

Every button carries the prefix `chn`, each kind of press its own typed class.
"""

from __future__ import annotations

from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.flows.buttons import button, nav_row
from bot.views.orgs import org_name
from bot.views.phrases import __
from db.models import Organisation

_LINKED = __("Linked channels; each confirmed post appears there once as well:")
_NONE_LINKED = __("No channel is linked yet.")
_HOW_TO_LINK = __(
    "To link one: add this bot to your channel as an administrator allowed to post messages, "
    "then send me the channel's @username here, or forward me any post from it. /cancel stops."
)
_LANGUAGE_NAMES = {"kk": __("in Kazakh"), "ru": __("in Russian"), "both": __("in both languages")}


def channel_intro(linked: list[str], locale: str) -> str:
    listed = [_LINKED(locale), *(f"• {line}" for line in linked)] if linked else [_NONE_LINKED(locale)]
    return "\n".join([_("<b>Channel mirror</b>", locale=locale), *listed, _HOW_TO_LINK(locale)])


def language_name(language: str, locale: str) -> str:
    return _LANGUAGE_NAMES[language](locale)


def ask_channel_language(title: str, locale: str) -> str:
    return _("Channel «{title}»: in which language should posts appear there?", locale=locale).format(
        title=title
    )


ask_channel_scope = __("Whose posts should the channel carry?")


def channel_linked(title: str, language: str, place: str, locale: str) -> str:
    return _("Done: «{title}» now carries the posts of {place}, {language}.", locale=locale).format(
        title=title, place=place, language=language_name(language, locale)
    )


channel_unlinked = __("The channel is unlinked; new posts will not appear there.")
channel_not_found = __("I cannot see this channel. Check the @username, or forward a post from the channel.")
bot_not_admin = __(
    "I am not an administrator of this channel with the right to post. Add me, then try again."
)
user_not_admin = __("Only an administrator of the channel can link it.")
channel_expected = __("Send the channel's @username or forward a post from it (or /cancel).")


# Buttons ---------------------------------------------------------------------------------------------------

PREFIX = "chn"
Language = Literal["kk", "ru", "both"]
LANGUAGES: tuple[Language, ...] = ("kk", "ru", "both")


class ChannelScopeCb(CallbackData, prefix=PREFIX):
    act: Literal["s"] = "s"
    code: str


class ChannelLanguageCb(CallbackData, prefix=PREFIX):
    act: Literal["l"] = "l"
    language: Language


class ChannelUnlinkCb(CallbackData, prefix=PREFIX):
    act: Literal["u"] = "u"
    chat_id: int


class ChannelCancelCb(CallbackData, prefix=PREFIX):
    act: Literal["x"] = "x"


def _with_cancel(rows: list[list[InlineKeyboardButton]], locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*rows, nav_row(ChannelCancelCb(), locale)])


def unlink_keyboard(channels: list[tuple[int, str]], locale: str) -> InlineKeyboardMarkup:
    """A linked channel's ✖️ unlinks it; Cancel stops waiting for a channel to link."""
    rows = [[button(f"✖️ {title}", ChannelUnlinkCb(chat_id=chat_id))] for chat_id, title in channels]
    return _with_cancel(rows, locale)


def language_keyboard(locale: str) -> InlineKeyboardMarkup:
    rows = [
        [button(language_name(language, locale).capitalize(), ChannelLanguageCb(language=language))]
        for language in LANGUAGES
    ]
    return _with_cancel(rows, locale)


def scope_keyboard(options: list[Organisation], locale: str) -> InlineKeyboardMarkup:
    rows = [[button(org_name(org, locale), ChannelScopeCb(code=org.code))] for org in options]
    return _with_cancel(rows, locale)
