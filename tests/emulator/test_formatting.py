"""Text validation: Telegram's HTML subset, limits after entity parsing, parse modes."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import MessageEntity

from bot.emulator.emulator import Emulator
from bot.emulator.errors import MarkupError
from bot.emulator.html_parser import parse_html

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


@pytest.fixture
async def user(emu: Emulator):
    sim = emu.user(2001, "Aigerim")
    await sim.send("/start")
    return sim


@pytest.mark.asyncio
async def test_html_nested_tags_and_entities_resolve_to_plain_text(emu: Emulator, bot: Bot, user) -> None:
    html = (
        "<b>Bold <i>both</i></b> &lt;tag&gt; &amp; &quot;q&quot; &#8212; "
        '<a href="https://example.org/?a=1&b=2">link</a> <tg-spoiler>s</tg-spoiler> '
        '<pre><code class="language-python">x = 1</code></pre> '
        "<blockquote expandable>quote</blockquote> 😀<u>u</u>"
    )
    sent = await bot.send_message(user.id, html, parse_mode="HTML")
    expected = 'Bold both <tag> & "q" — link s x = 1 quote 😀u'
    assert sent.text == expected
    assert user.last["text"] == expected
    entities = {(e["type"], e["offset"], e["length"]) for e in user.last["entities"]}
    assert ("bold", 0, 9) in entities and ("italic", 5, 4) in entities
    assert ("text_link", 24, 4) in entities
    assert ("pre", 31, 5) in entities
    assert ("underline", 45, 1) in entities, "the emoji before it counts as two UTF-16 units"
    link = next(e for e in user.last["entities"] if e["type"] == "text_link")
    assert link["url"] == "https://example.org/?a=1&b=2"
    assert next(e for e in user.last["entities"] if e["type"] == "pre")["language"] == "python"
    assert emu.rejections == []


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<div>hi</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("a&nbsp;b", 'Unsupported HTML entity "&nbsp;" at byte offset 1'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ('<b class="x">y</b>', 'Unsupported attribute "class" in the tag "b"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("text</b>", "Unexpected end tag at byte offset 4"),
    ],
)
@pytest.mark.asyncio
async def test_html_rejections_match_telegram(emu: Emulator, bot: Bot, user, html: str, reason: str) -> None:
    with pytest.raises(TelegramBadRequest) as caught:
        await bot.send_message(user.id, html, parse_mode="HTML")
    assert caught.value.message.startswith("Bad Request: can't parse entities: ")
    assert reason in caught.value.message
    assert [r.description for r in emu.rejections] == [caught.value.message]
    assert emu.rejections[0].method == "sendMessage"
    assert user.messages == []


def test_html_parser_counts_utf16_and_bytes() -> None:
    text, entities = parse_html("привет <b>😀x</b>")
    assert text == "привет 😀x"
    assert entities == [{"type": "bold", "offset": 7, "length": 3}]
    with pytest.raises(MarkupError, match="byte offset 13"):
        parse_html("привет <br>")
    assert parse_html("AT&T", strict=False) == ("AT&T", [])


@pytest.mark.asyncio
async def test_text_limit_is_counted_after_entity_parsing(emu: Emulator, bot: Bot, user) -> None:
    visible = "x" * 4094
    sent = await bot.send_message(user.id, f"<b>{visible}</b>&lt;&gt;", parse_mode="HTML")
    assert len(sent.text) == 4096
    with pytest.raises(TelegramBadRequest, match="Bad Request: message is too long"):
        await bot.send_message(user.id, "x" * 4097)
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(user.id, "😀" * 2049)  # 4098 UTF-16 units in 2049 characters
    await bot.send_message(user.id, "😀" * 2048)
    assert [r.description for r in emu.rejections] == ["Bad Request: message is too long"] * 2


@pytest.mark.asyncio
async def test_empty_text_is_rejected(emu: Emulator, bot: Bot, user) -> None:
    for text in ("   \n ", "<b> </b>"):
        with pytest.raises(TelegramBadRequest, match="Bad Request: message text is empty"):
            await bot.send_message(user.id, text, parse_mode="HTML")
    assert len(emu.rejections) == 2


@pytest.mark.asyncio
async def test_caption_limit(emu: Emulator, bot: Bot, user) -> None:
    from aiogram.types import BufferedInputFile

    photo = BufferedInputFile(b"\x89PNG fake", "p.png")
    sent = await bot.send_photo(user.id, photo, caption="<i>" + "c" * 1024 + "</i>", parse_mode="HTML")
    assert len(sent.caption) == 1024
    with pytest.raises(TelegramBadRequest, match="Bad Request: message caption is too long"):
        await bot.send_photo(user.id, sent.photo[-1].file_id, caption="c" * 1025)


@pytest.mark.asyncio
async def test_parse_modes(emu: Emulator, bot: Bot, user) -> None:
    with pytest.raises(TelegramBadRequest, match="Bad Request: unsupported parse_mode"):
        await bot.send_message(user.id, "hi", parse_mode="XML")
    with pytest.raises(TelegramBadRequest, match=r"Character '\.' is reserved"):
        await bot.send_message(user.id, "Done.", parse_mode="MarkdownV2")
    ok = await bot.send_message(user.id, r"*Done*\.", parse_mode="MarkdownV2")
    assert ok.text == "Done."
    assert ok.entities[0].type == "bold"


@pytest.mark.asyncio
async def test_explicit_entities_must_fit_the_text(emu: Emulator, bot: Bot, user) -> None:
    sent = await bot.send_message(user.id, "hello", entities=[MessageEntity(type="bold", offset=0, length=5)])
    assert sent.entities[0].length == 5
    with pytest.raises(TelegramBadRequest, match="out of the text"):
        await bot.send_message(user.id, "hello", entities=[MessageEntity(type="bold", offset=3, length=5)])
