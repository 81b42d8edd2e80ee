"""Parents' subscriptions: one row per (parent, organisation, grade); several children are several rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organisation, Subscription
from db.repositories.rows import affected, changed, dialect_insert

# The order grades are shown in, youngest first.
GRADE_ORDER = ("pre", *(str(n) for n in range(1, 12)), "college")
_RANK = {grade: rank for rank, grade in enumerate(GRADE_ORDER)}


def grade_rank(grade: str) -> int:
    return _RANK.get(grade, len(GRADE_ORDER))


@dataclass(frozen=True, slots=True)
class SubscriptionView:
    id: int
    org_code: str
    org_kind: str
    name_kk: str
    name_ru: str
    grade: str

    def org_name(self, locale: str) -> str:
        return self.name_ru if locale == "ru" else self.name_kk


@dataclass(frozen=True, slots=True)
class GradeCount:
    org_code: str
    grade: str
    subscribers: int


class SubscriptionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def subscribe(self, user_id: int, org_code: str, grade: str, now: datetime) -> bool:
        """Follow one organisation for one grade; True if the row is new, False if it was already there."""
        return await changed(
            self._session,
            dialect_insert(self._session, Subscription)
            .values(user_id=user_id, org_code=org_code, grade=grade, created_at=now)
            .on_conflict_do_nothing(index_elements=["user_id", "org_code", "grade"]),
        )

    async def grades_at(self, user_id: int, org_code: str) -> set[str]:
        rows = await self._session.scalars(
            select(Subscription.grade).where(
                Subscription.user_id == user_id, Subscription.org_code == org_code
            )
        )
        return set(rows)

    async def set_grades(self, user_id: int, org_code: str, grades: Iterable[str], now: datetime) -> None:
        """Make the user's grades at this organisation exactly these (the grade screen shows them all)."""
        wanted = set(grades)
        current = await self.grades_at(user_id, org_code)
        if current - wanted:
            await self._session.execute(
                delete(Subscription).where(
                    Subscription.user_id == user_id,
                    Subscription.org_code == org_code,
                    Subscription.grade.in_(current - wanted),
                )
            )
        for grade in sorted(wanted - current, key=grade_rank):
            await self.subscribe(user_id, org_code, grade, now)

    async def of_user(self, user_id: int) -> list[SubscriptionView]:
        rows = await self._session.execute(
            select(
                Subscription.id,
                Subscription.org_code,
                Organisation.kind,
                Organisation.name_kk,
                Organisation.name_ru,
                Subscription.grade,
            )
            .join(Organisation, Organisation.code == Subscription.org_code)
            .where(Subscription.user_id == user_id)
        )
        views = [SubscriptionView(*row) for row in rows]
        # Organisations in the order the parent added them, grades youngest first within each.
        first_id: dict[str, int] = {}
        for view in sorted(views, key=lambda v: v.id):
            first_id.setdefault(view.org_code, view.id)
        return sorted(views, key=lambda v: (first_id[v.org_code], grade_rank(v.grade)))

    async def remove(self, user_id: int, org_code: str, grade: str) -> bool:
        """Stop following one grade at one organisation; False if the user did not follow it."""
        return await changed(
            self._session,
            delete(Subscription).where(
                Subscription.user_id == user_id,
                Subscription.org_code == org_code,
                Subscription.grade == grade,
            ),
        )

    async def remove_all(self, user_id: int) -> int:
        result = await self._session.execute(delete(Subscription).where(Subscription.user_id == user_id))
        return affected(result)

    async def counts_by_org_grade(self, codes: Iterable[str] | None) -> list[GradeCount]:
        """Subscribers per organisation and grade among these codes (None: everywhere, for admins)."""
        stmt = select(Subscription.org_code, Subscription.grade, func.count()).group_by(
            Subscription.org_code, Subscription.grade
        )
        if codes is not None:
            stmt = stmt.where(Subscription.org_code.in_(list(codes)))
        rows = await self._session.execute(stmt)
        counts = [GradeCount(code, grade, n) for code, grade, n in rows]
        return sorted(counts, key=lambda c: (c.org_code, grade_rank(c.grade)))

    async def total_in(self, codes: Iterable[str] | None) -> int:
        """Distinct parents following anything among these codes (None: everywhere)."""
        stmt = select(func.count(func.distinct(Subscription.user_id)))
        if codes is not None:
            stmt = stmt.where(Subscription.org_code.in_(list(codes)))
        return int(await self._session.scalar(stmt) or 0)


__all__ = ["GRADE_ORDER", "GradeCount", "SubscriptionRepository", "SubscriptionView", "grade_rank"]
