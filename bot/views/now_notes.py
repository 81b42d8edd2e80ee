"""What a question asked again from a summary's ✏️ Change says the part holds now, in every wizard."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.views.phrases import __

# The attachment of a post or an event as the question about it names it.
MEDIA_NOW = {"photo": __("a photo"), "document": __("a document"), None: __("no attachment")}


def now_note(value: str, locale: str) -> str:
    """One line under the question: the value (HTML, escaped by the caller) the part holds now."""
    return _("Currently: {value}", locale=locale).format(value=value)


def text_now_note(text: str, locale: str) -> str:
    """The text (Telegram HTML, as kept) the author is about to replace."""
    return _("The text now:", locale=locale) + "\n" + text


def media_now_note(kind: str | None, locale: str) -> str:
    return now_note(_(MEDIA_NOW.get(kind, MEDIA_NOW[None]), locale=locale), locale)
