"""Several instances on one database: the outbox's leases send each row once, a killed instance's rows are
finished by another once its leases run out, and a stopping one (SIGTERM) hands its rows back at once.

The first instance polls the emulator (as tests/support/app.py runs every bot); the others only run their
start-up and shutdown hooks, the background services included, as instances in webhook mode would, so that
no two processes fight over getUpdates. Several at once need PostgreSQL: on SQLite the bot stays one process
(tests/unit/test_single_instance.py). The SIGTERM drain runs on both.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select

from app.composition import build_app
from bot.broadcast import BroadcastSender
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from bot.settings import Settings
from db.models import OutboxEntry
from tests.support import databases
from tests.support.app import ADMIN_ID, TOKEN, RunningApp, running_app
from tests.support.daytime_clock import shared_daytime_clock
from tests.support.delivery import populate, queue_post, reachable, received, sender, wait_done

several = pytest.mark.skipif(
    databases.test_database_url() is None,
    reason="several instances share one PostgreSQL database (CI's PG pass); SQLite stays one process",
)


def limiter(rate: float) -> OutgoingLimiter:
    return OutgoingLimiter(global_rate=2000, global_burst=50, broadcast_rate=rate)


def polling(database_url: str, emu: Emulator, rate: float, **fields: Any) -> Any:
    """The first instance, polling the emulator as every test's bot does."""
    return running_app(database_url, emulator=emu, limiter=limiter(rate), **fields)


@contextlib.asynccontextmanager
async def another(database_url: str, emu: Emulator, rate: float, **fields: Any) -> AsyncIterator[Any]:
    """One more instance on the same database and emulator, without polling; yields its Dispatcher."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=emu.base_url,
        database_url=database_url,
        admin_ids=frozenset({ADMIN_ID}),
        **fields,
    )
    bot, dp = build_app(settings, Overrides(limiter=limiter(rate), clock=shared_daytime_clock()))
    await dp.emit_startup(bot=bot, **dp.workflow_data)
    try:
        yield dp
    finally:
        if not dp["broadcaster"]._stopping:
            await dp.emit_shutdown(bot=bot, **dp.workflow_data)
        await bot.session.close()


async def kill(dp: Any) -> int:
    """As a SIGKILL would: nothing more is recorded and no lease handed back. Returns its sends in flight."""
    for name in ("retention", "event_notifier", "digests"):
        await dp[name].stop()
    broadcaster: BroadcastSender = dp["broadcaster"]
    broadcaster._stopping = True
    in_flight = len(broadcaster._workers)
    await broadcaster.abort()
    await dp["sessionmaker"].kw["bind"].dispose()
    return in_flight


async def leases(app: RunningApp, post_id: int) -> Counter[str | None]:
    async with app.dp["sessionmaker"]() as s:
        rows = await s.scalars(
            select(OutboxEntry.lease_owner).where(
                OutboxEntry.post_id == post_id, OutboxEntry.status == "pending"
            )
        )
        return Counter(rows)


def people_of(emu: Emulator, count: int, first: int) -> dict[int, str | None]:
    people: dict[int, str | None] = {first + i: ("kk" if i % 3 else "ru") for i in range(count)}
    for uid, language in people.items():
        reachable(emu, uid, language or "kk")
    return people


def refused_sends(emu: Emulator) -> list[Any]:
    """Sends Telegram would refuse (each instance edits the progress message; a repeat is refused)."""
    return [r for r in emu.rejections if r.method != "editMessageText"]


@several
async def test_three_instances_send_a_broadcast_to_each_parent_exactly_once(database_url: str) -> None:
    emu = Emulator(global_rate=None, chat_rate=None)
    people = people_of(emu, 300, 20_000)
    async with polling(database_url, emu, 100, instance_id="a") as first:
        await populate(first, people)
        async with (
            another(database_url, emu, 100, instance_id="b") as second,
            another(database_url, emu, 100, instance_id="c") as third,
        ):
            post_id, _ = await queue_post(first)
            second["broadcaster"].wake()
            third["broadcaster"].wake()
            owners: set[str | None] = set()
            while sum(received(emu).values()) < len(people):
                owners |= set(await leases(first, post_id))
                await asyncio.sleep(0.02)
            await wait_done(first, post_id)
    got = received(emu)
    assert [uid for uid in people if got[uid] != 1] == []
    assert len(got) == len(people)
    # The work was shared: each instance held rows of this post at some point.
    assert {"a", "b", "c"} <= owners
    assert refused_sends(emu) == [] and emu.throttled == []


@several
async def test_a_killed_instance_s_rows_go_out_from_another_once_its_leases_run_out(
    database_url: str,
) -> None:
    emu = Emulator(global_rate=None, chat_rate=None)
    people = people_of(emu, 300, 30_000)
    short = {"outbox_lease_seconds": 3.0}
    async with running_app(
        database_url, emulator=emu, limiter=limiter(60), instance_id="a", **short
    ) as first:
        await populate(first, people)
        async with another(database_url, emu, 60, instance_id="b", **short) as second:
            post_id, _ = await queue_post(first)
            second["broadcaster"].wake()
            while (await leases(first, post_id))["b"] == 0:
                await asyncio.sleep(0.01)
            while sum(received(emu).values()) < 60:
                await asyncio.sleep(0.01)
            in_flight = await kill(second)
            held = (await leases(first, post_id))["b"]
            assert held > 0, "the killed instance held leases on unsent rows"
            await wait_done(first, post_id)
            # Each of them was taken over once its lease ran out, and counted so (/metrics).
            metrics = first.dp["metrics"].exposition().decode()
            assert f"bot_outbox_lease_expiries_total {float(held)}" in metrics
    got = received(emu)
    assert [uid for uid in people if got[uid] == 0] == []
    doubled = [uid for uid in people if got[uid] > 1]
    assert all(got[uid] == 2 for uid in doubled)
    assert len(doubled) <= in_flight
    assert refused_sends(emu) == [] and emu.throttled == []


async def test_a_stopping_instance_finishes_its_sends_and_hands_the_rest_back_at_once(
    database_url: str,
) -> None:
    """SIGTERM: aiogram stops polling and runs the shutdown hooks, where the sender drains (stop())."""
    emu = Emulator(global_rate=None, chat_rate=None)
    people = people_of(emu, 200, 40_000)
    # A lease of an hour: only a hand-back lets the next instance send these rows within the test.
    long = {"outbox_lease_seconds": 3600}
    async with polling(database_url, emu, 80, instance_id="a", **long) as first:
        await populate(first, people)
        post_id, _ = await queue_post(first)
        while sum(received(emu).values()) < 40:
            await asyncio.sleep(0.01)
        await first.dp.stop_polling()  # what aiogram's SIGTERM handler does; returns after the shutdown hooks
        # Nothing went out unrecorded, and the stopped sender holds no row any more.
        async with first.dp["sessionmaker"]() as s:
            rows = list(await s.scalars(select(OutboxEntry).where(OutboxEntry.post_id == post_id)))
        sent = {row.chat_id for row in rows if row.status == "sent"}
        assert set(received(emu)) == sent
        assert 0 < len(sent) < len(people)
        assert [row.id for row in rows if row.lease_owner is not None or row.lease_until is not None] == []
    async with running_app(
        database_url, emulator=emu, limiter=limiter(200), instance_id="b", **long
    ) as second:
        sender(second).wake()
        await wait_done(second, post_id, timeout=25)
    got = received(emu)
    assert [uid for uid in people if got[uid] != 1] == []
