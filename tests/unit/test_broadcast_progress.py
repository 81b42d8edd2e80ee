"""Two senders on one database: the progress line's time left comes from shared state, so both write the
same figure at the same moment, and a post another sender finished leaves the other's memory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from aiogram import Bot
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.broadcast import BroadcastSender
from bot.broadcast.progress import seconds_left
from bot.clock import KZ, FrozenClock
from bot.i18n import create_i18n
from bot.outgoing import OutgoingLimiter
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.models import Organisation, OutboxEntry, Post, User
from db.repositories import Repositories
from db.repositories.outbox import OutboxRow, Outcome
from db.repositories.posts import DeliveryCounts
from domain.enums import OutboxStatus
from tests.support.databases import fresh_database

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=KZ)
AUTHOR = 77
PROGRESS_MESSAGE = 5
I18N = create_i18n("kk")


class EditsSeen:
    """Stands in for the sender's bot: keeps the texts the progress message was edited to."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    async def edit_message_text(self, text: str, chat_id: int, message_id: int) -> Any:
        assert (chat_id, message_id) == (AUTHOR, PROGRESS_MESSAGE)
        self.texts.append(text)


@pytest.fixture
async def sessions(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(await fresh_database(tmp_path))
    await upgrade_to_head(engine)
    yield create_sessionmaker(engine)
    await engine.dispose()


async def sending_post(maker: async_sessionmaker[AsyncSession], recipients: int) -> int:
    """A post that started going out at T0, to `recipients` chats; its author reads Russian."""
    async with maker() as s:
        s.add(Organisation(code="R", kind="region", parent_code=None, name_kk="Облыс", name_ru="Область"))
        s.add(User(id=AUTHOR, language="ru", first_seen=T0, last_seen=T0))
        post = Post(
            author_id=AUTHOR,
            scope_code="R",
            text_kk="k",
            text_ru="r",
            audience={"orgs": None, "grades": None},
            status="sending",
            created_at=T0,
            started_at=T0,
            progress_chat_id=AUTHOR,
            progress_message_id=PROGRESS_MESSAGE,
        )
        s.add(post)
        await s.flush()
        for chat_id in range(1000, 1000 + recipients):
            s.add(OutboxEntry(post_id=post.id, chat_id=chat_id, language="kk", status="pending", attempts=0))
        await s.commit()
        return post.id


def a_sender(maker: async_sessionmaker[AsyncSession], clock: FrozenClock, owner: str) -> BroadcastSender:
    limiter = OutgoingLimiter(global_rate=30, global_burst=30, broadcast_rate=20)
    sender = BroadcastSender(maker, clock, I18N, limiter, owner=owner)
    sender._progress.bot = cast(Bot, EditsSeen())
    return sender


def edits(sender: BroadcastSender) -> list[str]:
    return cast(EditsSeen, sender._progress.bot).texts


async def take(sender: BroadcastSender) -> list[OutboxRow]:
    """One batch claimed, as the sender's lane does (it takes the post up then)."""
    return await sender._next_batch({})


async def sent(
    maker: async_sessionmaker[AsyncSession], sender: BroadcastSender, rows: list[OutboxRow], at: datetime
) -> None:
    async with maker() as s:
        outcomes = [Outcome(r.id, OutboxStatus.SENT, 1, sent_at=at, chat_id=r.chat_id) for r in rows]
        await Repositories(s).outbox.record(outcomes, sender.owner)
        await s.commit()
    for row in rows:
        sender._held.pop(row.id, None)  # as the send's own task does once its row is recorded


async def test_two_senders_show_the_same_time_left_at_the_same_moment(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await sending_post(sessions, 100)
    clock = FrozenClock(T0)
    a, b = a_sender(sessions, clock, "a"), a_sender(sessions, clock, "b")
    with I18N.context():
        first = await take(a)
        await a._progress.show()
        # At the start there is no pace yet.
        assert edits(a) == [
            "<b>Объявление № 1 отправляется.</b>\nОтправлено: 0 из 100.\nОцениваем оставшееся время…"
        ]
        # a sends its batch over four seconds; b takes the post up only then.
        clock.advance(timedelta(seconds=4))
        await sent(sessions, a, first, clock.now())
        await take(b)
        clock.advance(timedelta(seconds=6))
        await a._progress.show()
        await b._progress.show()
        # Both go by the copies sent in the ten seconds since the post started: 32, so 3.2 a second, and 68
        # left take about 21 s.
        assert len(first) == 32
        assert edits(a)[-1] == edits(b)[-1]
        assert edits(b)[-1].endswith("Отправлено: 32 из 100.\nОсталось примерно 21 с.")


async def test_a_post_another_sender_finished_leaves_the_others_memory(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    post_id = await sending_post(sessions, 64)
    clock = FrozenClock(T0)
    a, b = a_sender(sessions, clock, "a"), a_sender(sessions, clock, "b")
    with I18N.context():
        mine, theirs = await take(a), await take(b)
        assert mine and theirs and post_id in a._posts and post_id in b._posts
        await sent(sessions, a, mine, clock.now())
        # b's lease lapses (it hung); a takes its rows over, sends them and finishes the post.
        clock.advance(timedelta(seconds=b.lease + 1))
        taken_over = await take(a)
        assert {r.id for r in taken_over} == {r.id for r in theirs}
        await sent(sessions, a, taken_over, clock.now())
        # Nothing pending: no estimate is written, as it might land over the report.
        await a._progress.show()
        assert edits(a) == []
        await a._finish_posts()
        assert edits(a)[-1].startswith("<b>Объявление № 1 отправлено.</b>")
        # b's own sends of those rows are still in flight: it keeps what they read.
        await b._finish_posts()
        assert post_id in b._posts
        for row in theirs:
            b._held.pop(row.id)
        await b._finish_posts()
        assert b._posts == {} and a._posts == {}
        await b._progress.show()
        assert edits(b) == []


def test_the_time_left_needs_a_pace_and_is_nothing_at_the_end() -> None:
    halfway = DeliveryCounts(pending=50, sent=40, blocked=10)
    assert seconds_left(DeliveryCounts(pending=100), 0, 5.0) is None  # nothing sent yet
    assert seconds_left(halfway, 0, 60.0) is None  # nothing sent lately (a pause, a restart)
    assert seconds_left(halfway, 5, 0.5) is None  # too short to tell
    # 40 sent a second, and one copy in five ends blocked: 50 a second through the rest.
    assert seconds_left(halfway, 40, 1.0) == pytest.approx(1.0)
    assert seconds_left(DeliveryCounts(sent=90, blocked=10), 0, 60.0) == 0.0
