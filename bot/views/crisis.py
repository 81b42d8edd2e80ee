"""The crisis reply and its buttons: the reply that fits what was found, in the language of the message."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.content import Content
from bot.content.crisis import ADULT, REPLY_KINDS
from bot.crisis import Category, Finding
from bot.flows.buttons import button
from bot.views.rows import column

# Self-harm gets the reply for thoughts of suicide: the same help, the same words.
_REPLY_OF = {
    Category.SUICIDE: "suicide",
    Category.SELFHARM: "suicide",
    Category.VIOLENCE: "violence",
    Category.SEXUAL: "sexual",
    Category.BULLYING: "bullying",
    Category.DISTRESS: "distress",
}

__all__ = ["ADULT", "REPLY_KINDS", "CrisisAction", "CrisisCb"]


class CrisisAction(StrEnum):
    helplines = "h"
    memo = "m"


class CrisisCb(CallbackData, prefix="sos"):
    """Carries the language of the message the reply answered, so its buttons answer in that language too."""

    action: CrisisAction
    lang: str


def reply_kind(finding: Finding, content: Content) -> str:
    kind = ADULT if finding.about_child else _REPLY_OF[finding.category]
    group = content.crisis.group_of(finding.rule)
    variant = f"{kind}_{group}"
    return variant if group is not None and variant in REPLY_KINDS else kind


def crisis_reply(content: Content, locale: str, kind: str = "suicide") -> str:
    text = getattr(content.crisis.replies, kind).get(locale).strip()
    if kind == ADULT:
        return text
    return f"{text}\n{content.crisis.child_note.get(locale).strip()}"


def crisis_replies(content: Content, locale: str) -> Iterator[tuple[str, str]]:
    return ((kind, crisis_reply(content, locale, kind)) for kind in REPLY_KINDS)


def crisis_keyboard(kind: str, locale: str) -> InlineKeyboardMarkup:
    buttons = [
        button(_("🆘 All helplines", locale=locale), CrisisCb(action=CrisisAction.helplines, lang=locale))
    ]
    if kind == ADULT:
        memo = CrisisCb(action=CrisisAction.memo, lang=locale)
        buttons.append(button(_("💬 How to talk to the child", locale=locale), memo))
    return column(buttons)
