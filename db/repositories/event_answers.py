"""Parents' answers to events, the capacity and the waiting list, and the events a parent is invited to.

Who is invited follows the outbox's rule for posts (db/repositories/outbox.py): a subscription to an
organisation at or under one of the audience codes (the event's scope when none are named) and at or under
the scope, for one of the audience grades (all when none are named). Here it is asked the other way round,
for one parent: the organisations above each of their subscriptions, read in one recursive query.

Seats: every statement that can change how many parents are 'going' first locks the event's row on
PostgreSQL (FOR NO KEY UPDATE, which leaves the foreign-key checks of other tables alone), and is itself a
single conditional statement, which SQLite runs under its one write lock. So two parents pressing at the
same moment never both take the last seat on either database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import BigInteger, Subquery, and_, case, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Event, EventAnswer, Organisation, Subscription
from db.repositories.event_notices import EventNoticeRepository
from db.repositories.rows import dialect_insert
from domain.enums import Answer, EventStatus, NoticeKind

# /familyhour shows at most this many; more candidates are read, as some are filtered out in Python.
CANDIDATES = 200


@dataclass(frozen=True, slots=True)
class Lineage:
    """One subscription of a parent: its grade, and its organisation with every organisation above it."""

    grade: str
    codes: frozenset[str]


@dataclass(frozen=True, slots=True)
class MyEvent:
    """An event on a parent's /familyhour list, with their answer (None: not answered yet)."""

    event: Event
    answer: str | None
    place: int | None  # their place on the waiting list, when waiting


def invites(event: Event, lineages: Sequence[Lineage]) -> bool:
    """Whether any of a parent's subscriptions is in the event's audience (the outbox's rule)."""
    audience = event.audience or {}
    orgs: list[str] | None = audience.get("orgs") or None
    grades: list[str] | None = audience.get("grades") or None
    return any(
        event.scope_code in lineage.codes
        and (orgs is None or not lineage.codes.isdisjoint(orgs))
        and (grades is None or lineage.grade in grades)
        for lineage in lineages
    )


def _replacing(stmt: postgresql.Insert | sqlite.Insert) -> postgresql.Insert | sqlite.Insert:
    """The insert of a parent's answer, replacing the answer (and its time) they had given before."""
    return stmt.on_conflict_do_update(
        index_elements=["event_id", "user_id"],
        set_={"answer": stmt.excluded.answer, "answered_at": stmt.excluded.answered_at},
    )


def _waiting_list(event_id: int) -> Subquery:
    """The event's waiting list with each one's place: first come (answered_at, then id) first served."""
    return (
        select(
            EventAnswer.id,
            EventAnswer.user_id,
            func.row_number().over(order_by=(EventAnswer.answered_at, EventAnswer.id)).label("place"),
        )
        .where(EventAnswer.event_id == event_id, EventAnswer.answer == Answer.WAITING.value)
        .subquery()
    )


def notice_ref(now: datetime) -> str:
    """The moment of a promotion as ISO UTC (32 characters at most), so each promotion gets its notice."""
    return now.astimezone(UTC).isoformat()


class EventAnswerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _lock(self, event_id: int) -> None:
        # A no-op on SQLite (SQLAlchemy leaves FOR UPDATE out there); the statements below are single ones.
        await self._session.execute(
            select(Event.id).where(Event.id == event_id).with_for_update(key_share=True)
        )

    # Who is invited ------------------------------------------------------------------------------

    async def lineages(self, user_id: int) -> list[Lineage]:
        up = (
            select(
                Subscription.id.label("sub_id"),
                Subscription.grade.label("grade"),
                Subscription.org_code.label("code"),
            )
            .where(Subscription.user_id == user_id)
            .cte("lineage", recursive=True)
        )
        up = up.union_all(
            select(up.c.sub_id, up.c.grade, Organisation.parent_code)
            .join(Organisation, Organisation.code == up.c.code)
            .where(Organisation.parent_code.is_not(None))
        )
        rows = await self._session.execute(select(up.c.sub_id, up.c.grade, up.c.code))
        found: dict[int, tuple[str, set[str]]] = {}
        for sub_id, grade, code in rows:
            found.setdefault(sub_id, (grade, set()))[1].add(code)
        return [Lineage(grade, frozenset(codes)) for _, (grade, codes) in sorted(found.items())]

    async def is_invited(self, event: Event, user_id: int) -> bool:
        return invites(event, await self.lineages(user_id))

    async def upcoming_for(self, user_id: int, since: datetime, limit: int = 10) -> list[MyEvent]:
        """Events from `since` on that invite the parent (scheduled) or that they answered (cancelled too)."""
        lineages = await self.lineages(user_id)
        codes = set().union(*(lineage.codes for lineage in lineages))
        answered = select(EventAnswer.event_id).where(EventAnswer.user_id == user_id)
        rows = await self._session.execute(
            select(Event, EventAnswer.answer)
            .outerjoin(EventAnswer, and_(EventAnswer.event_id == Event.id, EventAnswer.user_id == user_id))
            .where(
                Event.starts_at >= since,
                or_(Event.scope_code.in_(codes), Event.id.in_(answered)),
            )
            .order_by(Event.starts_at, Event.id)
            .limit(CANDIDATES)
        )
        found: list[MyEvent] = []
        for event, answer in rows:
            if answer is None and not (event.status == EventStatus.SCHEDULED and invites(event, lineages)):
                continue
            place = await self.waiting_place(event.id, user_id) if answer == Answer.WAITING else None
            found.append(MyEvent(event, answer, place))
            if len(found) == limit:
                break
        return found

    # Answers --------------------------------------------------------------------------------------

    async def answer_of(self, event_id: int, user_id: int) -> str | None:
        return await self._session.scalar(
            select(EventAnswer.answer).where(EventAnswer.event_id == event_id, EventAnswer.user_id == user_id)
        )

    async def answer_going(self, event_id: int, user_id: int, now: datetime) -> str | None:
        """Record 'going', or 'waiting' when every seat is taken; returns which it became (None: the event
        was cancelled meanwhile, nothing recorded).

        The seat check and the write are one statement (under the event's lock on PostgreSQL).
        """
        await self._lock(event_id)
        others_going = (
            select(func.count())
            .select_from(EventAnswer)
            .where(
                EventAnswer.event_id == event_id,
                EventAnswer.answer == Answer.GOING.value,
                EventAnswer.user_id != user_id,
            )
            .scalar_subquery()
        )
        answer = case(
            (or_(Event.capacity.is_(None), others_going < Event.capacity), literal(Answer.GOING.value)),
            else_=literal(Answer.WAITING.value),
        )
        source = select(
            Event.id,
            literal(user_id, BigInteger),
            answer.label("answer"),
            literal(now, EventAnswer.answered_at.type),
        ).where(Event.id == event_id, Event.status == EventStatus.SCHEDULED.value)
        stmt = dialect_insert(self._session, EventAnswer).from_select(
            ["event_id", "user_id", "answer", "answered_at"], source
        )
        became = await self._session.scalar(_replacing(stmt).returning(EventAnswer.answer))
        return None if became is None else str(became)

    async def answer_not_going(self, event_id: int, user_id: int, now: datetime) -> str | None:
        """Record 'not_going'; returns the answer it replaced (None when there was none)."""
        await self._lock(event_id)
        before = await self.answer_of(event_id, user_id)
        stmt = dialect_insert(self._session, EventAnswer).values(
            event_id=event_id, user_id=user_id, answer=Answer.NOT_GOING.value, answered_at=now
        )
        await self._session.execute(_replacing(stmt))
        return before

    async def promote_waiting(self, event_id: int, now: datetime) -> list[int]:
        """Fill the free seats from the waiting list, first come first served; each promoted parent gets a
        pending 'promoted' notice for the notifier. Returns their user ids (the caller wakes the notifier).

        Safe to call whenever seats may have freed up: someone cancelled, or the organiser raised or
        removed the capacity.
        """
        await self._lock(event_id)
        going = (
            select(func.count())
            .select_from(EventAnswer)
            .where(EventAnswer.event_id == event_id, EventAnswer.answer == Answer.GOING.value)
            .scalar_subquery()
        )
        free = (
            select(func.coalesce(Event.capacity - going, 1_000_000_000))
            .where(Event.id == event_id)
            .scalar_subquery()
        )
        queue = _waiting_list(event_id)
        chosen = select(queue.c.id).where(queue.c.place <= free)
        result = await self._session.execute(
            update(EventAnswer)
            .where(EventAnswer.id.in_(chosen))
            .values(answer=Answer.GOING.value)
            .returning(EventAnswer.user_id)
            .execution_options(synchronize_session=False)
        )
        promoted = sorted(result.scalars())
        if promoted:
            await EventNoticeRepository(self._session).enqueue_for_everyone_who_answered(
                event_id, NoticeKind.PROMOTED, notice_ref(now), now, EventAnswer.user_id.in_(promoted)
            )
        return promoted

    async def waiting_place(self, event_id: int, user_id: int) -> int | None:
        """1 for the first on the waiting list; None when the parent is not waiting."""
        queue = _waiting_list(event_id)
        place = await self._session.scalar(select(queue.c.place).where(queue.c.user_id == user_id))
        return None if place is None else int(place)


__all__ = [
    "EventAnswerRepository",
    "Lineage",
    "MyEvent",
    "invites",
    "notice_ref",
]
