"""The crisis reply and its buttons: the reply that fits what was found, in the language of the message."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.content import Content, Memo
from bot.content.crisis import ADULT, ADULT_KINDS, MEMOLESS_KINDS, REPLY_KINDS
from bot.crisis import Category, Finding
from bot.flows.buttons import button
from bot.views.library_keyboards import memo_keyboard
from bot.views.navigation import menu_button
from bot.views.rows import column
from db.models import Material

# Self-harm gets the reply for thoughts of suicide: the same help, the same words.
_REPLY_OF = {
    Category.SUICIDE: "suicide",
    Category.SELFHARM: "suicide",
    Category.VIOLENCE: "violence",
    Category.SEXUAL: "sexual",
    Category.BULLYING: "bullying",
    Category.DISTRESS: "distress",
}
# An adult about a child who wants to die, harms themselves or is struggling: the plain adult reply, whose
# memo is on talking with the child. Violence, sexual abuse and bullying each need other first steps.
_ADULT_OF = {
    Category.VIOLENCE: "adult_violence",
    Category.SEXUAL: "adult_sexual",
    Category.BULLYING: "adult_bullying",
}
# An adult in crisis themself (Finding.adult_self): hurt or humiliated by a husband, wife or ex; raped or
# abused; or in despair. Whatever the kind, no word about children and no memo for parents.
_SELF_OF = {
    Category.VIOLENCE: "adult_violence_self",
    Category.BULLYING: "adult_violence_self",
    Category.SEXUAL: "adult_sexual_self",
}

# A child who tells of a friend's crisis gets the reply for one who helps (Finding.retold), unless the harm is
# in the writer's own home: a sibling beaten by a parent keeps the reply for a witness at home.
FRIEND = "friend"
_AT_HOME = ("witness",)

__all__ = ["ADULT", "REPLY_KINDS", "CrisisAction", "CrisisCb", "CrisisMemoCb"]


class CrisisAction(StrEnum):
    helplines = "h"
    memo = "m"  # the buttons of notes sent before there was a memo per kind: the plain adult memo


class CrisisCb(CallbackData, prefix="sos"):
    """Carries the language of the message the reply answered, so its buttons answer in that language too."""

    action: CrisisAction
    lang: str


class CrisisMemoCb(CallbackData, prefix="sosm"):
    """The memo under a reply to an adult: the reply's kind names the memo (content/crisis.yaml memos)."""

    kind: str
    lang: str


def reply_kind(finding: Finding, content: Content) -> str:
    group = content.crisis.group_of(finding.rule)
    if finding.adult_self:
        kind = _SELF_OF.get(finding.category, "adult_self")
    elif finding.about_child:
        kind = _ADULT_OF.get(finding.category, ADULT)
    elif finding.retold and group not in _AT_HOME:
        return FRIEND
    else:
        kind = _REPLY_OF[finding.category]
    variant = f"{kind}_{group}"
    return variant if group is not None and variant in REPLY_KINDS else kind


def is_adult(kind: str) -> bool:
    return kind in ADULT_KINDS


def crisis_reply(content: Content, locale: str, kind: str = "suicide") -> str:
    text = getattr(content.crisis.replies, kind).get(locale).strip()
    if is_adult(kind):
        return text
    return f"{text}\n{content.crisis.child_note.get(locale).strip()}"


def crisis_replies(content: Content, locale: str) -> Iterator[tuple[str, str]]:
    return ((kind, crisis_reply(content, locale, kind)) for kind in REPLY_KINDS)


def crisis_memo(content: Content, kind: str) -> Memo:
    """The memo under the reply of this kind; a kind the file no longer has gets the plain adult memo."""
    memo = content.memo(content.crisis.memos.get(kind, content.crisis.adult_memo))
    if memo is None:  # tests/unit/test_crisis_reply_fit.py keeps every slug of crisis.yaml in memos.yaml
        raise LookupError(f"content/crisis.yaml names a memo for {kind!r} that memos.yaml lacks")
    return memo


def crisis_keyboard(content: Content, kind: str, locale: str) -> InlineKeyboardMarkup:
    buttons = [
        button(_("🆘 All helplines", locale=locale), CrisisCb(action=CrisisAction.helplines, lang=locale))
    ]
    if is_adult(kind) and kind not in MEMOLESS_KINDS:
        label = crisis_memo(content, kind).get(locale).label
        buttons.append(button(f"📄 {label}", CrisisMemoCb(kind=kind, lang=locale)))
    return column(buttons)


def crisis_memo_keyboard(memo: Memo, locale: str, materials: Sequence[Material] = ()) -> InlineKeyboardMarkup:
    """A memo opened from a crisis reply: the keyboard a memo opened from the menu has (its files, Share, PDF,
    More memos) and the way to the menu, which a message of the crisis lane has nowhere else."""
    rows = memo_keyboard(memo, locale, materials).inline_keyboard
    return InlineKeyboardMarkup(inline_keyboard=[*rows, [menu_button(locale)]])
