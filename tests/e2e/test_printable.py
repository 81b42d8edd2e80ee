"""A memo's "PDF for printing" button sends a one-page A4 PDF in the user's language."""

import io
import re

import pytest
from pypdf import PdfReader

from bot.content import Content
from tests.support.app import RunningApp
from tests.support.chat import button_with, pick_language

CONTENT = Content.load()
PDF_BUTTON = {"kk": "Басып шығаруға арналған PDF", "ru": "PDF для печати"}


@pytest.mark.parametrize(("locale", "user_id"), [("kk", 8101), ("ru", 8102)])
async def test_a_parent_prints_a_memo_in_their_language(app: RunningApp, locale: str, user_id: int) -> None:
    other = "ru" if locale == "kk" else "kk"
    user = app.emu.user(user_id, language_code=locale)
    await pick_language(user, locale)
    await user.send("/memos")
    topics = await user.next_message()
    category = CONTENT.memos.categories[1]
    await user.press(topics, button_with(topics, category.title(locale)))
    listing = await user.wait_edit(topics)
    memo = CONTENT.memos_in(category.slug)[0]
    await user.press(listing, button_with(listing, memo.get(locale).label))
    shown = await user.next_message()

    await user.press(shown, button_with(shown, PDF_BUTTON[locale]))
    sent = await user.next_message(timeout=15)
    assert "document" in sent, sent
    assert sent["document"]["file_name"] == f"{memo.slug}_{locale}.pdf"
    assert sent["document"]["mime_type"] == "application/pdf"
    assert "A4" in sent["caption"]
    stored = app.emu.files.get(sent["document"]["file_id"])
    assert stored is not None
    pdf = PdfReader(io.BytesIO(stored.data))
    assert len(pdf.pages) == 1
    text = re.sub(r"\s+", " ", pdf.pages[0].extract_text())
    assert memo.get(locale).title in text
    assert memo.get(other).title not in text
    assert "111" in text and f"https://t.me/{app.emu.world.bot.username}" in text
    assert app.emu.rejections == []
