"""parse_mode=MarkdownV2 (tdlib rules) and the legacy parse_mode=Markdown.

The project formats with HTML; these exist so a stray MarkdownV2 message fails here the
way it would in production (unescaped "." or "!" is the classic mistake).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import MarkupError
from .html_parser import normalize_link
from .text import byte_offset, sort_entities, utf16_len

_RESERVED = set("_*[]()~`>#+-=|{}.!")
_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}
_MARKERS = {"bold": "*", "italic": "_", "underline": "__", "strikethrough": "~", "spoiler": "||"}


@dataclass
class _Open:
    kind: str
    begin: int
    offset: int
    piece_index: int
    language: str = ""


class _MarkdownV2:
    def __init__(self, src: str) -> None:
        self.src = src
        self.i = 0
        self.pieces: list[str] = []
        self.offset = 0
        self.stack: list[_Open] = []
        self.entities: list[dict[str, Any]] = []
        self.quote: _Open | None = None
        self.quote_expandable = False
        self.quote_depth = 0

    def emit(self, text: str) -> None:
        self.pieces.append(text)
        self.offset += utf16_len(text)

    def unterminated(self, entry: _Open) -> MarkupError:
        name = "PreCode" if entry.kind == "pre" and entry.language else _NAMES[entry.kind]
        return MarkupError(
            f"Can't find end of {name} entity at byte offset {byte_offset(self.src, entry.begin)}"
        )

    def open(self, kind: str, width: int, language: str = "") -> None:
        self.stack.append(_Open(kind, self.i, self.offset, len(self.pieces), language))
        self.i += width

    def add_entity(self, kind: str, offset: int, **extra: Any) -> None:
        """An entity from `offset` to here; an empty one is left out, as Telegram does."""
        if self.offset > offset:
            self.entities.append({"type": kind, "offset": offset, "length": self.offset - offset, **extra})

    def close(self, width: int) -> None:
        entry = self.stack.pop()
        self.i += width
        self.add_entity(entry.kind, entry.offset, **({"language": entry.language} if entry.language else {}))

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        src = self.src
        while self.i < len(src):
            char = src[self.i]
            at_line_start = self.i == 0 or src[self.i - 1] == "\n"
            if char == "\\" and self.i + 1 < len(src) and 0 < ord(src[self.i + 1]) <= 126:
                self.emit(src[self.i + 1])
                self.i += 2
                continue
            top = self.stack[-1] if self.stack else None
            if top is not None and top.kind in ("code", "pre"):
                self.inside_code(top)
                continue
            if char == "\n":
                self.newline()
                continue
            if at_line_start and self.quote_line_start():
                continue
            if top is not None and self.ends(top):
                continue
            if not self.starts(char, top):
                if char in _RESERVED:
                    raise MarkupError(
                        f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
                    )
                self.emit(char)
                self.i += 1
        if self.stack:
            raise self.unterminated(self.stack[-1])
        self.close_quote()
        return "".join(self.pieces), sort_entities(self.entities)

    def inside_code(self, top: _Open) -> None:
        src = self.src
        if top.kind == "code" and src[self.i] == "`":
            self.close(1)
        elif top.kind == "pre" and src.startswith("```", self.i):
            self.close(3)
        else:
            self.emit(src[self.i])
            self.i += 1

    def ends(self, top: _Open) -> bool:
        src = self.src
        marker = _MARKERS.get(top.kind)
        if marker is None or not src.startswith(marker, self.i):
            return False
        if top.kind == "italic" and src.startswith("__", self.i):
            return False
        if top.kind == "spoiler" and self.quote_expandable and self.closes_expandable_quote():
            return False
        self.close(len(marker))
        return True

    def starts(self, char: str, top: _Open | None) -> bool:
        src = self.src
        if char == "_":
            self.open(
                "underline" if src.startswith("__", self.i) else "italic",
                2 if src.startswith("__", self.i) else 1,
            )
        elif char == "*":
            self.open("bold", 1)
        elif char == "~":
            self.open("strikethrough", 1)
        elif char == "|" and src.startswith("||", self.i):
            if self.quote_expandable and self.closes_expandable_quote():
                self.i += 2
                self.close_quote()
            else:
                self.open("spoiler", 2)
        elif char == "`":
            if src.startswith("```", self.i):
                newline = src.find("\n", self.i + 3)
                header = src[self.i + 3 : newline] if newline != -1 else ""
                language = header if header and not any(c.isspace() for c in header) else ""
                self.open("pre", 3, language)
                if language:
                    self.i = newline + 1
            else:
                self.open("code", 1)
        elif char == "[":
            self.open("text_link", 1)
        elif char == "!" and src.startswith("![", self.i):
            self.open("custom_emoji", 2)
        elif char == "]" and top is not None and top.kind in ("text_link", "custom_emoji"):
            self.finish_link(top)
        else:
            return False
        return True

    def read_url(self, top: _Open) -> str | None:
        src = self.src
        if not src.startswith("(", self.i + 1):
            self.i += 1
            return None
        start = self.i + 2
        j = start
        chars: list[str] = []
        while j < len(src) and src[j] != ")":
            if src[j] == "\\" and j + 1 < len(src):
                j += 1
            chars.append(src[j])
            j += 1
        if j >= len(src):
            what = "a custom emoji URL" if top.kind == "custom_emoji" else "a URL"
            raise MarkupError(f"Can't find end of {what} at byte offset {byte_offset(src, start)}")
        self.i = j + 1
        return "".join(chars)

    def finish_link(self, top: _Open) -> None:
        url = self.read_url(top)
        entry = self.stack.pop()
        if top.kind == "custom_emoji":
            if url is None:
                raise MarkupError("Custom emoji entity must contain a tg://emoji URL")
            emoji_id = url.partition("?id=")[2] if url.startswith("tg://emoji?id=") else ""
            if not emoji_id.isdigit() or emoji_id.startswith("0"):
                raise MarkupError("Invalid custom emoji identifier specified")
            self.add_entity("custom_emoji", entry.offset, custom_emoji_id=emoji_id)
            return
        link = normalize_link(url if url is not None else "".join(self.pieces[entry.piece_index :]))
        if link is not None:
            self.add_entity("text_link", entry.offset, url=link)

    def quote_line_start(self) -> bool:
        src = self.src
        expandable = src.startswith("**>", self.i)
        if not (expandable or src[self.i] == ">"):
            return False
        if self.quote is None:
            self.quote = _Open("blockquote", self.i, self.offset, len(self.pieces))
            self.quote_expandable = expandable
            self.quote_depth = len(self.stack)
        self.i += 3 if expandable else 1
        return True

    def newline(self) -> None:
        src = self.src
        if self.quote is not None and not src.startswith(">", self.i + 1):
            if len(self.stack) > self.quote_depth:
                raise self.unterminated(self.stack[-1])
            self.close_quote()
        self.emit("\n")
        self.i += 1

    def closes_expandable_quote(self) -> bool:
        after = self.i + 2
        return after >= len(self.src) or self.src[after] == "\n"

    def close_quote(self) -> None:
        quote, self.quote = self.quote, None
        if quote is not None:
            kind = "expandable_blockquote" if self.quote_expandable else "blockquote"
            self.add_entity(kind, quote.offset)
        self.quote_expandable = False


def parse_markdown_v2(src: str) -> tuple[str, list[dict[str, Any]]]:
    return _MarkdownV2(src).parse()


_LEGACY = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Legacy Markdown: flat *bold*, _italic_, `code`, ```pre```, [text](url); escapes with backslash."""
    pieces: list[str] = []
    entities: list[dict[str, Any]] = []
    offset = 0
    i = 0
    while i < len(src):
        char = src[i]
        if char == "\\" and i + 1 < len(src) and src[i + 1] in "_*`[":
            pieces.append(src[i + 1])
            offset += 1
            i += 2
            continue
        if char not in "_*`[":
            pieces.append(char)
            offset += utf16_len(char)
            i += 1
            continue
        marker, kind = char, _LEGACY.get(char, "text_link")
        if src.startswith("```", i):
            marker, kind = "```", "pre"
        if kind == "text_link":
            close = src.find("](", i)
            end = src.find(")", close + 2) if close != -1 else -1
            inner, url = (src[i + 1 : close], src[close + 2 : end]) if end != -1 else ("", "")
        else:
            end = src.find(marker, i + len(marker))
            inner, url = (src[i + len(marker) : end], "") if end != -1 else ("", "")
        if end == -1:
            raise MarkupError(f"Can't find end of the entity starting at byte offset {byte_offset(src, i)}")
        length = utf16_len(inner)
        if length:
            entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
            if kind == "text_link":
                link = normalize_link(url)
                if link is None:
                    entity = {}
                else:
                    entity["url"] = link
            if entity:
                entities.append(entity)
        pieces.append(inner)
        offset += length
        i = end + (1 if kind == "text_link" else len(marker))
    return "".join(pieces), entities
