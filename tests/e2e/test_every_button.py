"""Press every button reachable from /start, in both languages; the emulator must reject nothing."""

import pytest

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter
from tests.support.app import RunningApp, running_app
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


async def crawl(app: RunningApp, locale: str) -> None:
    # The shipped tree has dozens of schools with a dozen grade buttons each; one of each kind reaches every
    # screen of /subscribe in a few seconds.
    await replace_organisations(app.dp["sessionmaker"], SMALL_TREE)
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
        if "Бот тілін таңдаңыз" in text:
            continue  # the picker speaks both languages by design
        assert is_kazakh(text) == (locale == "kk"), text

    crawler.skip.clear()
    await crawler.run()
    assert {"menu:help", "menu:lang", "menu:priv", "menu:main", f"lang:{locale}", "erase:ask"} <= pressed
    content = app.dp["content"]
    assert {f"memo:m:{m.slug}" for m in content.memos.memos} <= pressed
    assert {f"memo:p:{m.slug}" for m in content.memos.memos} <= pressed
    assert {f"les:t:{t.slug}:0" for g in content.lessons.groups for t in g.topics} <= pressed
    assert deferred <= pressed
    assert {"menu:sub", "sub:t:krg-kar-s001:0:11:0", "sub:d:krg-kar-s001:0::0", "uns:a::"} <= pressed
    assert app.emu.rejections == []
