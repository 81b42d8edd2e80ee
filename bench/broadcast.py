"""Broadcast benchmarks against the Bot API emulator (issue 4).

Usage: .venv/bin/python bench/broadcast.py [--only a,b,c,d] [--quick] [sizes...]
  (a) BROADCAST_RATE=30 (the production limiter from bot.factory.build_limiter), --a-recipients (20,000)
      parents, the emulator in this process enforcing Telegram's limits (30/s overall, 1/s per chat):
      the achieved rate over the steady part (first and last 5% of sends left out) as a share of 30/s, and
      the 429s the emulator answered.
  (b) PAID_BROADCAST_RATE=1000 and a post marked paid, --b-recipients (30,000) parents, the emulator in its
      own process with its limits lifted, the bot in another process (the real app: polling, migrations,
      sender): sustained messages/s over the steady part and the bot process's CPU time per message while
      sending.
  (c) as (b), but the bot process is SIGKILLed when --kill-at (40%) of the messages have arrived, then a new
      one is started on the same database: recipients who got nothing (lost) and extra copies (doubled),
      against the sender's bound (in_flight_bound: the sends that may be in flight).
  (d) building the outbox for --d-subscribers (1,000,000) parents (1.2 subscriptions each, one copy each)
      on SQLite, and on PostgreSQL when --pg-url is given: time of the one INSERT ... SELECT transaction
      and the peak memory (max RSS) of the process that runs it.
--quick shrinks every size (2,000 / 5,000 / 5,000 / 100,000) for a run of about two minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TOKEN = "123456789:BENCH-token-for-the-loopback-emulator"
BODY = {"kk": "Бенчмарк хабарламасы", "ru": "Сообщение бенчмарка"}
USER_BASE = 1_000_000
STAMP = "2026-03-02 04:00:00.000000"  # how SQLAlchemy stores a UTC datetime in SQLite


# Database set-up ---------------------------------------------------------------------------------


async def prepare_database(url: str, parents: int, children_ratio: float = 0.0) -> None:
    """Migrated schema, a region with 10 districts of 100 schools, `parents` subscribed users."""
    from sqlalchemy import text

    from db.engine import create_engine
    from db.migrate import upgrade_to_head

    engine = create_engine(url)
    if url.startswith("postgresql"):
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    await upgrade_to_head(engine)
    orgs = [("R", "region", None)]
    orgs += [(f"D{d}", "district", "R") for d in range(10)]
    schools = [f"S{d}_{s}" for d in range(10) for s in range(100)]
    orgs += [(code, "school", code.split("_")[0].replace("S", "D")) for code in schools]
    users = [(USER_BASE + i, "kk" if i % 2 else ("ru" if i % 3 else None)) for i in range(parents)]
    subs = [(uid, schools[i % len(schools)], str(1 + i % 11)) for i, (uid, _) in enumerate(users)]
    extra = int(parents * children_ratio)
    subs += [
        (USER_BASE + i, schools[(i * 7 + 3) % len(schools)], str(1 + (i + 5) % 11)) for i in range(extra)
    ]
    if url.startswith("sqlite"):
        await engine.dispose()
        db = sqlite3.connect(url.split("///", 1)[1])
        db.executemany(
            "INSERT INTO organisations (code, kind, parent_code, name_kk, name_ru) VALUES (?, ?, ?, ?, ?)",
            [(c, k, p, c, c) for c, k, p in orgs],
        )
        db.executemany(
            "INSERT INTO users (id, language, first_seen, last_seen, active) VALUES (?, ?, ?, ?, 1)",
            [(uid, lang, STAMP, STAMP) for uid, lang in users],
        )
        db.executemany(
            "INSERT INTO subscriptions (user_id, org_code, grade, created_at) VALUES (?, ?, ?, ?)",
            [(uid, org, grade, STAMP) for uid, org, grade in subs],
        )
        db.commit()
        db.close()
        return
    import asyncpg

    await engine.dispose()
    conn = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    at = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)
    await conn.copy_records_to_table(
        "organisations",
        records=[(c, k, p, c, c) for c, k, p in orgs],
        columns=["code", "kind", "parent_code", "name_kk", "name_ru"],
    )
    await conn.copy_records_to_table(
        "users",
        records=[(uid, lang, at, at, True) for uid, lang in users],
        columns=["id", "language", "first_seen", "last_seen", "active"],
    )
    await conn.copy_records_to_table(
        "subscriptions",
        records=[(uid, org, grade, at) for uid, org, grade in subs],
        columns=["user_id", "org_code", "grade", "created_at"],
    )
    await conn.execute("ANALYZE")
    await conn.close()


async def add_post(url: str, *, paid: bool = False) -> int:
    from db.engine import create_engine, create_sessionmaker
    from db.models import Post

    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s:
        post = Post(
            author_id=1,
            scope_code="R",
            text_kk=BODY["kk"],
            text_ru=BODY["ru"],
            audience={"orgs": None, "grades": None},
            urgent=paid,
            paid_broadcast=paid,  # (b), (c): sent with allow_paid_broadcast, past Telegram's ~30/s
            status="scheduled",
            created_at=datetime.now(UTC),
        )
        s.add(post)
        await s.commit()
        post_id = post.id
    await engine.dispose()
    return post_id


async def post_status(url: str, post_id: int) -> tuple[str, int]:
    from sqlalchemy import func, select

    from db.engine import create_engine, create_sessionmaker
    from db.models import OutboxEntry, Post

    engine = create_engine(url)
    async with create_sessionmaker(engine)() as s:
        status = await s.scalar(select(Post.status).where(Post.id == post_id))
        sent = await s.scalar(
            select(func.count())
            .select_from(OutboxEntry)
            .where(OutboxEntry.post_id == post_id, OutboxEntry.status == "sent")
        )
    await engine.dispose()
    return status or "?", sent or 0


def steady_rate(times: list[float]) -> float:
    times = sorted(times)
    cut = len(times) // 20
    middle = times[cut : len(times) - cut]
    if len(middle) < 2 or middle[-1] == middle[0]:
        return 0.0
    return (len(middle) - 1) / (middle[-1] - middle[0])


# (a) in one process, Telegram's limits enforced ---------------------------------------------------------


async def bench_a(recipients: int, workdir: Path) -> dict[str, Any]:
    from bot.emulator import Emulator
    from tests.support.app import running_app

    url = f"sqlite+aiosqlite:///{workdir / 'a.sqlite3'}"
    await prepare_database(url, recipients)
    post_id = await add_post(url)
    emu = Emulator()  # Telegram's limits: 30/s overall (burst 30), 1/s per chat
    for i in range(recipients):
        reach(emu, USER_BASE + i)
    started = time.monotonic()
    # The production factory and limiter (bot.factory.build_limiter), polling as tests/support/app.py does.
    async with running_app(url, emulator=emu, broadcast_rate=30):
        while len(emu.sent) < recipients or (await post_status(url, post_id))[0] != "done":
            await asyncio.sleep(1)
    times = [c.at for c in emu.calls_to("sendMessage")]
    rate = steady_rate(times)
    return {
        "recipients": recipients,
        "delivered": len(emu.sent),
        "wall_s": round(time.monotonic() - started, 1),
        "steady_rate_per_s": round(rate, 2),
        "share_of_limit": round(rate / 30, 3),
        "429s": len(emu.throttled),
        "rejections": len(emu.rejections),
    }


def reach(emu: Any, user_id: int) -> None:
    """The user once started the bot (so it may write to them), without an update for the bot to handle."""
    emu.user(user_id, language_code="kk").start_chat()


# (b), (c): the emulator and the bot in processes of their own -----------------------------------------


async def serve_emulator(recipients: int, port_file: Path) -> None:
    from aiohttp import web

    from bot.emulator import Emulator

    emu = Emulator(global_rate=None, chat_rate=None, global_burst=None, chat_burst=None, paid_rate=None)
    for i in range(recipients):
        reach(emu, USER_BASE + i)

    async def received(_: web.Request) -> web.Response:
        per_chat = Counter(m["chat_id"] for m in emu.world.sent)
        times = [c.at for c in emu.calls if c.method == "sendMessage"]
        return web.json_response(
            {
                "per_chat": dict(Counter(per_chat.values())),
                "chats": len(per_chat),
                "messages": len(emu.world.sent),
                "missing": recipients - len(per_chat),
                "times": times,
                "errors": len(emu.errors),
                "rejections": len(emu.rejections),
            }
        )

    async def count(_: web.Request) -> web.Response:
        return web.json_response({"messages": len(emu.world.sent)})

    emu._server.app.router.add_get("/_bench/received", received)
    emu._server.app.router.add_get("/_bench/count", count)
    await emu.start()
    port_file.write_text(emu.base_url)
    await asyncio.Event().wait()


async def run_bot(api_url: str, db_url: str, post_id: int, stats_file: Path) -> None:
    from sqlalchemy import select

    from app.composition import build_app
    from bot.polling_task import start_polling_task
    from bot.settings import Settings
    from db.engine import create_engine
    from db.models import Post

    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=api_url,
        database_url=db_url,
        paid_broadcast_rate=1000,
        log_level="WARNING",
    )
    bot, dp = build_app(settings)
    polling = await start_polling_task(bot, dp, settings, timeout=120)
    watcher = create_engine(db_url)
    cpu_start: float | None = None
    while True:
        await asyncio.sleep(0.5)
        async with watcher.connect() as conn:
            status = await conn.scalar(select(Post.status).where(Post.id == post_id))
        if status == "sending" and cpu_start is None:
            t = os.times()
            cpu_start = t.user + t.system
            sent_start = (await post_status(db_url, post_id))[1]
        if status == "done":
            t = os.times()
            cpu = t.user + t.system - (cpu_start or 0.0)
            sent = (await post_status(db_url, post_id))[1] - sent_start
            concurrency = dp["broadcaster"].in_flight_bound
            stats_file.write_text(json.dumps({"cpu_s": cpu, "sent": sent, "concurrency": concurrency}))
            break
    await watcher.dispose()
    await dp.stop_polling()
    with contextlib.suppress(asyncio.CancelledError):
        await polling
    await bot.session.close()


def spawn(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, __file__, *args], stderr=subprocess.DEVNULL)


async def get_json(url: str) -> dict[str, Any]:
    import aiohttp

    async with aiohttp.ClientSession() as http, http.get(url) as resp:
        return await resp.json()


async def bench_bc(recipients: int, workdir: Path, kill_at: float | None) -> dict[str, Any]:
    tag = "c" if kill_at else "b"
    db_url = f"sqlite+aiosqlite:///{workdir / (tag + '.sqlite3')}"
    await prepare_database(db_url, recipients)
    post_id = await add_post(db_url, paid=True)
    port_file, stats_file = workdir / f"{tag}.url", workdir / f"{tag}.stats"
    emulator = spawn("--role", "emulator", "--recipients", str(recipients), "--port-file", str(port_file))
    try:
        while not port_file.exists() or not port_file.read_text():
            await asyncio.sleep(0.1)
        api = port_file.read_text()
        bot_args = (
            "--role",
            "bot",
            "--api",
            api,
            "--db",
            db_url,
            "--post",
            str(post_id),
            "--stats-file",
            str(stats_file),
        )
        bot = spawn(*bot_args)
        killed_after = None
        if kill_at:
            while (await get_json(api + "/_bench/count"))["messages"] < recipients * kill_at:
                await asyncio.sleep(0.02)
            bot.send_signal(signal.SIGKILL)
            bot.wait()
            killed_after = (await get_json(api + "/_bench/count"))["messages"]
            bot = spawn(*bot_args)
        while bot.poll() is None:
            await asyncio.sleep(0.2)
        got = await get_json(api + "/_bench/received")
    finally:
        emulator.send_signal(signal.SIGTERM)
        emulator.wait()
    stats = json.loads(stats_file.read_text())
    result: dict[str, Any] = {
        "recipients": recipients,
        "messages": got["messages"],
        "lost": got["missing"],
        "copies_histogram": got["per_chat"],
    }
    if kill_at:
        result["killed_after_messages"] = killed_after
        result["doubled"] = got["messages"] - got["chats"]
        result["bound_in_flight"] = stats["concurrency"]
    else:
        rate = steady_rate(got["times"])
        result["steady_rate_per_s"] = round(rate, 1)
        result["bot_cpu_s_while_sending"] = round(stats["cpu_s"], 2)
        result["cpu_ms_per_message"] = round(1000 * stats["cpu_s"] / max(1, stats["sent"]), 3)
        result["cpu_share_of_one_core"] = round(
            stats["cpu_s"] / max(1e-9, stats["sent"] / max(rate, 1e-9)), 2
        )
    return result


# (d) building the outbox -----------------------------------------------------------------------------


async def build_outbox(db_url: str, post_id: int) -> dict[str, Any]:
    from db.engine import create_engine, create_sessionmaker
    from db.repositories import Repositories

    engine = create_engine(db_url)
    async with create_sessionmaker(engine)() as s:
        repo = Repositories(s)
        started = time.perf_counter()
        post = await repo.posts.mark_sending(post_id, datetime.now(UTC))
        assert post is not None
        total = await repo.outbox.build(post, "kk")
        await s.commit()
        elapsed = time.perf_counter() - started
    await engine.dispose()
    return {"rows": total, "seconds": round(elapsed, 2), "peak_rss_mb": round(peak_rss_mb(), 1)}


def peak_rss_mb() -> float:
    """This process's peak resident memory. Not ru_maxrss: Linux carries that over an exec from the forking
    parent (here the set-up, which held the million rows), while VmHWM starts afresh with the new program."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def bench_d(subscribers: int, workdir: Path, pg_url: str | None) -> dict[str, Any]:
    results = {}
    for name, url in (("sqlite", f"sqlite+aiosqlite:///{workdir / 'd.sqlite3'}"), ("postgresql", pg_url)):
        if url is None:
            continue
        await prepare_database(url, subscribers, children_ratio=0.2)
        post_id = await add_post(url)
        out = subprocess.run(
            [sys.executable, __file__, "--role", "build", "--db", url, "--post", str(post_id)],
            capture_output=True,
            text=True,
            check=True,
        )
        results[name] = json.loads(out.stdout.strip().splitlines()[-1])
    return results


