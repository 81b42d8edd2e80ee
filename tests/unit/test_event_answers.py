"""Answers to events: who is invited, seats and the waiting list, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import KZ
from db.models import Event, EventAnswer, EventNotice, Subscription, User
from db.repositories import Repositories
from db.repositories.event_changes import Counts
from tests.support import events
from tests.support.databases import migrated_sessions
from tests.support.orgs import LETTER_TREE, add_organisations

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=KZ)

# Organisations: LETTER_TREE, region R -> district D1 (schools S1, S2), city D2 (school S3)
PEOPLE: dict[int, list[tuple[str, str]]] = {
    1: [("S1", "5")],
    2: [("S2", "5")],
    3: [("S3", "5")],
    4: [("S1", "7"), ("S3", "5")],
    5: [],
}
# Parents of S1, grade 5, for the seat race; Telegram ids outgrew 32 bits long ago.
CROWD = range(6_000_000_000, 6_000_000_012)


@pytest.fixture
async def sessions(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    async with migrated_sessions(tmp_path) as maker:
        await add_organisations(maker, LETTER_TREE)
        async with maker() as s:
            people = {**PEOPLE, **{user_id: [("S1", "5")] for user_id in CROWD}}
            for user_id, subs in people.items():
                s.add(User(id=user_id, language="kk", first_seen=NOW, last_seen=NOW))
                await s.flush()
                for org, grade in subs:
                    s.add(Subscription(user_id=user_id, org_code=org, grade=grade, created_at=NOW))
            await s.commit()
        yield maker


async def add_event(
    maker: async_sessionmaker[AsyncSession],
    scope: str,
    audience: dict[str, Any],
    capacity: int | None = None,
    starts_at: datetime = NOW + timedelta(days=3),
    status: str = "scheduled",
) -> int:
    return await events.add_event(
        maker,
        organiser_id=1,
        scope_code=scope,
        audience=audience,
        topic_kk="Тақырып",
        topic_ru="Тема",
        place="Мектеп залы",
        starts_at=starts_at,
        duration_min=60,
        capacity=capacity,
        status=status,
        created_at=NOW,
    )


async def invited(maker: async_sessionmaker[AsyncSession], event_id: int) -> set[int]:
    async with maker() as s:
        repo = Repositories(s)
        event = await repo.events.get(event_id)
        assert event is not None
        return {user_id for user_id in PEOPLE if await repo.event_answers.is_invited(event, user_id)}


async def test_who_is_invited_follows_the_outbox_rule(sessions: async_sessionmaker[AsyncSession]) -> None:
    school = await add_event(sessions, "S1", {"orgs": None, "grades": ["5"]})
    district = await add_event(sessions, "D1", {"orgs": None, "grades": None})
    some = await add_event(sessions, "R", {"orgs": ["S2", "D2"], "grades": ["5"]})
    outside = await add_event(
        sessions, "D1", {"orgs": ["S3"], "grades": None}
    )  # an audience beyond the scope
    assert await invited(sessions, school) == {1}
    assert await invited(sessions, district) == {1, 2, 4}
    assert await invited(sessions, some) == {2, 3, 4}
    assert await invited(sessions, outside) == set()


async def answer(maker: async_sessionmaker[AsyncSession], event_id: int, user_id: int, going: bool) -> Any:
    async with maker() as s:
        repo = Repositories(s)
        if going:
            result: Any = await repo.event_answers.answer_going(event_id, user_id, NOW)
        else:
            before = await repo.event_answers.answer_not_going(event_id, user_id, NOW)
            result = await repo.event_answers.promote_waiting(event_id, NOW) if before == "going" else []
        await s.commit()
        return result


async def answers(maker: async_sessionmaker[AsyncSession], event_id: int) -> dict[int, str]:
    async with maker() as s:
        rows = await s.execute(
            select(EventAnswer.user_id, EventAnswer.answer).where(EventAnswer.event_id == event_id)
        )
        return {user_id: answer for user_id, answer in rows}


async def test_parents_racing_for_the_last_seats_never_overfill(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    event_id = await add_event(sessions, "S1", {"orgs": None, "grades": ["5"]}, capacity=3)
    results = await asyncio.gather(*(answer(sessions, event_id, user_id, True) for user_id in CROWD))
    assert sorted(results) == ["going"] * 3 + ["waiting"] * (len(CROWD) - 3)
    stored = await answers(sessions, event_id)
    assert sorted(stored.values()) == sorted(results)
    async with sessions() as s:
        repo = Repositories(s).event_answers
        counts = await Repositories(s).event_changes.counts([event_id])
        assert counts[event_id] == Counts(going=3, waiting=len(CROWD) - 3)
        places = [await repo.waiting_place(event_id, u) for u in CROWD if stored[u] == "waiting"]
        assert sorted(places) == list(range(1, len(CROWD) - 2))


async def test_a_freed_seat_goes_to_the_first_waiting(sessions: async_sessionmaker[AsyncSession]) -> None:
    event_id = await add_event(sessions, "S1", {"orgs": None, "grades": ["5"]}, capacity=1)
    first, second, third, fourth = CROWD[:4]
    assert await answer(sessions, event_id, first, True) == "going"
    for user_id in (second, third, fourth):
        assert await answer(sessions, event_id, user_id, True) == "waiting"
    assert await answer(sessions, event_id, first, False) == [second]
    assert await answers(sessions, event_id) == {
        first: "not_going",
        second: "going",
        third: "waiting",
        fourth: "waiting",
    }
    # The organiser raises the capacity: the free seats are filled in order, each with its notice.
    async with sessions() as s:
        await s.execute(update(Event).where(Event.id == event_id).values(capacity=2))
        assert await Repositories(s).event_answers.promote_waiting(event_id, NOW + timedelta(hours=1)) == [
            third
        ]
        await s.commit()
    async with sessions() as s:
        await s.execute(update(Event).where(Event.id == event_id).values(capacity=None))
        assert await Repositories(s).event_answers.promote_waiting(event_id, NOW + timedelta(hours=2)) == [
            fourth
        ]
        assert await Repositories(s).event_answers.promote_waiting(event_id, NOW + timedelta(hours=3)) == []
        await s.commit()
        notices = (
            await s.execute(
                select(EventNotice.user_id, EventNotice.kind, EventNotice.status, EventNotice.ref).where(
                    EventNotice.event_id == event_id
                )
            )
        ).all()
    assert sorted(n.user_id for n in notices) == [second, third, fourth]
    assert {(n.kind, n.status) for n in notices} == {("promoted", "pending")}
    assert all(len(n.ref) <= 32 for n in notices)


async def test_upcoming_events_of_a_parent(sessions: async_sessionmaker[AsyncSession]) -> None:
    today = NOW.replace(hour=0)
    mine = await add_event(sessions, "S1", {"orgs": None, "grades": ["5"]})
    earlier_today = await add_event(
        sessions, "D1", {"orgs": None, "grades": None}, starts_at=NOW - timedelta(hours=1)
    )
    await add_event(sessions, "S1", {"orgs": None, "grades": ["5"]}, starts_at=NOW - timedelta(days=1))
    await add_event(sessions, "S2", {"orgs": None, "grades": None})  # another school
    cancelled = await add_event(sessions, "S1", {"orgs": None, "grades": None}, status="cancelled")
    answered_cancelled = await add_event(sessions, "S1", {"orgs": None, "grades": None})
    await answer(sessions, answered_cancelled, 1, True)
    async with sessions() as s:
        await s.execute(update(Event).where(Event.id == answered_cancelled).values(status="cancelled"))
        await s.commit()
    async with sessions() as s:
        found = await Repositories(s).event_answers.upcoming_for(1, today)
    assert [(m.event.id, m.answer) for m in found] == [
        (earlier_today, None),
        (mine, None),
        (answered_cancelled, "going"),
    ]
    assert cancelled not in [m.event.id for m in found]
    async with sessions() as s:
        assert await Repositories(s).event_answers.upcoming_for(5, today) == []
