"""Weekly digests: who gets one, and the claim that keeps a week's digest from going twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import DigestRun, StaffRole, User
from db.repositories.rows import dialect_of


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int
    language: str | None
    scopes: tuple[tuple[str, str], ...]  # (role, scope code), every active role


class DigestRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def recipients(self) -> list[Recipient]:
        """Everyone with an active staff role, with all their roles."""
        rows = await self._session.execute(
            select(StaffRole.user_id, User.language, StaffRole.role, StaffRole.scope_code)
            .outerjoin(User, User.id == StaffRole.user_id)
            .where(StaffRole.revoked_at.is_(None))
            .order_by(StaffRole.user_id, StaffRole.id)
        )
        people: dict[int, tuple[str | None, list[tuple[str, str]]]] = {}
        for user_id, language, role, scope in rows:
            people.setdefault(user_id, (language, []))[1].append((role, scope))
        return [Recipient(uid, lang, tuple(scopes)) for uid, (lang, scopes) in people.items()]

    async def already_had(self, week: str) -> set[int]:
        return set(await self._session.scalars(select(DigestRun.user_id).where(DigestRun.week == week)))

    async def claim(self, user_id: int, week: str, now: datetime) -> bool:
        """True for the one caller that may send this week's digest to this person; never again after."""
        insert = postgresql.insert if dialect_of(self._session) == "postgresql" else sqlite.insert
        stmt = (
            insert(DigestRun)
            .values(user_id=user_id, week=week, claimed_at=now)
            .on_conflict_do_nothing(index_elements=[DigestRun.user_id, DigestRun.week])
            .returning(DigestRun.id)
        )
        return await self._session.scalar(stmt) is not None

    async def mark_sent(self, user_id: int, week: str, now: datetime) -> None:
        await self._session.execute(
            update(DigestRun).where(DigestRun.user_id == user_id, DigestRun.week == week).values(sent_at=now)
        )
