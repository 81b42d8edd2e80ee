"""Staff drafts: aiogram's FSM state and data by storage key (see bot/fsm_storage.py)."""

from __future__ import annotations

from dataclasses import dataclass
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


class FsmRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def _where(self, key: FsmKey) -> list[Any]:
        return [
            FsmRecord.bot_id == key.bot_id,
            FsmRecord.chat_id == key.chat_id,
            FsmRecord.user_id == key.user_id,
            FsmRecord.thread_id == key.thread_id,
            FsmRecord.business_connection_id == key.business_connection_id,
            FsmRecord.destiny == key.destiny,
        ]

    async def get(self, key: FsmKey) -> tuple[str | None, dict[str, Any]]:
        query = select(FsmRecord.state, FsmRecord.data).where(*self._where(key))
        row = (await self._session.execute(query)).first()
        return (None, {}) if row is None else (row.state, dict(row.data or {}))

    async def put(self, key: FsmKey, state: str | None, data: dict[str, Any]) -> None:
        """Writes both halves at once; nothing left (no state, no data) removes the row."""
        if state is None and not data:
            await self._session.execute(delete(FsmRecord).where(*self._where(key)))
            return
        stmt = dialect_insert(self._session, FsmRecord).values(
            bot_id=key.bot_id,
            chat_id=key.chat_id,
            user_id=key.user_id,
            thread_id=key.thread_id,
            business_connection_id=key.business_connection_id,
            destiny=key.destiny,
            state=state,
            data=data,
        )
        await self._session.execute(
            stmt.on_conflict_do_update(
                index_elements=[
                    FsmRecord.bot_id,
                    FsmRecord.chat_id,
                    FsmRecord.user_id,
                    FsmRecord.thread_id,
                    FsmRecord.business_connection_id,
                    FsmRecord.destiny,
                ],
                set_={"state": stmt.excluded.state, "data": stmt.excluded.data},
            )
        )
