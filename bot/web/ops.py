"""/healthz (the process lives), /readyz (the database and Redis answer), /metrics (Prometheus)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiohttp import web
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.metrics import Metrics
from db.repositories.operations import OperationsRepository

log = logging.getLogger(__name__)

# A check that takes longer than this is a failed check: the proxy must not wait on a stuck database.
CHECK_SECONDS = 3.0


@dataclass
class Operations:
    sessionmaker: async_sessionmaker[AsyncSession]
    redis: Redis | None
    metrics: Metrics
    clock: Clock

    async def database_answers(self) -> bool:
        try:
            async with asyncio.timeout(CHECK_SECONDS), self.sessionmaker() as session:
                await OperationsRepository(session).answers()
        except Exception as exc:  # any failure means "not ready"; the kind goes to the log
            log.warning("readiness: the database does not answer (%s)", type(exc).__name__)
            return False
        return True

    async def redis_answers(self) -> bool:
        if self.redis is None:
            return True
        try:
            async with asyncio.timeout(CHECK_SECONDS):
                await self.redis.ping()  # type: ignore[misc]  # redis-py types ping for sync and async
        except Exception as exc:
            log.warning("readiness: Redis does not answer (%s)", type(exc).__name__)
            return False
        return True

    async def refresh_outbox(self) -> None:
        try:
            async with asyncio.timeout(CHECK_SECONDS), self.sessionmaker() as session:
                backlog = await OperationsRepository(session).outbox_backlog()
        except Exception as exc:
            log.warning("metrics: the outbox could not be read (%s)", type(exc).__name__)
            return
        self.metrics.outbox_depth.set(backlog.pending)
        age = (self.clock.now() - backlog.oldest).total_seconds() if backlog.oldest else 0.0
        self.metrics.outbox_age.set(max(0.0, age))


def add_routes(app: web.Application, ops: Operations) -> None:
    async def healthz(request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def readyz(request: web.Request) -> web.Response:
        database, redis = await asyncio.gather(ops.database_answers(), ops.redis_answers())
        body = f"database {'ok' if database else 'down'}\nredis {'ok' if redis else 'down'}\n"
        return web.Response(text=body, status=200 if database and redis else 503)

    async def metrics(request: web.Request) -> web.Response:
        await ops.refresh_outbox()
        return web.Response(body=ops.metrics.exposition(), headers={"Content-Type": ops.metrics.content_type})

    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
