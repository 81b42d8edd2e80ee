"""Telegram's HTML subset (parse_mode=HTML) turned into plain text plus entities.

Mirrors tdlib's parser closely enough that its error texts and offsets (UTF-8 bytes in
messages, UTF-16 units in entities) match. In strict mode it is tighter than Telegram in
two places the Bot API documentation forbids anyway: a stray "&" / unknown named entity
(Telegram silently shows "&nbsp;" literally) and attributes the tag does not support.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from typing import Any

from .errors import MarkupError
from .text import byte_offset, sort_entities, utf16_len

_SPACES = " \t\r\n\f\v"
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href"},
    "span": {"class"},
    "code": {"class"},
    "tg-emoji": {"emoji-id"},
    "blockquote": {"expandable"},
}
_VALUELESS_ATTRIBUTES = {("blockquote", "expandable")}
_USER_LINK = re.compile(r"^tg://user\?id=(\d{1,19})$", re.IGNORECASE)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_BARE_HOST = re.compile(r"^[\w-]+(\.[\w-]+)*\.[A-Za-z]{2,}(:\d+)?([/?#].*)?$")
_LINK_SCHEMES = {"http", "https", "tg", "ton", "ftp", "mailto"}


@dataclass
class _OpenTag:
    name: str
    begin: int
    offset: int
    piece_index: int
    attributes: dict[str, str | None] = field(default_factory=dict)


def normalize_link(url: str) -> str | None:
    """What tdlib's check_url keeps of an href; None means Telegram drops the link silently."""
    url = url.strip()
    if not url:
        return None
    scheme = _SCHEME.match(url)
    if scheme and scheme.group(1).lower() in _LINK_SCHEMES:
        return url
    if not scheme and _BARE_HOST.match(url):
        return "http://" + url + ("" if "/" in url else "/")
    return None


def decode_entity(src: str, i: int) -> tuple[str, int] | None:
    """Decode the character reference at src[i] == "&"; None when it is not one Telegram knows."""
    n = len(src)
    j = i + 1
    if j < n and src[j] == "#":
        j += 1
        hexadecimal = j < n and src[j] == "x"
        if hexadecimal:
            j += 1
        start = j
        digits = string.hexdigits if hexadecimal else string.digits
        while j < n and src[j] in digits:
            j += 1
        if j == start or j - i >= 10:
            return None
        value = int(src[start:j], 16 if hexadecimal else 10)
        if value == 0 or value >= 0x10FFFF:
            return None
        char = chr(value)
    else:
        start = j
        while j < n and src[j].isascii() and src[j].isalpha():
            j += 1
        named = _NAMED.get(src[start:j])
        if named is None:
            return None
        char = named
    if j < n and src[j] == ";":
        j += 1
    return char, j


_MARKUP_CHAR = re.compile(r"[&<]")


