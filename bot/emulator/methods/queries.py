"""Answers to callback and inline queries, which users wait on."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from ..errors import QUERY_TOO_OLD, bad_request
from ..formatting import caption_text, inline_message_text
from ..keyboards import check_reply_markup
from ..params import Params
from ..state import PendingQuery
from .registry import api_method

if TYPE_CHECKING:
    from ..emulator import Emulator

MAX_CALLBACK_TEXT = 200
MAX_INLINE_RESULTS = 50
MAX_RESULT_ID_BYTES = 64
_RESULT_TYPES = {
    "article",
    "photo",
    "gif",
    "mpeg4_gif",
    "video",
    "audio",
    "voice",
    "document",
    "location",
    "venue",
    "contact",
    "game",
    "sticker",
}


def _pending(emu: Emulator, p: Params, name: str, kind: str) -> PendingQuery:
    query = emu.world.queries.get(p.str(name) or "")
    expired = query is not None and time.monotonic() - query.created > emu.query_ttl
    if query is None or query.kind != kind or query.answered or expired:
        raise bad_request(QUERY_TOO_OLD)
    return query


def _resolve(query: PendingQuery, answer: dict[str, Any]) -> None:
    query.answered = True
    if not query.future.done():
        query.future.set_result(answer)


@api_method("answerCallbackQuery")
async def answer_callback_query(emu: Emulator, p: Params) -> bool:
    query = _pending(emu, p, "callback_query_id", "callback")
    text = p.str("text")
    if text is not None and len(text) > MAX_CALLBACK_TEXT:
        raise bad_request("MESSAGE_TOO_LONG")
    _resolve(
        query,
        {
            "text": text,
            "show_alert": p.bool("show_alert"),
            "url": p.str("url"),
            "cache_time": p.int("cache_time", 0),
        },
    )
    return True


def _check_result(emu: Emulator, result: Any, seen: set[str]) -> None:
    if not isinstance(result, dict) or result.get("type") not in _RESULT_TYPES:
        raise bad_request("RESULT_TYPE_INVALID")
    result_id = result.get("id")
    if not isinstance(result_id, str) or not result_id:
        raise bad_request("RESULT_ID_EMPTY")
    if len(result_id.encode("utf-8")) > MAX_RESULT_ID_BYTES:
        raise bad_request("RESULT_ID_INVALID")
    if result_id in seen:
        raise bad_request("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    content = result.get("input_message_content")
    if result["type"] == "article":
        if not str(result.get("title") or "").strip():
            raise bad_request("ARTICLE_TITLE_EMPTY")
        if not isinstance(content, dict):
            raise bad_request(
                "can't parse InputMessageContent: input_message_content is required for articles"
            )
    if isinstance(content, dict) and "message_text" in content:
        inline_message_text(content, strict_html=emu.strict_html)
    if "caption" in result:
        caption_text(
            result.get("caption"),
            result.get("parse_mode"),
            result.get("caption_entities"),
            strict_html=emu.strict_html,
        )
    check_reply_markup(result.get("reply_markup"), inline_only=True)


@api_method("answerInlineQuery")
async def answer_inline_query(emu: Emulator, p: Params) -> bool:
    query = _pending(emu, p, "inline_query_id", "inline")
    results = p.json("results", error="can't parse inline query results JSON object")
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        _check_result(emu, result, seen)
    next_offset = p.str("next_offset") or ""
    if len(next_offset.encode("utf-8")) > 64:
        raise bad_request("NEXT_OFFSET_INVALID")
    _resolve(
        query,
        {
            "results": results,
            "cache_time": p.int("cache_time", 300),
            "is_personal": p.bool("is_personal"),
            "next_offset": next_offset,
            "button": p.json("button", error="can't parse inline query results button JSON object"),
        },
    )
    return True
