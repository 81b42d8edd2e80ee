"""A real SIGTERM to a real `python -m bot` mid-broadcast (issue 17, item 4): it stops taking updates,
finishes the sends in flight and records them, hands back the leases of the rest and exits 0 in time; a
second process then finishes the broadcast, and every parent has exactly one copy.

The bot polls the emulator of this test process. The database is a fresh SQLite file, or PostgreSQL when
TEST_DATABASE_URL is set (CI's second pass); with a test Redis (tests/support/redis_url.py) both processes
use it too (shared limits, flood control, drafts). The lease is an hour: only the hand-back lets the second
process send the rest within the test. Most of the time is the two cold starts of `python -m bot` (about 4 s
of CPU each, mostly imports).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.content.base import parse_yaml
from bot.emulator import Emulator
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.models import Organisation, OutboxEntry, Subscription, User
from tests.support.app import ADMIN_ID, TOKEN
from tests.support.delivery import reachable, received
from tests.support.posts import new_post
from tests.support.redis_url import test_redis_url

PEOPLE = {8000 + i: ("kk" if i % 3 else "ru") for i in range(60)}
ROOT = Path(__file__).resolve().parents[2]
LATE = 8999  # writes to the bot after the first process stopped polling
# The first process must exit before the orchestrator kills it: the deploy's grace period (30 s). How fast it
# exits is a figure (about 2 s, the sends in flight being held 1 s), not a bound: at load 25 it took 11 s.
# That the drain ended by itself, not at the sender's stop timeout, is read from its log.
EXIT_BOUND = float(
    parse_yaml((ROOT / "deploy" / "compose.yaml").read_text("utf-8"))["services"]["bot"][
        "stop_grace_period"
    ].removesuffix("s")
)


@dataclass
class BotProcess:
    """`python -m bot` with its log read line by line as it comes (and its pipes never left full)."""

    process: asyncio.subprocess.Process
    lines: list[str] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    reader: asyncio.Task[None] | None = None

    async def _read(self) -> None:
        assert self.process.stderr is not None
        async for raw in self.process.stderr:
            self.lines.append(raw.decode(errors="replace").rstrip())
            self.changed.set()

    async def logged(self, text: str, timeout: float) -> None:
        async with asyncio.timeout(timeout):
            while not any(text in line for line in self.lines):
                if self.process.returncode is not None:
                    raise AssertionError(f"the bot exited before logging {text!r}:\n{self.log}")
                self.changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.changed.wait(), 0.2)

    async def exit_code(self, timeout: float) -> int:
        code = await asyncio.wait_for(self.process.wait(), timeout)
        if self.reader is not None:
            await self.reader
        return code

    @property
    def log(self) -> str:
        return "\n".join(self.lines)


@contextlib.asynccontextmanager
async def bot_process(emu: Emulator, database_url: str, instance_id: str) -> AsyncIterator[BotProcess]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "WEBHOOK_"))}
    env |= {
        "BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": emu.base_url,
        "DATABASE_URL": database_url,
        "ADMIN_IDS": str(ADMIN_ID),
        "INSTANCE_ID": instance_id,
        "BROADCAST_RATE": "20",
        "OUTBOX_LEASE_SECONDS": "3600",
        "LOG_LEVEL": "INFO",
        # Anything left unclosed at exit (an HTTP session, a database or Redis connection) says so here.
        "PYTHONWARNINGS": "always::ResourceWarning",
    }
    redis_url = test_redis_url()
    if redis_url is not None:  # the shared limiter, flood control and drafts: their clients close too
        env["REDIS_URL"] = redis_url
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=Path(__file__).parent,  # no .env there
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    bot = BotProcess(process)
    bot.reader = asyncio.create_task(bot._read())
    try:
        yield bot
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await bot.reader


async def prepare(database_url: str) -> int:
    """The schema, one school with every parent subscribed, and a post due now; returns the post's id."""
    engine = create_engine(database_url)
    try:
        await upgrade_to_head(engine)
        now = datetime.now(UTC)
        async with create_sessionmaker(engine)() as s:
            parent = None
            for code, kind in (("SIGR", "region"), ("SIGD", "district"), ("SIGS", "school")):
                s.add(Organisation(code=code, kind=kind, parent_code=parent, name_kk=code, name_ru=code))
                await s.flush()
                parent = code
            s.add(User(id=ADMIN_ID, language="ru", first_seen=now, last_seen=now))
            for user_id, language in PEOPLE.items():
                s.add(User(id=user_id, language=language, first_seen=now, last_seen=now))
            await s.flush()
            for user_id in PEOPLE:
                s.add(Subscription(user_id=user_id, org_code="SIGS", grade="5", created_at=now))
            post = new_post(author_id=ADMIN_ID, scope_code="SIGS", status="scheduled", created_at=now)
            s.add(post)
            await s.commit()
            return post.id
    finally:
        await engine.dispose()