class _HtmlParser:
    def __init__(self, src: str, strict: bool) -> None:
        self.src = src
        self.strict = strict
        self.pieces: list[str] = []
        self.offset = 0
        self.stack: list[_OpenTag] = []
        self.entities: list[dict[str, Any]] = []
        self.i = 0

    def at(self, index: int) -> int:
        return byte_offset(self.src, index)

    def emit(self, text: str) -> None:
        self.pieces.append(text)
        self.offset += utf16_len(text)

    def skip_spaces(self) -> None:
        while self.i < len(self.src) and self.src[self.i] in _SPACES:
            self.i += 1

    def parse(self) -> tuple[str, list[dict[str, Any]]]:
        src = self.src
        while self.i < len(src):
            char = src[self.i]
            if char == "&":
                self.text_entity()
            elif char == "<":
                if self.i + 1 < len(src) and src[self.i + 1] == "/":
                    self.end_tag()
                else:
                    self.start_tag()
            else:
                # Emit the whole run of plain text up to the next markup character at once.
                end = _MARKUP_CHAR.search(src, self.i)
                stop = end.start() if end else len(src)
                self.emit(src[self.i : stop])
                self.i = stop
        if self.stack:
            raise MarkupError(f'Can\'t find end tag corresponding to start tag "{self.stack[-1].name}"')
        for entity in self.entities:
            entity.pop("_language", None)
        return "".join(self.pieces), sort_entities(self.entities)

    def text_entity(self) -> None:
        decoded = decode_entity(self.src, self.i)
        if decoded is not None:
            char, self.i = decoded
            if 0xD800 <= ord(char) <= 0xDFFF:
                raise MarkupError(
                    "Text contains invalid Unicode characters after decoding HTML entities, "
                    "check for unmatched surrogate code units"
                )
            self.emit(char)
            return
        if self.strict:
            snippet = re.match(r"&[#A-Za-z0-9]{0,10};?", self.src[self.i :])
            shown = snippet.group(0) if snippet else "&"
            raise MarkupError(
                f'Unsupported HTML entity "{shown}" at byte offset {self.at(self.i)}; '
                'a literal "&" must be written as "&amp;"'
            )
        self.emit("&")
        self.i += 1

    def start_tag(self) -> None:
        src = self.src
        begin = self.i
        self.i += 1
        while self.i < len(src) and src[self.i] not in _SPACES and src[self.i] != ">":
            self.i += 1
        if self.i >= len(src):
            raise MarkupError(f"Unclosed start tag at byte offset {self.at(begin)}")
        name = src[begin + 1 : self.i].lower()
        if name not in _TAG_TYPES:
            raise MarkupError(f'Unsupported start tag "{name}" at byte offset {self.at(begin)}')
        tag = _OpenTag(name=name, begin=begin, offset=self.offset, piece_index=len(self.pieces))
        self.attributes(tag)
        if name == "span" and tag.attributes.get("class") != "tg-spoiler":
            raise MarkupError(f'Tag "span" must have class "tg-spoiler" at byte offset {self.at(begin)}')
        if name == "tg-emoji":
            emoji_id = tag.attributes.get("emoji-id") or ""
            if not emoji_id.isdigit() or int(emoji_id) == 0:
                raise MarkupError("Invalid custom emoji identifier specified")
        self.stack.append(tag)

    def attributes(self, tag: _OpenTag) -> None:
        src = self.src
        at_begin = self.at(tag.begin)
        while True:
            self.skip_spaces()
            if self.i >= len(src):
                raise MarkupError(f"Unclosed start tag at byte offset {at_begin}")
            if src[self.i] == ">":
                self.i += 1
                return
            name_start = self.i
            while self.i < len(src) and src[self.i] not in _SPACES and src[self.i] not in "=>":
                self.i += 1
            name = src[name_start : self.i].lower()
            if not name:
                raise MarkupError(f'Empty attribute name in the tag "{tag.name}" at byte offset {at_begin}')
            self.skip_spaces()
            value: str | None = None
            if self.i < len(src) and src[self.i] == "=":
                self.i += 1
                value = self.attribute_value(tag)
            elif (tag.name, name) not in _VALUELESS_ATTRIBUTES and self.strict:
                raise MarkupError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag.name}" '
                    f"at byte offset {at_begin}"
                )
            if name in _ALLOWED_ATTRIBUTES.get(tag.name, set()):
                tag.attributes[name] = value
            elif self.strict:
                raise MarkupError(
                    f'Unsupported attribute "{name}" in the tag "{tag.name}" at byte offset {at_begin}'
                )

    def attribute_value(self, tag: _OpenTag) -> str:
        src = self.src
        self.skip_spaces()
        if self.i >= len(src):
            raise MarkupError(f'Unclosed start tag "{tag.name}" at byte offset {self.at(tag.begin)}')
        quote = src[self.i]
        if quote not in "'\"":
            token_start = self.i
            while self.i < len(src) and (
                (src[self.i].isascii() and src[self.i].isalnum()) or src[self.i] in ".-"
            ):
                self.i += 1
            if self.i < len(src) and src[self.i] not in _SPACES and src[self.i] != ">":
                raise MarkupError(f"Unexpected end of name token at byte offset {self.at(token_start)}")
            return src[token_start : self.i].lower()
        self.i += 1
        chars: list[str] = []
        while self.i < len(src) and src[self.i] != quote:
            # Raw "&" inside an href is common and harmless (Telegram keeps it), so no strictness here.
            decoded = decode_entity(src, self.i) if src[self.i] == "&" else None
            if decoded is not None:
                chars.append(decoded[0])
                self.i = decoded[1]
            else:
                chars.append(src[self.i])
                self.i += 1
        if self.i >= len(src):
            raise MarkupError(f"Unclosed start tag at byte offset {self.at(tag.begin)}")
        self.i += 1
        return "".join(chars)

    def end_tag(self) -> None:
        src = self.src
        begin = self.i
        if not self.stack:
            raise MarkupError(f"Unexpected end tag at byte offset {self.at(begin)}")
        self.i += 2
        while self.i < len(src) and src[self.i] not in _SPACES and src[self.i] != ">":
            self.i += 1
        end_name = src[begin + 2 : self.i].lower()
        self.skip_spaces()
        if self.i >= len(src) or src[self.i] != ">":
            raise MarkupError(f"Unclosed end tag at byte offset {self.at(begin)}")
        self.i += 1
        tag = self.stack[-1]
        if end_name and end_name != tag.name:
            raise MarkupError(
                f'Unmatched end tag at byte offset {self.at(begin)}, expected "</{tag.name}>", '
                f'found "</{end_name}>"'
            )
        self.stack.pop()
        if self.offset > tag.offset:
            self.close_entity(tag)

    def close_entity(self, tag: _OpenTag) -> None:
        entity: dict[str, Any] = {"type": _TAG_TYPES[tag.name], "offset": tag.offset}
        entity["length"] = self.offset - tag.offset
        attributes = tag.attributes
        if tag.name == "a":
            url = attributes.get("href") or "".join(self.pieces[tag.piece_index :])
            user = _USER_LINK.match(url.strip())
            if user:
                entity["type"] = "text_mention"
                entity["user"] = {"id": int(user.group(1)), "is_bot": False, "first_name": ""}
            else:
                link = normalize_link(url)
                if link is None:
                    return
                entity["url"] = link
        elif tag.name == "tg-emoji":
            entity["custom_emoji_id"] = attributes["emoji-id"]
        elif tag.name == "blockquote" and "expandable" in attributes:
            entity["type"] = "expandable_blockquote"
        elif tag.name == "code":
            language = attributes.get("class") or ""
            if language.startswith("language-") and len(language) > len("language-"):
                entity["_language"] = language[len("language-") :]
            if self.merge_code_into_pre(entity):
                return
        elif tag.name == "pre" and self.absorb_inner_code(entity):
            return
        self.entities.append(entity)

    def inner(self, kind: str, outer: dict[str, Any]) -> dict[str, Any] | None:
        """The entity just closed, if it is a `kind` spanning exactly what `outer` spans."""
        last = self.entities[-1] if self.entities else None
        span = (outer["offset"], outer["length"])
        return last if last and last["type"] == kind and (last["offset"], last["length"]) == span else None

    def absorb_inner_code(self, pre: dict[str, Any]) -> bool:
        """<pre><code class="language-x">…</code></pre> is one pre entity with a language."""
        code = self.inner("code", pre)
        if code is None or "_language" not in code:
            return False
        self.entities[-1] = {**pre, "language": code["_language"]}
        return True

    def merge_code_into_pre(self, code: dict[str, Any]) -> bool:
        """The inverted nesting <code class="language-x"><pre>…</pre></code> means the same."""
        pre = self.inner("pre", code)
        if pre is None or "_language" not in code:
            return False
        pre["language"] = code["_language"]
        return True


def parse_html(src: str, *, strict: bool = True) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain text, entities) or raise MarkupError with tdlib's wording."""
    return _HtmlParser(src, strict).parse()
