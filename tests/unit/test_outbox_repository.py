"""Who a post reaches: the outbox built by one INSERT ... SELECT, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import KZ
from bot.i18n import stored_locale
from db.models import Channel, OutboxEntry, Subscription, User
from db.repositories import Repositories
from db.repositories.outbox import Outcome
from db.repositories.users import Speaks
from domain.enums import OutboxStatus
from tests.support.databases import migrated_sessions
from tests.support.orgs import LETTER_TREE, add_organisations
from tests.support.posts import new_post

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=KZ)

# Organisations: LETTER_TREE, region R -> districts D1, D2 -> schools S1, S2 (D1) and S3 (D2)
# user id -> (language, active, [(org, grade)])
PEOPLE: dict[int, tuple[str | None, bool, list[tuple[str, str]]]] = {
    1: ("kk", True, [("S1", "5"), ("S1", "7")]),  # two children in one school: one copy
    2: ("ru", True, [("S2", "5")]),
    3: (None, True, [("S3", "9")]),  # never chose a language: the default
    4: ("ru", False, [("S1", "5")]),  # blocked the bot: skipped
    5: ("ru", True, [("S1", "3"), ("S3", "9")]),  # children in two districts
}
CHANNELS = [("R", -1001, "both"), ("D1", -1002, "ru"), ("S3", -1003, "kk")]


@pytest.fixture
async def sessions(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    async with migrated_sessions(tmp_path) as maker:
        await add_organisations(maker, LETTER_TREE)
        async with maker() as s:
            for user_id, (language, active, subs) in PEOPLE.items():
                s.add(User(id=user_id, language=language, first_seen=NOW, last_seen=NOW, active=active))
                await s.flush()
                for org, grade in subs:
                    s.add(Subscription(user_id=user_id, org_code=org, grade=grade, created_at=NOW))
            for scope, chat_id, language in CHANNELS:
                s.add(
                    Channel(scope_code=scope, chat_id=chat_id, language=language, linked_by=1, linked_at=NOW)
                )
            await s.commit()
        yield maker


async def build(
    maker: async_sessionmaker[AsyncSession], scope: str, audience: dict[str, Any]
) -> dict[int, str]:
    async with maker() as s:
        repo = Repositories(s)
        post = new_post(
            author_id=1,
            scope_code=scope,
            text={"kk": "k", "ru": "r"},
            audience=audience,
            status="scheduled",
            created_at=NOW,
        )
        s.add(post)
        await s.flush()
        expected = await repo.outbox.count_recipients(post, "kk")
        assert await repo.posts.mark_sending(post.id, NOW) is not None
        total = await repo.outbox.build(post, "kk")
        await s.commit()
        assert total == expected
        # A second start of the same post does nothing (double tap on Confirm, two wake-ups).
        assert await repo.posts.mark_sending(post.id, NOW) is None
        rows = (await s.execute(select(OutboxEntry).where(OutboxEntry.post_id == post.id))).scalars().all()
        assert all(r.status == OutboxStatus.PENDING and r.attempts == 0 for r in rows)
        assert len(rows) == total
        return {r.chat_id: r.language for r in rows}


async def test_whole_region(sessions: async_sessionmaker[AsyncSession]) -> None:
    got = await build(sessions, "R", {"orgs": None, "grades": None})
    assert got == {1: "kk", 2: "ru", 3: "kk", 5: "ru", -1001: "both"}


async def test_organisations_at_several_levels(sessions: async_sessionmaker[AsyncSession]) -> None:
    got = await build(sessions, "R", {"orgs": ["D1", "S3"], "grades": None})
    # Everyone under D1, plus S3; channels of the scope and of exactly the named organisations.
    assert got == {1: "kk", 2: "ru", 3: "kk", 5: "ru", -1001: "both", -1002: "ru", -1003: "kk"}
    got = await build(sessions, "R", {"orgs": ["S2", "S3"], "grades": None})
    assert got == {2: "ru", 3: "kk", 5: "ru", -1001: "both", -1003: "kk"}


async def test_grades(sessions: async_sessionmaker[AsyncSession]) -> None:
    got = await build(sessions, "D1", {"orgs": ["S1"], "grades": ["5"]})
    assert got == {1: "kk", -1002: "ru"}
    got = await build(sessions, "R", {"orgs": None, "grades": ["9", "3"]})
    assert got == {3: "kk", 5: "ru", -1001: "both"}


async def test_audience_outside_the_scope_reaches_nobody_there(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    got = await build(sessions, "D1", {"orgs": ["S3"], "grades": None})
    assert got == {-1002: "ru"}


async def test_recording_outcomes_and_counts(sessions: async_sessionmaker[AsyncSession]) -> None:
    got = await build(sessions, "S1", {"orgs": None, "grades": None})
    assert got == {1: "kk", 5: "ru"}
    async with sessions() as s:
        repo = Repositories(s)
        post_id = (await repo.posts.sending_ids())[-1]
        rows = await repo.outbox.due(NOW, post_id, 0, 10)
        assert [r.chat_id for r in rows] == [1, 5]
        assert [r.chat_id for r in await repo.outbox.due(NOW, post_id, rows[0].id, 10)] == [5]
        await repo.outbox.record(
            [
                Outcome(rows[0].id, OutboxStatus.SENT, 1, sent_at=NOW, message_id=77, chat_id=1),
                Outcome(rows[1].id, OutboxStatus.BLOCKED, 1, error="Forbidden", chat_id=5),
            ]
        )
        await repo.posts.acknowledge(post_id, 1, NOW)
        assert await repo.posts.acknowledge(post_id, 1, NOW) is False  # a double tap counts once
        await s.commit()
        counts = await repo.posts.delivery_counts(post_id)
        assert (counts.sent, counts.blocked, counts.pending, counts.acknowledged) == (1, 1, 0, 1)
        assert await repo.outbox.has_pending(post_id) is False
        entry = await s.scalar(select(OutboxEntry).where(OutboxEntry.id == rows[0].id))
        assert entry is not None and entry.message_id == 77 and entry.sent_at == NOW


async def test_a_press_is_trusted_once_the_copy_is_sent_or_being_sent(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # S1 reaches parents 1 and 5; parent 2 (school S2) is not a recipient.
    await build(sessions, "S1", {"orgs": None, "grades": None})
    async with sessions() as s:
        repo = Repositories(s)
        post_id = (await repo.posts.sending_ids())[-1]
        assert not await repo.posts.was_sent_to(post_id, 1)  # waiting, nobody sending it yet
        first, fifth = await repo.outbox.claim(NOW, post_id, 0, 10, "a", NOW + timedelta(seconds=60))
        await s.commit()
        # Leased: on its way (Telegram may have delivered it before the sender records it).
        assert await repo.posts.was_sent_to(post_id, first.chat_id)
        await repo.outbox.record([Outcome(first.id, OutboxStatus.SENT, 1, sent_at=NOW, chat_id=1)], "a")
        await repo.outbox.record(
            [Outcome(fifth.id, OutboxStatus.BLOCKED, 1, error="Forbidden", chat_id=5)], "a"
        )
        await s.commit()
        assert await repo.posts.was_sent_to(post_id, 1)
        assert not await repo.posts.was_sent_to(post_id, 5)  # blocked: it never arrived
        assert not await repo.posts.was_sent_to(post_id, 2)  # never a recipient
        assert not await repo.posts.was_sent_to(post_id + 1, 1)  # another post's id


async def test_leases_one_holder_per_row_expiry_takeover_and_hand_back(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    await build(sessions, "R", {"orgs": None, "grades": None})
    later, until = NOW + timedelta(seconds=61), NOW + timedelta(seconds=60)
    async with sessions() as s:
        repo = Repositories(s)
        post_id = (await repo.posts.sending_ids())[-1]
        mine = await repo.outbox.claim(NOW, post_id, 0, 3, "a", until)
        await s.commit()
        assert len(mine) == 3
        # Another sender passes over leased rows and gets the rest.
        theirs = await repo.outbox.claim(NOW, post_id, 0, 100, "b", until)
        await s.commit()
        assert theirs and not {r.id for r in mine} & {r.id for r in theirs}
        assert await repo.outbox.claim(NOW, post_id, 0, 100, "c", until) == []
        # Recording clears the lease; an outcome from a sender that no longer holds the row is not written.
        await repo.outbox.record([Outcome(mine[0].id, OutboxStatus.SENT, 1, sent_at=NOW, chat_id=1)], "a")
        await repo.outbox.record([Outcome(mine[1].id, OutboxStatus.SENT, 1, sent_at=NOW, chat_id=1)], "b")
        await s.commit()
        got = {
            e.id: e for e in await s.scalars(select(OutboxEntry).execution_options(populate_existing=True))
        }
        assert (got[mine[0].id].status, got[mine[0].id].lease_owner) == ("sent", None)
        assert (got[mine[1].id].status, got[mine[1].id].lease_owner) == ("pending", "a")
        # A live sender renews the rows it still holds (one it let go of, its send having failed, is not);
        # a stopped one's leases run out, and anyone takes those rows.
        dropped, *held = theirs
        assert await repo.outbox.renew("b", later + timedelta(seconds=60), [r.id for r in held]) == len(held)
        assert await repo.outbox.renew("b", later + timedelta(seconds=60), []) == 0
        await s.commit()
        taken = await repo.outbox.claim(later, post_id, 0, 100, "c", later + timedelta(seconds=60))
        assert {r.id for r in taken} == {r.id for r in mine[1:]} | {dropped.id}
        # Handing back (SIGTERM): the rows are free at once.
        assert await repo.outbox.release("b") == len(held)
        await s.commit()
        assert {r.id for r in await repo.outbox.claim(NOW, post_id, 0, 100, "d", until)} == {
            r.id for r in held
        }
        await s.commit()


async def test_on_postgresql_a_row_being_leased_is_skipped_not_waited_for(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    if dialect_of_maker(sessions) != "postgresql":
        pytest.skip("SKIP LOCKED is PostgreSQL's; on SQLite the bot is one process")
    await build(sessions, "R", {"orgs": None, "grades": None})
    until = NOW + timedelta(seconds=60)
    async with sessions() as first, sessions() as second:
        post_id = (await Repositories(first).posts.sending_ids())[-1]
        held = await Repositories(first).outbox.claim(NOW, post_id, 0, 2, "a", until)  # not yet committed
        other = await asyncio.wait_for(Repositories(second).outbox.claim(NOW, post_id, 0, 100, "b", until), 5)
        assert held and other and not {r.id for r in held} & {r.id for r in other}
        await first.commit()
        await second.commit()


def dialect_of_maker(maker: async_sessionmaker[AsyncSession]) -> str:
    bind = maker.kw["bind"]
    return str(bind.dialect.name)


async def test_a_copy_speaks_what_the_parent_is_answered_in(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # Who never chose gets Telegram's kk or ru, as replies do (bot.i18n.stored_locale); a choice wins.
    speaks = {6: Speaks(None, "ru"), 7: Speaks("kk", "ru"), 8: Speaks(None, "kk")}
    async with sessions() as s:
        for user_id, spoken in speaks.items():
            s.add(
                User(
                    id=user_id,
                    language=spoken.chosen,
                    telegram_language=spoken.telegram,
                    first_seen=NOW,
                    last_seen=NOW,
                )
            )
            await s.flush()
            s.add(Subscription(user_id=user_id, org_code="S3", grade="9", created_at=NOW))
        await s.commit()
    got = await build(sessions, "D2", {"orgs": None, "grades": ["9"]})
    assert got == {3: "kk", 5: "ru", 6: "ru", 7: "kk", 8: "kk"}
    assert all(got[user_id] == stored_locale(spoken, "kk") for user_id, spoken in speaks.items())
