"""Paid broadcast mode: the bot's sender beside a bare aiogram send loop, messages/s and CPU per message.

Usage: .venv/bin/python bench/paid.py [--recipients 20000] [--rate 1000]
In one run, against the loopback emulator in a process of its own (its limits lifted, so only the bot side
is measured; its CPU is not counted):
  (bare)   a plain aiogram Bot on an AiohttpSession sends N messages with allow_paid_broadcast=True to N
           chats, at the sender's paid concurrency (workers each awaiting one send at a time);
  (sender) the bot as the factory builds it (PAID_BROADCAST_RATE = --rate, SQLite) drains an admin's urgent
           region-wide post marked paid to N parents: from wake() until the post is done, so the outbox build,
           the claims, the limiter, the sends and the recorder's writes all count.
Both send the post's own text and «Түсінікті» button. CPU is this process's user+system time (threads
included: aiosqlite runs in one) over the phase, divided by the messages the emulator received.
bench/scale.py imports `measure_paid(recipients)`.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import multiprocessing
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOKEN = "123456789:PAID-bench-token-for-the-loopback-emulator"
USER_BASE = 2_000_000
ADMIN = 1_999_999
STAMP = "2026-03-02 04:00:00.000000"  # how SQLAlchemy stores a UTC datetime in SQLite
TEXT = {
    "kk": "Шұғыл хабарлама: ертең облыстың барлық мектептерінде сабақ болмайды.",
    "ru": "Срочное сообщение: завтра во всех школах области занятий не будет.",
}


# The emulator, in its own process -----------------------------------------------------------------------


def _serve(recipients: int, ready: Any) -> None:
    asyncio.run(_emulator(recipients, ready))


async def _emulator(recipients: int, ready: Any) -> None:
    from aiohttp import web

    from bot.emulator import Emulator

    emu = Emulator(global_rate=None, chat_rate=None, paid_rate=None, global_burst=None, chat_burst=None)
    for i in range(recipients):
        user = emu.user(USER_BASE + i, language_code="kk")
        user.record.started = user.record.seen = True
        emu.world.chats.setdefault(user.id, user.chat)
    admin = emu.user(ADMIN, language_code="ru")
    admin.record.started = admin.record.seen = True
    emu.world.chats.setdefault(ADMIN, admin.chat)

    async def stats(_: web.Request) -> web.Response:
        to_parents = [m for m in emu.world.sent if m["chat_id"] >= USER_BASE]
        return web.json_response(
            {
                "messages": len(to_parents),
                "chats": len({m["chat_id"] for m in to_parents}),
                "paid": emu.paid_messages,
                "throttled": len(emu.throttled),
                "rejections": len(emu.rejections),
                "errors": len(emu.errors),
            }
        )

    async def reset(_: web.Request) -> web.Response:
        emu.world.sent.clear()
        emu.reset_records()
        return web.json_response({})

    emu._server.app.router.add_get("/_bench/stats", stats)
    emu._server.app.router.add_post("/_bench/reset", reset)
    await emu.start()
    ready.put(emu.base_url)
    await asyncio.Event().wait()


async def _get(url: str, post: bool = False) -> dict[str, Any]:
    import aiohttp

    async with aiohttp.ClientSession() as http:
        method = http.post if post else http.get
        async with method(url) as resp:
            return dict(await resp.json())


def _cpu() -> float:
    return time.process_time()


# The bare loop ------------------------------------------------------------------------------------------


async def bare_loop(api: str, recipients: int, concurrency: int, text: str, markup: Any) -> dict[str, Any]:
    from aiogram import Bot
    from aiogram.client.default import DefaultBotProperties
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.enums import ParseMode

    bot = Bot(
        TOKEN,
        session=AiohttpSession(api=TelegramAPIServer.from_base(api)),
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    chats = [USER_BASE + i for i in range(recipients)]

    async def worker(mine: list[int]) -> None:
        for chat_id in mine:
            await bot.send_message(chat_id, text, reply_markup=markup, allow_paid_broadcast=True)

    await bot.get_me()  # the connection pool warmed, as the sender's is by the time it sends
    started, cpu = time.perf_counter(), _cpu()
    await asyncio.gather(*(worker(chats[k::concurrency]) for k in range(concurrency)))
    wall, used = time.perf_counter() - started, _cpu() - cpu
    await bot.session.close()
    return {"wall_s": wall, "cpu_s": used}


# The sender ---------------------------------------------------------------------------------------------


def _prepare(db_file: Path, recipients: int) -> None:
    """Migrated schema, a region of 10 districts of 100 schools, `recipients` parents, one paid post."""
    import sqlite3

    from db.engine import create_engine
    from db.migrate import upgrade_to_head

    async def migrate() -> None:
        engine = create_engine(f"sqlite+aiosqlite:///{db_file}")
        await upgrade_to_head(engine)
        await engine.dispose()

    asyncio.run(migrate())
    orgs = [("R", "region", None)] + [(f"D{d}", "district", "R") for d in range(10)]
    schools = [f"S{d}_{s}" for d in range(10) for s in range(100)]
    orgs += [(code, "school", code.split("_")[0].replace("S", "D")) for code in schools]
    db = sqlite3.connect(db_file)
    db.executemany(
        "INSERT INTO organisations (code, kind, parent_code, name_kk, name_ru) VALUES (?, ?, ?, ?, ?)",
        [(c, k, p, c, c) for c, k, p in orgs],
    )
    users = [(USER_BASE + i, "kk" if i % 2 else "ru") for i in range(recipients)]
    db.executemany(
        "INSERT INTO users (id, language, first_seen, last_seen, active) VALUES (?, ?, ?, ?, 1)",
        [(uid, lang, STAMP, STAMP) for uid, lang in users],
    )
    db.executemany(
        "INSERT INTO subscriptions (user_id, org_code, grade, created_at) VALUES (?, ?, ?, ?)",
        [(uid, schools[i % len(schools)], str(1 + i % 11), STAMP) for i, (uid, _) in enumerate(users)],
    )
    db.commit()
    db.close()


async def _add_post(sessionmaker: Any) -> int:
    from db.models import Post

    async with sessionmaker() as session:
        post = Post(
            author_id=ADMIN,
            scope_code="R",
            text_kk=TEXT["kk"],
            text_ru=TEXT["ru"],
            audience={"orgs": None, "grades": None},
            urgent=True,
            paid_broadcast=True,
            status="scheduled",
            sent_by=ADMIN,
            created_at=datetime.now(UTC),
        )
        session.add(post)
        await session.commit()
        return int(post.id)


async def sender_drain(api: str, db_url: str, rate: float, profile: str | None = None) -> dict[str, Any]:
    from sqlalchemy import select

    from app.composition import build_app
    from bot.settings import Settings
    from db.models import Post

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=api,
        database_url=db_url,
        admin_ids=frozenset({ADMIN}),
        paid_broadcast_rate=rate,
        log_level="WARNING",
    )
    bot, dp = build_app(settings)
    broadcaster = dp["broadcaster"]
    await dp.emit_startup(bot=bot, **dp.workflow_data)
    sessionmaker = dp["sessionmaker"]
    await asyncio.sleep(1)  # start-up's own work done
    # Confirmed only now, as /post's Confirm does (then wakes the sender), so nothing went before the clock.
    post_id = await _add_post(sessionmaker)
    profiler = cProfile.Profile() if profile else None
    try:
        if profiler is not None:
            profiler.enable()
        started, cpu = time.perf_counter(), _cpu()
        broadcaster.wake()
        while True:
            await asyncio.sleep(0.25)
            async with sessionmaker() as session:
                status = await session.scalar(select(Post.status).where(Post.id == post_id))
            if status == "done":
                break
        wall, used = time.perf_counter() - started, _cpu() - cpu
        if profiler is not None and profile:
            profiler.disable()
            profiler.dump_stats(profile)
        concurrency = broadcaster.paid_concurrency
    finally:
        await dp.emit_shutdown(bot=bot, **dp.workflow_data)
        await bot.session.close()
    return {"wall_s": wall, "cpu_s": used, "concurrency": concurrency}


def _rendered_message() -> tuple[str, Any]:
    """The text and keyboard the sender sends a Kazakh-speaking parent, for the bare loop to send too."""
    from bot.i18n import create_i18n
    from bot.views.posts import render_post
    from db.models import Post

    post = Post(
        id=1, scope_code="R", text_kk=TEXT["kk"], text_ru=TEXT["ru"], urgent=True, silent=False, event_id=None
    )
    post.media_kind = post.media_file_id = None
    with create_i18n("kk").context():
        rendered = render_post(post, "kk", {"kk": "R", "ru": "R"}, with_ack=True)
    return rendered.texts[-1], rendered.reply_markup


# One run ------------------------------------------------------------------------------------------------


async def measure_paid(
    recipients: int = 20_000, rate: float = 1000.0, *, profile: str | None = None
) -> dict[str, Any]:
    """Bare aiogram loop vs the bot's sender in paid mode, `recipients` messages each, in one run.

    Returns messages/s and CPU ms per message of each (this process only; the emulator runs in another),
    their ratio (sender / bare: the issue's bound is 1.5), the concurrency both used, and what the emulator
    saw (every sender copy paid, one per chat, no 429 or rejection).
    """
    context = multiprocessing.get_context("spawn")
    ready = context.Queue()
    emulator = context.Process(target=_serve, args=(recipients, ready), daemon=True)
    emulator.start()
    try:
        api = ready.get(timeout=120)
        with tempfile.TemporaryDirectory() as tmp:
            db_file = Path(tmp) / "paid.sqlite3"
            db_url = f"sqlite+aiosqlite:///{db_file}"
            await asyncio.to_thread(_prepare, db_file, recipients)
            from bot.broadcast.sender import in_flight_for

            concurrency = in_flight_for(rate)  # what the sender's paid lane will use
            text, markup = _rendered_message()
            bare = await bare_loop(api, recipients, concurrency, text, markup)
            bare_seen = await _get(api + "/_bench/stats")
            await _get(api + "/_bench/reset", post=True)
            sender = await sender_drain(api, db_url, rate, profile)
            sender_seen = await _get(api + "/_bench/stats")
    finally:
        emulator.terminate()
        emulator.join(10)
    bare_ms = 1000 * bare["cpu_s"] / max(1, bare_seen["messages"])
    sender_ms = 1000 * sender["cpu_s"] / max(1, sender_seen["messages"])
    return {
        "recipients": recipients,
        "paid_broadcast_rate": rate,
        "concurrency": concurrency,
        "bare_messages": bare_seen["messages"],
        "bare_messages_per_s": round(bare_seen["messages"] / bare["wall_s"], 1),
        "bare_cpu_ms_per_message": round(bare_ms, 3),
        "sender_messages": sender_seen["messages"],
        "sender_chats": sender_seen["chats"],
        "sender_paid_messages": sender_seen["paid"],
        "sender_messages_per_s": round(sender_seen["messages"] / sender["wall_s"], 1),
        "sender_cpu_ms_per_message": round(sender_ms, 3),
        "cpu_ratio_sender_to_bare": round(sender_ms / bare_ms, 2) if bare_ms else None,
        "emulator_429s": bare_seen["throttled"] + sender_seen["throttled"],
        "emulator_rejections": bare_seen["rejections"] + sender_seen["rejections"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recipients", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=1000.0, help="PAID_BROADCAST_RATE of the sender")
    parser.add_argument("--profile", help="write cProfile stats of the sender's phase to this file")
    args = parser.parse_args()
    result = asyncio.run(measure_paid(args.recipients, args.rate, profile=args.profile))
    print(
        f"bare aiogram loop: {result['bare_messages_per_s']} messages/s, "
        f"{result['bare_cpu_ms_per_message']} ms CPU per message"
    )
    print(
        f"bot's sender (paid): {result['sender_messages_per_s']} messages/s, "
        f"{result['sender_cpu_ms_per_message']} ms CPU per message "
        f"({result['sender_paid_messages']} of {result['sender_messages']} paid, "
        f"{result['sender_chats']} chats)"
    )
    print(f"CPU ratio sender / bare: {result['cpu_ratio_sender_to_bare']} (bound 1.5)")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
