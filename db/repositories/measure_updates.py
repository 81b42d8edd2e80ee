"""What staff report on roadmap measures: new updates, the author's 24-hour edits and withdrawals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Update, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MeasureUpdate
from db.repositories.rows import changed
from domain.facts import UpdateFact

# How long the author may still change or withdraw an update.
EDIT_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class NewUpdate:
    plan: str
    measure_no: int
    org_code: str
    author_id: int
    text_kk: str | None
    text_ru: str | None
    done_on: date
    status: str
    public: bool
    figures: dict[str, Any] = field(default_factory=dict)
    evidence_kind: str | None = None
    evidence_file_id: str | None = None


class MeasureUpdateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, new: NewUpdate, now: datetime) -> int:
        # asdict copies the figures: the row never shares the draft's dict.
        row = MeasureUpdate(**asdict(new), created_at=now)
        self._session.add(row)
        await self._session.flush()
        return row.id

    async def get(self, update_id: int) -> MeasureUpdate | None:
        return await self._session.get(MeasureUpdate, update_id)

    async def attach_post(self, update_id: int, post_id: int) -> None:
        await self._session.execute(
            update(MeasureUpdate).where(MeasureUpdate.id == update_id).values(post_id=post_id)
        )

    async def recent_by(self, author_id: int, limit: int = 10) -> list[MeasureUpdate]:
        rows = await self._session.scalars(
            select(MeasureUpdate)
            .where(MeasureUpdate.author_id == author_id, MeasureUpdate.withdrawn_at.is_(None))
            .order_by(MeasureUpdate.id.desc())
            .limit(limit)
        )
        return list(rows)

    async def any_by(self, author_id: int) -> bool:
        """Whether the author ever wrote an update, withdrawn ones too."""
        found = await self._session.scalar(
            select(MeasureUpdate.id).where(MeasureUpdate.author_id == author_id).limit(1)
        )
        return found is not None

    def _change(self, update_id: int, author_id: int, now: datetime) -> Update:
        # The same conditions the buttons check, repeated in the statement so a late or forged press
        # changes nothing even if it raced past the check.
        return update(MeasureUpdate).where(
            MeasureUpdate.id == update_id,
            MeasureUpdate.author_id == author_id,
            MeasureUpdate.withdrawn_at.is_(None),
            MeasureUpdate.created_at > now - EDIT_WINDOW,
        )

    async def edit_text(
        self, update_id: int, author_id: int, text_kk: str | None, text_ru: str | None, now: datetime
    ) -> bool:
        change = self._change(update_id, author_id, now)
        return await changed(self._session, change.values(text_kk=text_kk, text_ru=text_ru, edited_at=now))

    async def withdraw(self, update_id: int, author_id: int, now: datetime) -> bool:
        return await changed(self._session, self._change(update_id, author_id, now).values(withdrawn_at=now))

    async def facts_within(self, plan: str, codes: Iterable[str] | None) -> dict[int, list[UpdateFact]]:
        """Per measure, the standing updates of the plan in these organisations (None: everywhere)."""
        stmt = select(MeasureUpdate.measure_no, MeasureUpdate.done_on, MeasureUpdate.status).where(
            MeasureUpdate.plan == plan, MeasureUpdate.withdrawn_at.is_(None)
        )
        if codes is not None:
            stmt = stmt.where(MeasureUpdate.org_code.in_(list(codes)))
        facts: dict[int, list[UpdateFact]] = defaultdict(list)
        for measure_no, done_on, status in await self._session.execute(stmt):
            facts[measure_no].append(UpdateFact(done_on, status))
        return dict(facts)
