"""Test databases: a fresh SQLite file per test, or a clean schema on TEST_DATABASE_URL (PostgreSQL).

A fresh SQLite file is a copy of one migrated in this process: the bot's start-up still runs its migrations,
which find the schema at head (tests/unit/test_migrations.py runs them from nothing on both databases).

With pytest-xdist each worker gets its own PostgreSQL database (`<name>_<worker>`), created on first use, so
workers never drop each other's schema.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head

_created: set[str] = set()
_sqlite_template: list[Path] = []


def test_database_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


async def _worker_database(url: str) -> str:
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return url
    parsed = make_url(url)
    name = f"{parsed.database}_{worker}"
    worker_url = parsed.set(database=name).render_as_string(hide_password=False)
    if worker_url not in _created:
        admin = create_engine(parsed.set(database="postgres").render_as_string(hide_password=False))
        async with admin.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            exists = await conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
            if not exists:
                await conn.execute(text(f'CREATE DATABASE "{name}"'))
        await admin.dispose()
        _created.add(worker_url)
    return worker_url


async def fresh_database(tmp_path: Path) -> str:
    url = test_database_url()
    if url is None:
        path = tmp_path / "bot.sqlite3"
        shutil.copyfile(await _migrated_sqlite(), path)
        return f"sqlite+aiosqlite:///{path}"
    url = await _worker_database(url)
    engine = create_engine(url)
    async with engine.begin() as conn:
        # Each test starts from nothing, so the bot's own start-up migrations run every time.
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()
    return url


@asynccontextmanager
async def migrated_sessions(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on a fresh database at the schema's head, for tests of the repositories without the bot."""
    engine = create_engine(await fresh_database(tmp_path))
    try:
        await upgrade_to_head(engine)
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()


async def _migrated_sqlite() -> Path:
    if not _sqlite_template:
        path = Path(tempfile.mkdtemp(prefix="bot-template-")) / "template.sqlite3"
        engine = create_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade_to_head(engine)
        await engine.dispose()
        _sqlite_template.append(path)
    return _sqlite_template[0]
