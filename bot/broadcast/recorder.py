"""Records the broadcast sender's outcomes: whatever finished while the previous write ran goes in the next.

A send slot is released only once its row is recorded (and its lease cleared), so at most the sender's
concurrency of messages are ever out without a record.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.repositories import Repositories
from db.repositories.outbox import Outcome
from domain.enums import OutboxStatus

log = logging.getLogger(__name__)


class Recorder:
    """Writes finished rows in batches: whatever finished while the previous write ran goes in the next."""

    linger = 0.01
    """Seconds a write waits for more rows once the first is ready: at 1000 messages/s, batches of about ten
    instead of one or two, so the transaction per batch costs less per message. The rows' send slots wait
    that much longer, which the sender's concurrency absorbs."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], owner: str) -> None:
        self._sessionmaker = sessionmaker
        self._owner = owner
        self._queue: list[tuple[Outcome, asyncio.Future[None]]] = []
        self._ready = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop(), name="outbox-recorder")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for _, future in self._queue:
            future.cancel()
        self._queue.clear()

    async def record(self, outcome: Outcome) -> None:
        future = asyncio.get_running_loop().create_future()
        self._queue.append((outcome, future))
        self._ready.set()
        await future

    async def _loop(self) -> None:
        while True:
            await self._ready.wait()
            await asyncio.sleep(self.linger)
            self._ready.clear()
            batch, self._queue = self._queue, []
            if not batch:
                continue
            try:
                await self._write([outcome for outcome, _ in batch])
            except Exception as exc:  # the rows stay pending; their leases lapse and they are sent again
                log.exception("could not record %d outbox rows", len(batch))
                for _, future in batch:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for _, future in batch:
                if not future.done():
                    future.set_result(None)

    async def _write(self, outcomes: list[Outcome]) -> None:
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            await repo.outbox.record(outcomes, self._owner)
            # Private chats have the user's id; channels and groups are negative.
            unreachable = [o.chat_id for o in outcomes if o.status == OutboxStatus.BLOCKED and o.chat_id > 0]
            await repo.users.mark_unreachable(unreachable)
            for outcome in outcomes:
                if outcome.moved_from is not None:
                    await repo.channels.move_chat(outcome.moved_from, outcome.chat_id)
            await session.commit()
