"""Weekly digests: who gets one, and the claim that keeps a week's digest from going twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Update, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import DigestRun, StaffRole, User
from db.repositories.rows import changed, dialect_insert
from db.repositories.users import Speaks


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int
    speaks: Speaks
    scopes: tuple[tuple[str, str], ...]  # (role, scope code), every active role


@dataclass(frozen=True, slots=True)
class Retry:
    """A digest claimed this week whose send failed in a way that may pass (a 5xx, a timeout)."""

    recipient: Recipient
    attempts: int
    retry_at: datetime


def _run(user_id: int, week: str) -> Update:
    """An update of this person's digest of this week."""
    return update(DigestRun).where(DigestRun.user_id == user_id, DigestRun.week == week)


class DigestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def recipients(self, held_by: datetime | None = None) -> list[Recipient]:
        """Everyone with an active staff role (granted by `held_by`, when given), with all those roles."""
        stmt = (
            select(
                StaffRole.user_id, User.language, User.telegram_language, StaffRole.role, StaffRole.scope_code
            )
            .outerjoin(User, User.id == StaffRole.user_id)
            .where(StaffRole.revoked_at.is_(None))
            .order_by(StaffRole.user_id, StaffRole.id)
        )
        if held_by is not None:
            stmt = stmt.where(StaffRole.granted_at <= held_by)
        rows = await self._session.execute(stmt)
        people: dict[int, tuple[Speaks, list[tuple[str, str]]]] = {}
        for user_id, chosen, telegram, role, scope in rows:
            people.setdefault(user_id, (Speaks(chosen, telegram), []))[1].append((role, scope))
        return [Recipient(uid, speaks, tuple(scopes)) for uid, (speaks, scopes) in people.items()]

    async def already_had(self, week: str) -> set[int]:
        return set(await self._session.scalars(select(DigestRun.user_id).where(DigestRun.week == week)))

    async def claim(self, user_id: int, week: str, now: datetime) -> bool:
        """True for the one caller that may send this week's digest to this person; never again after."""
        stmt = (
            dialect_insert(self._session, DigestRun)
            .values(user_id=user_id, week=week, claimed_at=now)
            .on_conflict_do_nothing(index_elements=[DigestRun.user_id, DigestRun.week])
            .returning(DigestRun.id)
        )
        return await self._session.scalar(stmt) is not None

    async def mark_sent(self, user_id: int, week: str, now: datetime) -> None:
        await self._session.execute(_run(user_id, week).values(sent_at=now))

    async def retry_later(self, user_id: int, week: str, attempts: int, at: datetime | None) -> None:
        """A failed send that may pass: try again at `at`; None gives up (the row stays, unsent)."""
        await self._session.execute(_run(user_id, week).values(attempts=attempts, retry_at=at))

    async def due_retries(self, week: str, now: datetime) -> list[Retry]:
        """This week's unsent digests whose retry time has come, with the person's current roles."""
        rows = (
            await self._session.execute(
                select(DigestRun.user_id, DigestRun.attempts, DigestRun.retry_at).where(
                    DigestRun.week == week,
                    DigestRun.sent_at.is_(None),
                    DigestRun.retry_at.is_not(None),
                    DigestRun.retry_at <= now,
                )
            )
        ).all()
        if not rows:
            return []
        people = {p.user_id: p for p in await self.recipients()}
        return [
            Retry(people[user_id], attempts, at) for user_id, attempts, at in rows if user_id in people and at
        ]

    async def take_retry(self, user_id: int, week: str, seen: datetime) -> bool:
        """True for the one caller that takes this retry: the row still has the retry time it was read at."""
        return await changed(
            self._session, _run(user_id, week).where(DigestRun.retry_at == seen).values(retry_at=None)
        )
