"""A post as parents see it: the one rendering used by the sender and by the author's preview.

Telegram's limits count the visible text (after HTML is parsed) in UTF-16 units: 4096 for a message, 1024 for
a caption. A post with media whose text would not fit a caption is sent as two messages: the media without a
caption, then the text (with the «Түсінікті» button), so nothing is cut. A channel that mirrors both
languages gets kk then ru in one message, or two messages when together they would not fit.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Protocol

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.views.event_buttons import rsvp_keyboard
from bot.views.rows import button

MAX_TEXT = 4096
MAX_CAPTION = 1024
LANGUAGES = ("kk", "ru")
BOTH = "both"
_TAG = re.compile(r"<[^>]+>")


class PostLike(Protocol):
    """What rendering needs: a Post row, or the /post flow's draft."""

    @property
    def id(self) -> int | None: ...  # read-only, so a Post (whose id is an int) matches

    text_kk: str
    text_ru: str
    media_kind: str | None
    media_file_id: str | None
    urgent: bool
    silent: bool


@dataclass(frozen=True, slots=True)
class RenderedPost:
    """What to send, in order: the media (with `caption`, or none), then each of `texts`.

    `reply_markup` goes on the last message sent; `message_count` is 1 or 2.
    """

    texts: tuple[str, ...]
    media_kind: str | None
    media_file_id: str | None
    caption: str | None
    reply_markup: InlineKeyboardMarkup | None
    disable_notification: bool

    @property
    def text(self) -> str | None:
        """The text of a post without media, or the first text message of one with media."""
        return self.texts[0] if self.texts else None

    @property
    def message_count(self) -> int:
        return (1 if self.media_kind else 0) + len(self.texts)


def visible_length(telegram_html: str) -> int:
    """Length as Telegram counts it: tags removed, entities decoded, UTF-16 code units."""
    plain = html.unescape(_TAG.sub("", telegram_html))
    return len(plain.encode("utf-16-le")) // 2


def _scope_name(scope_name: str | dict[str, str], language: str) -> str:
    return scope_name if isinstance(scope_name, str) else scope_name.get(language, "")


def _block(post: PostLike, language: str, scope_name: str | dict[str, str]) -> str:
    body = post.text_kk if language == "kk" else post.text_ru
    name = html.escape(_scope_name(scope_name, language))
    mark = "❗️" if post.urgent else "📢"
    return f"{mark} <b>{name}</b>\n\n{body}" if name else f"{mark} {body}"


class AckCb(CallbackData, prefix="ack"):
    post_id: int


def ack_label(language: str) -> str:
    if language == BOTH:
        return " / ".join(_("Got it", locale=lang) for lang in LANGUAGES)
    return _("Got it", locale=language)


def ack_keyboard(post_id: int, language: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[button(ack_label(language), AckCb(post_id=post_id))]])


def render_post(
    post: PostLike, language: str, scope_name: str | dict[str, str], *, with_ack: bool = True
) -> RenderedPost:
    """`language` is kk, ru or both; `scope_name` one name, or names by language (needed for both).

    An event's announcement carries the RSVP buttons instead of «Түсінікті».
    The acknowledgement button needs a post id; a draft without one (preview) shows the button anyway,
    bound to post 0, which the handler answers politely as unknown.
    """
    languages = LANGUAGES if language == BOTH else (language,)
    blocks = [_block(post, lang, scope_name) for lang in languages]
    joined = "\n\n".join(blocks)
    event_id = getattr(post, "event_id", None)  # the /post draft has none
    if event_id and with_ack:  # a channel copy has no buttons: answers come from parents in the bot
        markup: InlineKeyboardMarkup | None = rsvp_keyboard(event_id, language)
    else:
        markup = ack_keyboard(post.id or 0, language) if with_ack else None
    parts = [joined] if visible_length(joined) <= MAX_TEXT else blocks
    caption: str | None = None
    if post.media_kind and len(parts) == 1 and visible_length(parts[0]) <= MAX_CAPTION:
        caption, parts = parts[0], []
    return RenderedPost(
        texts=tuple(parts),
        media_kind=post.media_kind if post.media_file_id else None,
        media_file_id=post.media_file_id,
        caption=caption,
        reply_markup=markup,
        disable_notification=bool(post.silent),
    )


def fits(post: PostLike, scope_name: str | dict[str, str] = "") -> str | None:
    """None when both languages fit a message; else the first limit exceeded, as "kk:4096" or "ru:4096".

    Only the message limit matters: text too long for a caption goes in a message of its own.
    Pass the scope name(s) the post will carry, since the heading counts too.
    """
    for language in LANGUAGES:
        if visible_length(_block(post, language, scope_name)) > MAX_TEXT:
            return f"{language}:{MAX_TEXT}"
    return None


__all__ = [
    "BOTH",
    "MAX_CAPTION",
    "MAX_TEXT",
    "PostLike",
    "RenderedPost",
    "fits",
    "render_post",
    "visible_length",
]