# Entry ---------------------------------------------------------------------------------------------


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", default="a,b,c,d")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--a-recipients", type=int, default=20_000)
    p.add_argument("--b-recipients", type=int, default=30_000)
    p.add_argument("--d-subscribers", type=int, default=1_000_000)
    p.add_argument("--kill-at", type=float, default=0.4)
    p.add_argument("--pg-url", default=None, help="postgresql+asyncpg://... (its public schema is dropped!)")
    p.add_argument("--role", default="main", help=argparse.SUPPRESS)
    p.add_argument("--recipients", type=int, help=argparse.SUPPRESS)
    p.add_argument("--port-file", help=argparse.SUPPRESS)
    p.add_argument("--api", help=argparse.SUPPRESS)
    p.add_argument("--db", help=argparse.SUPPRESS)
    p.add_argument("--post", type=int, help=argparse.SUPPRESS)
    p.add_argument("--stats-file", help=argparse.SUPPRESS)
    return p.parse_args()


async def main(args: argparse.Namespace) -> None:
    if args.role == "emulator":
        await serve_emulator(args.recipients, Path(args.port_file))
        return
    if args.role == "bot":
        await run_bot(args.api, args.db, args.post, Path(args.stats_file))
        return
    if args.role == "build":
        print(json.dumps(await build_outbox(args.db, args.post)))
        return
    if args.quick:
        args.a_recipients, args.b_recipients, args.d_subscribers = 2_000, 5_000, 100_000
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        if "a" in only:
            print(
                "(a) 30/s, Telegram's limits:",
                json.dumps(await bench_a(args.a_recipients, workdir)),
                flush=True,
            )
        if "b" in only:
            print(
                "(b) 1000/s, limits lifted:",
                json.dumps(await bench_bc(args.b_recipients, workdir, None)),
                flush=True,
            )
        if "c" in only:
            print(
                "(c) SIGKILL mid-(b), restart:",
                json.dumps(await bench_bc(args.b_recipients, workdir, args.kill_at)),
                flush=True,
            )
        if "d" in only:
            print(
                "(d) outbox build:",
                json.dumps(await bench_d(args.d_subscribers, workdir, args.pg_url)),
                flush=True,
            )


if __name__ == "__main__":
    asyncio.run(main(parse()))
