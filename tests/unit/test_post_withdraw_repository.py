"""DraftRepository.withdraw: only the author, only before the post begins to go out, never an event's
announcement; and whichever of the stop and the sender's start comes first wins (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import KZ
from db.repositories import Repositories
from tests.support.databases import migrated_sessions
from tests.support.events import add_school_event
from tests.support.org_tree import SCHOOL, add_tree
from tests.support.posts import add_post

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)
AUTHOR, OTHER = 501, 502


@pytest.fixture
async def sessions(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    async with migrated_sessions(tmp_path) as maker:
        await add_tree(maker)
        yield maker


async def _post(sm: async_sessionmaker[AsyncSession], status: str, **columns: object) -> int:
    return await add_post(sm, author_id=AUTHOR, scope_code=SCHOOL, status=status, created_at=NOW, **columns)


async def _withdraw(sm: async_sessionmaker[AsyncSession], post_id: int, user_id: int = AUTHOR) -> bool:
    async with sm() as session:
        done = await Repositories(session).drafts.withdraw(post_id, user_id)
        await session.commit()
        return done


async def _status(sm: async_sessionmaker[AsyncSession], post_id: int) -> str | None:
    async with sm() as session:
        return await Repositories(session).drafts.status_of(post_id)


async def test_only_the_author_stops_a_post_that_has_not_gone_out(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    scheduled = await _post(sessions, "scheduled", send_at=NOW + timedelta(hours=1))
    waiting = await _post(sessions, "awaiting_approval")
    assert not await _withdraw(sessions, scheduled, OTHER)
    assert await _status(sessions, scheduled) == "scheduled"
    assert await _withdraw(sessions, scheduled)
    assert not await _withdraw(sessions, scheduled)  # once
    assert await _withdraw(sessions, waiting)
    assert {await _status(sessions, p) for p in (scheduled, waiting)} == {"withdrawn"}
    for status in ("sending", "done", "rejected", "cancelled"):
        gone = await _post(sessions, status)
        assert not await _withdraw(sessions, gone)
        assert await _status(sessions, gone) == status
    event_id = await add_school_event(sessions, NOW + timedelta(days=3), organiser_id=AUTHOR)
    announcement = await _post(sessions, "scheduled", event_id=event_id)
    assert not await _withdraw(sessions, announcement)  # it stops with its event (/event list)
    assert await _status(sessions, announcement) == "scheduled"


async def test_whichever_of_the_stop_and_the_start_comes_first_wins(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    first, second = await _post(sessions, "scheduled"), await _post(sessions, "scheduled")
    async with sessions() as session:
        assert await Repositories(session).posts.mark_sending(first, NOW) is not None
        await session.commit()
    assert not await _withdraw(sessions, first)
    assert await _withdraw(sessions, second)
    async with sessions() as session:
        assert await Repositories(session).posts.mark_sending(second, NOW) is None
        assert await Repositories(session).posts.due_for_sending(NOW + timedelta(days=1)) == []
