from __future__ import annotations

from html import escape

from aiogram.utils.i18n import gettext as _

from bot.content import Memo, MemoCategory
from bot.views.phrases import __

helpline_line = __("☎️ <b>111</b> — free, anonymous, round the clock. If a life is in danger: <b>112</b>.")


def memo_message(memo: Memo, locale: str) -> str:
    text = memo.get(locale)
    return f"<b>{escape(text.title)}</b>\n\n{text.body.strip()}\n\n{helpline_line(locale)}"


memos_intro = __(
    "<b>Safety memos</b>\nShort notes for parents: what to watch for, what to do, whom to call. "
    "Choose a topic:"
)


def category_text(category: MemoCategory, locale: str) -> str:
    return f"<b>{escape(category.title(locale))}</b>\n" + _("Choose a memo:", locale=locale)
