"""Long lists (of organisations, people, measures) shown a page at a time, so a keyboard fits a phone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _

T = TypeVar("T")

PAGE_SIZE = 8


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    number: int  # 0-based, clamped into range
    count: int  # at least 1

    @property
    def has_previous(self) -> bool:
        return self.number > 0

    @property
    def has_next(self) -> bool:
        return self.number + 1 < self.count


def paginate(items: Sequence[T], number: int, size: int = PAGE_SIZE) -> Page[T]:
    """One page of items; a page number out of range (a stale button) shows the nearest page."""
    count = max(1, -(-len(items) // size))
    number = min(max(number, 0), count - 1)
    return Page(items[number * size : (number + 1) * size], number, count)


def fitted_pages(items: Sequence[T], text: Callable[[T], str], rows: int, budget: int) -> list[list[T]]:
    """Consecutive pages of at most `rows` items whose texts, a line each, take at most `budget` characters
    (an item longer than that alone on its page); one empty page when there are none."""
    pages: list[list[T]] = [[]]
    used = 0
    for item in items:
        size = len(text(item)) + 1
        if pages[-1] and (len(pages[-1]) == rows or used + size > budget):
            pages.append([])
            used = 0
        pages[-1].append(item)
        used += size
    return pages


def page_of(pages: Sequence[Sequence[T]], number: int) -> Page[T]:
    """One of pages cut beforehand; a number out of range (a stale button) shows the nearest page."""
    number = min(max(number, 0), len(pages) - 1)
    return Page(pages[number], number, len(pages))


def page_line(number: int, count: int, locale: str) -> str:
    """«Page 2 of 5» on a line of its own under a heading; nothing when there is one page."""
    if count <= 1:
        return ""
    return "\n" + _("Page {page} of {pages}", locale=locale).format(page=number + 1, pages=count)


def short(text: str, limit: int = 60) -> str:
    """A button label cut to fit a phone screen: at the last word boundary, with «…», so no label ends in
    half a word («…на основе интеракт», «ҮЕҰ-»). A first word longer than the limit is cut inside it."""
    if len(text) <= limit:
        return text
    head = text[:limit]  # one character more than kept: a space there means the last word ends whole
    cut = head.rsplit(" ", 1)[0] if " " in head.strip() else head[: limit - 1]
    return cut.rstrip(" .,;:—–-«(/") + "…"


def page_arrows(page: Page[T], to_page: Callable[[int], CallbackData]) -> list[InlineKeyboardButton]:
    """◀️ / ▶️ for the pages around this one; `to_page` makes the callback data of a page number."""
    arrows = []
    if page.has_previous:
        arrows.append(InlineKeyboardButton(text="◀️", callback_data=to_page(page.number - 1).pack()))
    if page.has_next:
        arrows.append(InlineKeyboardButton(text="▶️", callback_data=to_page(page.number + 1).pack()))
    return arrows
