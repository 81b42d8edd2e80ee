"""Who a post reaches: active subscribers at or under the chosen organisations, in the chosen grades.

Grades are a school's: a kindergarten or a college named in the audience itself is reached whole, whatever
grades were ticked for the schools beside it (its parents follow it under its one grade, which a school's
grade list need not hold). Under an area the grades hold everywhere: «district · grade 1» is grade 1 only.

The outbox builds its rows from these same pieces, so the preview's count and the delivery never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy import true as sa_true
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organisation, Subscription, User
from domain.enums import OrgKind


def subtree(name: str, roots: Sequence[str]) -> Any:
    """The organisations `roots` and everything under them, as a recursive CTE with one column, code."""
    tree = (
        select(Organisation.code.label("code"))
        .where(Organisation.code.in_(list(roots)))
        .cte(name, recursive=True)
    )
    return tree.union(select(Organisation.code).where(Organisation.parent_code == tree.c.code))


def subscriber_ids(
    organisations: Select[Any], grades: Sequence[str] | None, named: Sequence[str] = ()
) -> Select[Any]:
    """Users subscribed to one of `organisations` (a select of codes), in `grades` when given; every
    subscriber of an organisation in `named` (the audience as chosen) that is not a school."""
    subscribers = select(Subscription.user_id).where(Subscription.org_code.in_(organisations))
    if grades:
        whole = select(Organisation.code).where(
            Organisation.code.in_(list(named)), Organisation.kind != OrgKind.SCHOOL.value
        )
        subscribers = subscribers.where(
            or_(Subscription.grade.in_(list(grades)), Subscription.org_code.in_(whole))
        )
    return subscribers


def active_among(user_ids: Select[Any]) -> Any:
    return (User.active == sa_true()) & User.id.in_(user_ids)


class AudienceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def count(self, codes: Sequence[str], grades: Sequence[str] | None) -> int:
        tree = subtree("audience_tree", codes)
        who = active_among(subscriber_ids(select(tree.c.code), grades, codes))
        return await self._session.scalar(select(func.count()).select_from(User).where(who)) or 0
