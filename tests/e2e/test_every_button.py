"""Press every button reachable from /start, in both languages; the emulator must reject nothing."""

from datetime import UTC, datetime

import pytest

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter
from db.models import Material
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.crawler import Crawler
from tests.support.language import has_kazakh_letters as is_kazakh
from tests.support.orgs import SMALL_TREE, replace_organisations


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_press_every_button_reachable_from_start(database_url: str, locale: str) -> None:
    # Dozens of memos and topics arrive as new messages; Telegram's per-chat pace would make this a
    # minute-long wait, and pacing has tests of its own. The HTML and size rules stay in force.
    emu = Emulator(chat_rate=None)
    # The crawler presses faster than any person; flood control has its own test.
    overrides = Overrides(flood=FloodControl(limit=10_000))
    limiter = OutgoingLimiter(chat_rate=1000, chat_burst=1000)
    async with running_app(database_url, overrides, emulator=emu, limiter=limiter) as app:
        await crawl(app, locale)


async def add_materials(app: RunningApp, topic_slug: str) -> list[int]:
    """A kk and a ru PDF and a link for one topic; returns the ids of the two files."""
    ids = []
    async with app.dp["sessionmaker"]() as session:
        for language, url in (("kk", None), ("ru", None), ("both", "https://example.org/lesson")):
            stored = None if url else app.emu.files.add("document", b"%PDF-1.4", f"{language}.pdf")
            material = Material(
                target="lesson",
                slug=topic_slug,
                language=language,
                title={"kk": "Сабақ жоспары", "ru": "План урока"}.get(language, "Сілтеме / Ссылка"),
                kind="link" if url else "pdf",
                media_type=None if url else "document",
                file_id=stored.file_id if stored else None,
                url=url,
                status="approved",
                proposed_by=ADMIN_ID,
                created_at=datetime.now(UTC),
            )
            session.add(material)
            await session.flush()
            if stored:
                ids.append(material.id)
        await session.commit()
    return ids


async def crawl(app: RunningApp, locale: str) -> None:
    # The shipped tree has dozens of schools with a dozen grade buttons each; one of each kind reaches every
    # screen of /subscribe in a few seconds.
    await replace_organisations(app.dp["sessionmaker"], SMALL_TREE)
    # One approved file in each language and a link, so the material buttons are pressed too.
    content = app.dp["content"]
    topic = content.lessons.groups[0].topics[0]
    file_ids = await add_materials(app, topic.slug)
    other = "ru" if locale == "kk" else "kk"
    user = app.emu.user(5001 if locale == "kk" else 5002, language_code=locale)
    await user.send("/start")
    await user.next_message()
    # Switching language or erasing the user changes everything after it: those go last.
    deferred = {f"lang:{other}", "erase:yes"}
    crawler = Crawler(user, app.idle, skip=deferred)
    pressed = await crawler.run()

    for message in user.messages:
        # A document (a memo's printable PDF) speaks through its caption.
        text = message.get("text") or message.get("caption") or ""
        if text.startswith(("Сабақ жоспары", "План урока")):
            # A material's title is in the material's own language; the note after it, in the reader's.
            text = text.partition("\n\n")[2]
            if not text:
                continue
        if "Бот тілін таңдаңыз" in text:
            continue  # the picker speaks both languages by design
        assert is_kazakh(text) == (locale == "kk"), text

    crawler.skip.clear()
    await crawler.run()
    assert {"menu:help", "menu:lang", "menu:priv", "menu:main", f"lang:{locale}", "erase:ask"} <= pressed
    assert {f"memo:m:{m.slug}" for m in content.memos.memos} <= pressed
    assert {f"les:f::{material_id}" for material_id in file_ids} <= pressed
    assert {f"memo:p:{m.slug}" for m in content.memos.memos} <= pressed
    assert {f"les:t:{t.slug}:0" for g in content.lessons.groups for t in g.topics} <= pressed
    assert deferred <= pressed
    assert {"menu:sub", "sub:t:krg-kar-s001:0:11:0:1", "sub:d:krg-kar-s001:0::0:0", "uns:a::"} <= pressed
    # The Karaganda roadmap ended on 31.12.2025: its screens are reached through the archive.
    assert {"ms:a:0:", "ms:s:0:krg-2023-2025", "ms:m:15:krg-2023-2025"} <= pressed
    assert app.emu.rejections == []
