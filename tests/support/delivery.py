"""Posts sent through a running app and the emulator: the parents they reach (on the small tree R > D1 > S1
that `populate` adds), a post queued as the /post flow leaves it once confirmed, and watching its delivery."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.broadcast import BroadcastSender
from bot.clock import KZ
from bot.emulator import Emulator
from db.models import Organisation, OutboxEntry, Post, Subscription, User
from tests.support.app import ADMIN_ID, RunningApp
from tests.support.posts import new_post

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=KZ)


async def add_admin_user(session: AsyncSession, at: datetime) -> None:
    """The admin who authors the delivery tests' posts, as a user of the bot (once)."""
    if await session.get(User, ADMIN_ID) is None:
        session.add(User(id=ADMIN_ID, language="ru", first_seen=at, last_seen=at))


def sender(app: RunningApp) -> BroadcastSender:
    """The app's broadcast sender, reporting progress every half second."""
    broadcaster: BroadcastSender = app.dp["broadcaster"]
    broadcaster.progress_interval = 0.5
    return broadcaster


def reachable(emu: Emulator, user_id: int, language_code: str = "kk") -> Any:
    """A user who once started the bot, so the bot may write to them (without an update to handle)."""
    user = emu.user(user_id, language_code=language_code)
    user.record.started = user.record.seen = True
    emu.world.chats.setdefault(user_id, user.chat)
    return user


async def populate(app: RunningApp, people: dict[int, str | None], school: str = "S1") -> None:
    """Organisations R > D1 > S1, and each user subscribed to S1 (grade 5) in the given language."""
    async with app.dp["sessionmaker"]() as s:
        if await s.get(Organisation, "R") is None:
            s.add(Organisation(code="R", kind="region", parent_code=None, name_kk="Облыс", name_ru="Область"))
            await s.flush()
            s.add(Organisation(code="D1", kind="district", parent_code="R", name_kk="Аудан", name_ru="Район"))
            await s.flush()
            s.add(
                Organisation(
                    code="S1", kind="school", parent_code="D1", name_kk="№1 мектеп", name_ru="Школа №1"
                )
            )
            await s.flush()
        for user_id, language in people.items():
            s.add(User(id=user_id, language=language, first_seen=NOW, last_seen=NOW))
            await s.flush()
            s.add(Subscription(user_id=user_id, org_code=school, grade="5", created_at=NOW))
        await s.commit()


async def queue_post(
    app: RunningApp, *, silent: bool = False, paid: bool = False
) -> tuple[int, dict[str, Any]]:
    """What the /post flow does once a post is confirmed: a 'queued' message, a scheduled post, wake()."""
    staff = reachable(app.emu, ADMIN_ID, "ru")
    queued = await app.bot.send_message(ADMIN_ID, "queued")
    progress = staff.chat.messages[queued.message_id]
    staff.drain()
    async with app.dp["sessionmaker"]() as s:
        await add_admin_user(s, NOW)
        post = new_post(
            author_id=ADMIN_ID,
            scope_code="S1",
            status="scheduled",
            created_at=NOW,
            urgent=paid,
            silent=silent,
            paid_broadcast=paid,
            progress_chat_id=ADMIN_ID,
            progress_message_id=queued.message_id,
        )
        s.add(post)
        await s.commit()
        post_id = post.id
    sender(app).wake()
    return post_id, progress


async def wait_done(app: RunningApp, post_id: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with app.dp["sessionmaker"]() as s:
            post = await s.get(Post, post_id)
            if post is not None and post.status == "done":
                return
        await asyncio.sleep(0.1)
    raise AssertionError(f"post {post_id} not done within {timeout}s")


async def outbox(app: RunningApp, post_id: int) -> dict[int, OutboxEntry]:
    """The post's outbox rows by chat."""
    async with app.dp["sessionmaker"]() as s:
        rows = await s.scalars(select(OutboxEntry).where(OutboxEntry.post_id == post_id))
        return {row.chat_id: row for row in rows}


async def active(app: RunningApp, user_id: int) -> bool:
    async with app.dp["sessionmaker"]() as s:
        user = await s.get(User, user_id)
        assert user is not None
        return user.active


def copies(emu: Emulator, needle: str) -> Counter[int]:
    """How many messages with `needle` in their text each chat was sent."""
    return Counter(m["chat_id"] for m in emu.sent if needle in (m.get("text") or ""))


def received(emu: Emulator) -> Counter[int]:
    """How many copies of TEXT, in either language, each chat was sent."""
    return copies(emu, "Ата-аналар") + copies(emu, "Родительское")
