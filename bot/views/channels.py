"""Texts of /channel: linking a Telegram channel that mirrors a scope's posts."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _


def channel_intro(linked: list[str], locale: str) -> str:
    lines = [_("<b>Channel mirror</b>", locale=locale)]
    if linked:
        lines.append(_("Linked channels; each confirmed post appears there once as well:", locale=locale))
        lines.extend(f"• {line}" for line in linked)
    else:
        lines.append(_("No channel is linked yet.", locale=locale))
    lines.append(
        _(
            "To link one: add this bot to your channel as an administrator allowed to post messages, "
            "then send me the channel's @username here, or forward me any post from it. /cancel stops.",
            locale=locale,
        )
    )
    return "\n".join(lines)


def language_name(language: str, locale: str) -> str:
    return {
        "kk": _("in Kazakh", locale=locale),
        "ru": _("in Russian", locale=locale),
        "both": _("in both languages", locale=locale),
    }[language]


def ask_channel_language(title: str, locale: str) -> str:
    return _("Channel «{title}»: in which language should posts appear there?", locale=locale).format(
        title=title
    )


def ask_channel_scope(locale: str) -> str:
    return _("Whose posts should the channel carry?", locale=locale)


def channel_linked(title: str, language: str, place: str, locale: str) -> str:
    return _("Done: «{title}» now carries the posts of {place}, {language}.", locale=locale).format(
        title=title, place=place, language=language_name(language, locale)
    )


def channel_unlinked(locale: str) -> str:
    return _("The channel is unlinked; new posts will not appear there.", locale=locale)


def channel_not_found(locale: str) -> str:
    return _(
        "I cannot see this channel. Check the @username, or forward a post from the channel.", locale=locale
    )


def bot_not_admin(locale: str) -> str:
    return _(
        "I am not an administrator of this channel with the right to post. Add me, then try again.",
        locale=locale,
    )


def user_not_admin(locale: str) -> str:
    return _("Only an administrator of the channel can link it.", locale=locale)


def channel_expected(locale: str) -> str:
    return _("Send the channel's @username or forward a post from it (or /cancel).", locale=locale)
