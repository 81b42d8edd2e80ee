"""Who a post reaches: active subscribers at or under the chosen organisations, in the chosen grades."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import CTE, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organisation, Subscription, User


def organisations_under(codes: Sequence[str]) -> CTE:
    tree = (
        select(Organisation.code.label("code"))
        .where(Organisation.code.in_(codes))
        .cte("audience_tree", recursive=True)
    )
    return tree.union(select(Organisation.code).where(Organisation.parent_code == tree.c.code))


def recipients_query(codes: Sequence[str], grades: Sequence[str] | None) -> Select:
    """Distinct active users subscribed under `codes` (and in `grades`, when given): user id and language."""
    tree = organisations_under(codes)
    stmt = (
        select(User.id, User.language)
        .join(Subscription, Subscription.user_id == User.id)
        .where(Subscription.org_code.in_(select(tree.c.code)), User.active.is_(True))
    )
    if grades:
        stmt = stmt.where(Subscription.grade.in_(list(grades)))
    return stmt.distinct()


class AudienceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def count(self, codes: Sequence[str], grades: Sequence[str] | None) -> int:
        inner = recipients_query(codes, grades).subquery()
        return await self._session.scalar(select(func.count()).select_from(inner)) or 0
