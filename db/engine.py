from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from db import log_privacy

# Connections for the background services (sender, recorder, digest, notifier) beside the updates.
SERVICE_CONNECTIONS = 10


def create_engine(url: str, max_connections: int = 20) -> AsyncEngine:
    """`max_connections`: the most the pool opens at once; callers that run many updates at a time raise it
    (see `max_concurrent_updates`) so no update waits out the pool's 30 s timeout."""
    log_privacy.install()
    # Parameters are what people wrote (posts, drafts, answers): never in an error's text or the SQL echo.
    pool: dict[str, Any] = {
        "pool_size": min(10, max_connections),
        "max_overflow": max(0, max_connections - 10),
        "hide_parameters": True,
    }
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30}, **pool)

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            # WAL lets readers go on while a broadcast writes; foreign keys are off by default in SQLite.
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_async_engine(url, pool_pre_ping=True, **pool)


def create_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
