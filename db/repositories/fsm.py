"""Staff drafts: aiogram's FSM state and data by storage key (see bot/fsm_storage.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import FsmRecord
from db.repositories.rows import dialect_insert


@dataclass(frozen=True, slots=True)
class FsmKey:
    bot_id: int
    chat_id: int
    user_id: int
    thread_id: int  # 0: not in a topic
    business_connection_id: str  # '': not through a business connection
    destiny: str


# The key's fields are the record's key columns, by the same names.
KEY_COLUMNS = [f.name for f in fields(FsmKey)]


class FsmRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _where(self, key: FsmKey) -> list[Any]:
        return [getattr(FsmRecord, name) == value for name, value in asdict(key).items()]

    async def get(self, key: FsmKey) -> tuple[str | None, dict[str, Any]]:
        query = select(FsmRecord.state, FsmRecord.data).where(*self._where(key))
        row = (await self._session.execute(query)).first()
        return (None, {}) if row is None else (row.state, dict(row.data or {}))

    async def put(self, key: FsmKey, state: str | None, data: dict[str, Any]) -> None:
        """Writes both halves at once; nothing left (no state, no data) removes the row."""
        if state is None and not data:
            await self._session.execute(delete(FsmRecord).where(*self._where(key)))
            return
        stmt = dialect_insert(self._session, FsmRecord).values(**asdict(key), state=state, data=data)
        await self._session.execute(
            stmt.on_conflict_do_update(
                index_elements=KEY_COLUMNS,
                set_={"state": stmt.excluded.state, "data": stmt.excluded.data},
            )
        )
