"""The limiter's broadcast share and 429 pause; how a post is cut to Telegram's limits."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import pytest

from bot.i18n import create_i18n
from bot.outgoing import OutgoingLimiter, Priority
from bot.views.posts import MAX_CAPTION, fits, render_post, visible_length

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


async def test_broadcasts_take_only_their_share_and_replies_overtake_them() -> None:
    limiter = OutgoingLimiter(global_rate=100, global_burst=1, broadcast_rate=20, broadcast_burst=1)
    started = time.monotonic()
    await asyncio.gather(*(limiter.acquire(1000 + i, Priority.BROADCAST) for i in range(6)))
    # Five more broadcast tokens at 20/s need about 0.25 s although the global bucket allows 100/s.
    assert 0.2 < time.monotonic() - started < 0.6
    started = time.monotonic()
    await asyncio.gather(*(limiter.acquire(2000 + i, Priority.INTERACTIVE) for i in range(6)))
    assert time.monotonic() - started < 0.15


async def test_a_pause_holds_everything_but_crisis_replies() -> None:
    limiter = OutgoingLimiter(global_rate=1000, global_burst=100, broadcast_rate=1000)
    limiter.pause(0.4)
    started = time.monotonic()
    await limiter.acquire(1, Priority.CRISIS)
    assert time.monotonic() - started < 0.05
    await asyncio.gather(limiter.acquire(2, Priority.INTERACTIVE), limiter.acquire(3, Priority.BROADCAST))
    assert 0.35 < time.monotonic() - started < 0.7


@dataclass
class Draft:
    text_kk: str
    text_ru: str
    id: int | None = 7
    media_kind: str | None = None
    media_file_id: str | None = None
    urgent: bool = False
    silent: bool = False


def test_rendering_in_each_language_and_both() -> None:
    with create_i18n("kk").context():
        draft = Draft("Сәлем &amp; <b>бәрі</b>", "Привет", silent=True)
        kk = render_post(draft, "kk", {"kk": "Мектеп", "ru": "Школа"})
        assert kk.texts == ("📢 <b>Мектеп</b>\n\nСәлем &amp; <b>бәрі</b>",) and kk.caption is None
        assert kk.disable_notification is True and kk.message_count == 1
        assert kk.reply_markup is not None
        assert kk.reply_markup.inline_keyboard[0][0].text == "Түсінікті"
        assert kk.reply_markup.inline_keyboard[0][0].callback_data == "ack:7"
        both = render_post(draft, "both", {"kk": "Мектеп", "ru": "Школа"}, with_ack=False)
        assert len(both.texts) == 1 and both.texts[0].index("Сәлем") < both.texts[0].index("Привет")
        assert both.reply_markup is None
        # Together too long for one message: one message per language.
        long = Draft("а" * 3000, "б" * 3000)
        assert len(render_post(long, "both", "S").texts) == 2


def test_media_with_long_text_goes_as_media_then_text() -> None:
    with create_i18n("kk").context():
        short = Draft("қысқа", "коротко", media_kind="photo", media_file_id="F")
        rendered = render_post(short, "ru", "Школа")
        assert rendered.caption is not None and rendered.texts == () and rendered.message_count == 1
        long = Draft("ұ" * MAX_CAPTION, "д" * MAX_CAPTION, media_kind="document", media_file_id="F")
        rendered = render_post(long, "ru", "Школа")
        assert rendered.caption is None and len(rendered.texts) == 1 and rendered.message_count == 2
        assert rendered.reply_markup is not None


def test_fits_names_the_limit() -> None:
    assert visible_length("<b>a&amp;b</b> 😀") == 6  # the emoji is two UTF-16 units
    assert fits(Draft("а" * 4000, "б" * 4000), "Мектеп") is None
    assert fits(Draft("а" * 4100, "б"), "Мектеп") == "kk:4096"
    assert fits(Draft("а", "б" * 4090), "Очень длинное название школы") == "ru:4096"


async def test_paid_broadcasts_go_past_the_ordinary_rate_and_leave_it_to_replies() -> None:
    limiter = OutgoingLimiter(
        global_rate=10, global_burst=1, broadcast_rate=10, broadcast_burst=1, paid_rate=1000
    )
    started = time.monotonic()
    # 200 paid sends to 200 chats: at 10/s ordinary that would be 20 s; the paid bucket takes 0.2 s.
    await asyncio.gather(*(limiter.acquire(5000 + i, Priority.BROADCAST, paid=True) for i in range(200)))
    assert time.monotonic() - started < 1.0
    started = time.monotonic()
    await limiter.acquire(1, Priority.CRISIS)  # the global bucket's one token is still there
    assert time.monotonic() - started < 0.05
    # A chat still gets at most its burst of 3, then one a second.
    started = time.monotonic()
    await asyncio.gather(*(limiter.acquire(77, Priority.BROADCAST, paid=True) for _ in range(4)))
    assert 0.8 < time.monotonic() - started < 1.5


async def test_a_paid_request_is_paced_as_an_ordinary_one_without_a_paid_bucket() -> None:
    limiter = OutgoingLimiter(global_rate=100, global_burst=1, broadcast_rate=20, broadcast_burst=1)
    assert limiter.paid_bucket is None
    started = time.monotonic()
    await asyncio.gather(*(limiter.acquire(1000 + i, Priority.BROADCAST, paid=True) for i in range(6)))
    assert 0.2 < time.monotonic() - started < 0.6