async def outbox(database_url: str, post_id: int) -> list[OutboxEntry]:
    engine = create_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as s:
            return list(await s.scalars(select(OutboxEntry).where(OutboxEntry.post_id == post_id)))
    finally:
        await engine.dispose()


async def until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout} s: {what}"
        await asyncio.sleep(0.02)


async def test_sigterm_mid_broadcast_drains_hands_back_and_a_second_process_finishes(
    database_url: str,
) -> None:
    emu = Emulator(global_rate=None, chat_rate=None)
    emu.timeout_delay = 1.0  # a "timeout" fault below: a send Telegram answers only after a second
    await emu.start()
    try:
        for user_id, language in PEOPLE.items():
            reachable(emu, user_id, language or "kk")
        reachable(emu, ADMIN_ID, "ru")  # its command menu is set at start-up
        late = emu.user(LATE, language_code="ru")
        post_id = await prepare(database_url)

        async with bot_process(emu, database_url, "first") as first:
            await first.logged("Start polling", timeout=240)  # a cold start on a busy CI machine
            await until(lambda: sum(received(emu).values()) >= 15, 10, "15 copies out")
            # The next three sends are answered only after a second: they are in flight at the SIGTERM.
            mark = len(emu.calls)
            emu.inject_fault("sendMessage", "timeout", count=3)
            await until(lambda: emu.stats["faults"] == 3, 5, "three sends held")
            first.process.send_signal(signal.SIGTERM)
            stopped_at = time.monotonic()
            await first.logged("Polling stopped", timeout=5)
            await late.send("/helplines")  # the first process no longer takes updates
            code = await first.exit_code(timeout=EXIT_BOUND + 5)
            took = time.monotonic() - stopped_at
        assert code == 0, first.log
        assert took < EXIT_BOUND, f"{took:.1f} s from SIGTERM to exit"
        print(f"SIGTERM to exit: {took:.1f} s")
        assert not any("did not stop within" in line for line in first.lines), first.log
        # A clean drain: no error logged on the way out, nothing left unclosed.
        assert [
            line for line in first.lines if " ERROR " in line or "Traceback" in line or "nclosed" in line
        ] == []

        # It finished and recorded the sends in flight, sent nothing unrecorded, and holds no row.
        rows = await outbox(database_url, post_id)
        sent = {row.chat_id for row in rows if row.status == "sent"}
        # The faults are taken by the first three sends after they were set (no await in between).
        held = [call for call in emu.calls[mark:] if call.method == "sendMessage"][:3]
        assert set(received(emu)) == sent
        assert {int(call.params["chat_id"]) for call in held} <= sent
        assert 15 <= len(sent) < len(PEOPLE)
        assert [row.chat_id for row in rows if row.lease_owner or row.lease_until] == []
        assert [m for m in emu.sent if m["chat_id"] == LATE] == []
        assert [u["update_id"] for u in emu.updates.pending if "message" in u] != []

        async with bot_process(emu, database_url, "second") as second:
            reply = await late.next_message(timeout=240)  # its start-up, then the update left pending
            assert "111" in reply["text"]
            await until(lambda: len(received(emu)) == len(PEOPLE), 15, "every parent reached")
            # The post is reported done once its last row is recorded; then stop this one too.
            for _ in range(100):
                if {row.status for row in await outbox(database_url, post_id)} == {"sent"}:
                    break
                await asyncio.sleep(0.05)
            second.process.send_signal(signal.SIGTERM)
            assert await second.exit_code(timeout=EXIT_BOUND + 5) == 0, second.log
    finally:
        await emu.stop()

    got = received(emu)
    assert [uid for uid in PEOPLE if got[uid] != 1] == []
    assert {row.status for row in await outbox(database_url, post_id)} == {"sent"}
    assert emu.rejections == [] and emu.throttled == []
