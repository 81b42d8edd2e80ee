"""Read-only progress of roadmap measures: the facts status needs, and the latest updates a viewer may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, TypeVarTuple

from sqlalchemy import Select, String, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MeasureUpdate, Organisation
from db.repositories.rows import dialect_of
from domain.facts import UpdateFact


@dataclass(frozen=True, slots=True)
class VisibleUpdate:
    id: int
    measure_no: int
    org_code: str
    org_name_kk: str
    org_name_ru: str
    done_on: date
    status: str
    public: bool
    text_kk: str | None
    text_ru: str | None
    figures: dict[str, Any]


# What a VisibleUpdate takes from the update's row by the same name (the rest is the organisation's name).
_ROW_FIELDS = [f.name for f in fields(VisibleUpdate) if not f.name.startswith("org_name_")]


_Row = TypeVarTuple("_Row")


def _visible(query: Select[*_Row], codes: Collection[str] | None, public_only: bool) -> Select[*_Row]:
    query = query.where(MeasureUpdate.withdrawn_at.is_(None))
    if codes is not None:
        query = query.where(MeasureUpdate.org_code.in_(sorted(codes)))
    if public_only:
        query = query.where(MeasureUpdate.public.is_(True))
    return query


class MeasureProgressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def facts(
        self, plan: str, codes: Collection[str] | None, public_only: bool
    ) -> dict[int, list[UpdateFact]]:
        """Per measure, one fact per month and status of the updates in scope: enough for the status.

        Every reporting period starts on a month's first day and ends on a month's last, so the earliest
        update of each month and status stands for all of them; grouping in SQL keeps the answer to a few
        rows per measure however many organisations report. `codes` None means the whole plan; an empty
        scope has no facts.
        """
        if codes is not None and not codes:
            return {}
        if codes is not None and dialect_of(self._session) == "sqlite":
            # On SQLite a long IN list is what costs most here: a scope holding every organisation that
            # reported (a region coordinator) needs no filter, a smaller one is cut to those that reported.
            # PostgreSQL takes the list in its stride, and the extra scan would cost more than it saves.
            reporting = set(
                await self._session.scalars(
                    select(MeasureUpdate.org_code).where(MeasureUpdate.plan == plan).distinct()
                )
            )
            codes = None if reporting <= set(codes) else reporting & set(codes)
        # "YYYY-MM" of the ISO date: cheaper than extract() on SQLite; a finer grouping would still be right.
        month = func.substr(cast(MeasureUpdate.done_on, String), 1, 7)
        query = _visible(
            select(MeasureUpdate.measure_no, func.min(MeasureUpdate.done_on), MeasureUpdate.status).where(
                MeasureUpdate.plan == plan
            ),
            codes,
            public_only,
        ).group_by(MeasureUpdate.measure_no, MeasureUpdate.status, month)
        result: dict[int, list[UpdateFact]] = defaultdict(list)
        for measure_no, done_on, status in await self._session.execute(query):
            result[measure_no].append(UpdateFact(done_on, status))
        return dict(result)

    async def latest(
        self,
        plan: str,
        measure_no: int,
        codes: Collection[str] | None,
        public_only: bool,
        limit: int = 10,
    ) -> list[VisibleUpdate]:
        """The newest updates of one measure a viewer may see, newest first, with the organisation's name."""
        query = _visible(
            select(MeasureUpdate, Organisation.name_kk, Organisation.name_ru)
            .join(Organisation, Organisation.code == MeasureUpdate.org_code)
            .where(MeasureUpdate.plan == plan, MeasureUpdate.measure_no == measure_no),
            codes,
            public_only,
        )
        query = query.order_by(MeasureUpdate.done_on.desc(), MeasureUpdate.id.desc()).limit(limit)
        rows = await self._session.execute(query)
        return [
            VisibleUpdate(**{name: getattr(u, name) for name in _ROW_FIELDS}, org_name_kk=kk, org_name_ru=ru)
            for u, kk, ru in rows
        ]
