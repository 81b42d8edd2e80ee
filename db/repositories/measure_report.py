"""What /report reads: the updates of one plan within a period and a set of organisations."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, func, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MeasureUpdate

# Far below SQLite's and asyncpg's bind-parameter limits, and a region has a few thousand organisations.
CHUNK = 2000


@dataclass(frozen=True, slots=True)
class UpdateLine:
    """One update as the report needs it; no author, no evidence file."""

    measure_no: int
    org_code: str
    done_on: date
    status: str
    text: str | None = None  # in the report's language, else in the other one
    figures: dict[str, Any] = field(default_factory=dict)


class MeasureReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def updates(
        self, plan: str, start: date, end: date, org_codes: Collection[str] | None, locale: str
    ) -> list[UpdateLine]:
        """Updates not withdrawn, done between start and end inclusive; org_codes None means all of them.

        A region's year is a hundred thousand rows, so this skips the ORM and SQLAlchemy's per-value
        processing (most of the time spent): dates and figures come raw and are converted here once.
        """
        texts = (
            (MeasureUpdate.text_ru, MeasureUpdate.text_kk)
            if locale == "ru"
            else (MeasureUpdate.text_kk, MeasureUpdate.text_ru)
        )
        query = (
            select(
                MeasureUpdate.measure_no,
                MeasureUpdate.org_code,
                type_coerce(MeasureUpdate.done_on, String),
                MeasureUpdate.status,
                # One text per row: half the bytes of both languages.
                func.coalesce(*texts),
                type_coerce(MeasureUpdate.figures, String),
            )
            .where(
                MeasureUpdate.plan == plan,
                MeasureUpdate.done_on >= start,
                MeasureUpdate.done_on <= end,
                MeasureUpdate.withdrawn_at.is_(None),
            )
            .order_by(MeasureUpdate.done_on, MeasureUpdate.id)
        )
        connection = await self._session.connection()
        if org_codes is None:
            return _lines(await connection.execute(query))
        codes = sorted(set(org_codes))
        lines: list[UpdateLine] = []
        for begin in range(0, len(codes), CHUNK):
            chunk = codes[begin : begin + CHUNK]
            lines.extend(_lines(await connection.execute(query.where(MeasureUpdate.org_code.in_(chunk)))))
        if len(codes) > CHUNK:
            lines.sort(key=lambda line: line.done_on)
        return lines


def _lines(rows: Iterable[Any]) -> list[UpdateLine]:
    days: dict[Any, date] = {}  # a year has 365 of them; parse each once
    lines = []
    for measure_no, org_code, raw_day, status, text, raw_figures in rows:
        day = days.get(raw_day)
        if day is None:
            day = days[raw_day] = raw_day if isinstance(raw_day, date) else date.fromisoformat(raw_day)
        if isinstance(raw_figures, str):
            figures = json.loads(raw_figures) if raw_figures not in ("{}", "null") else {}
        else:
            figures = raw_figures or {}
        lines.append(UpdateLine(measure_no, org_code, day, status, text, figures))
    return lines
