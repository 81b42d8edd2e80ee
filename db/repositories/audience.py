"""Who a post reaches: active subscribers at or under the chosen organisations, in the chosen grades.

The outbox builds its rows from these same pieces, so the preview's count and the delivery never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy import true as sa_true
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organisation, Subscription, User


def subtree(name: str, roots: Sequence[str]) -> Any:
    """The organisations `roots` and everything under them, as a recursive CTE with one column, code."""
    tree = (
        select(Organisation.code.label("code"))
        .where(Organisation.code.in_(list(roots)))
        .cte(name, recursive=True)
    )
    return tree.union(select(Organisation.code).where(Organisation.parent_code == tree.c.code))


def subscriber_ids(organisations: Select[Any], grades: Sequence[str] | None) -> Select[Any]:
    """Users subscribed to one of `organisations` (a select of codes), in `grades` when given."""
    subscribers = select(Subscription.user_id).where(Subscription.org_code.in_(organisations))
    if grades:
        subscribers = subscribers.where(Subscription.grade.in_(list(grades)))
    return subscribers


def active_among(user_ids: Select[Any]) -> Any:
    return (User.active == sa_true()) & User.id.in_(user_ids)


class AudienceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def count(self, codes: Sequence[str], grades: Sequence[str] | None) -> int:
        tree = subtree("audience_tree", codes)
        who = active_among(subscriber_ids(select(tree.c.code), grades))
        return await self._session.scalar(select(func.count()).select_from(User).where(who)) or 0
