"""Test databases: a fresh SQLite file per test, or a clean schema on TEST_DATABASE_URL (PostgreSQL).

A fresh SQLite file is a copy of one migrated in this process: the bot's start-up still runs its migrations,
which find the schema at head (tests/unit/test_migrations.py runs them from nothing on both databases).

With pytest-xdist each worker gets its own PostgreSQL database (`<name>_<worker>`), created on first use, so
workers never drop each other's schema. Its schema is migrated once; each later test finds it at head with
every table emptied (TRUNCATE), unless a test left it otherwise (a downgrade, a trigger of its own), when
it is built again from nothing. Running all the migrations for each of some 1,500 PostgreSQL tests cost
~0.75 s apiece.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head

_created: set[str] = set()
_migrated: dict[str, _Schema] = {}  # worker database -> the schema migrated in it
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
    try:
        if not await _emptied(engine, _migrated.get(url)):
            await _drop_everything(engine)
            await upgrade_to_head(engine)
            _migrated[url] = await _schema(engine)
    finally:
        await engine.dispose()
    return url


async def empty_database(url: str) -> None:
    """Nothing at all in the database at `url`, not even the migrations' own table (PostgreSQL only): for a
    test of migrating from nothing."""
    engine = create_engine(url)
    try:
        await _drop_everything(engine)
    finally:
        await engine.dispose()
    _migrated.pop(url, None)


# Everything a test could add to or change in the schema, named: columns, indexes, functions, triggers, views.
SCHEMA_OBJECTS = """
SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
 WHERE table_schema = 'public'
UNION ALL SELECT 'index ' || indexname FROM pg_indexes WHERE schemaname = 'public'
UNION ALL SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public'
UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
UNION ALL SELECT 'view ' || viewname FROM pg_views WHERE schemaname = 'public'
"""


@dataclass(frozen=True)
class _Schema:
    version: str
    tables: frozenset[str]
    objects: frozenset[str]


async def _schema(engine: AsyncEngine) -> _Schema:
    async with engine.connect() as conn:
        version = await conn.scalar(text("SELECT version_num FROM alembic_version"))
        names = await conn.scalars(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
        objects = await conn.scalars(text(SCHEMA_OBJECTS))
        return _Schema(str(version), frozenset(names), frozenset(objects))


async def _emptied(engine: AsyncEngine, migrated: _Schema | None) -> bool:
    """Empties every table, if the schema is still the one migrated for this worker; False when it is not."""
    if migrated is None:
        return False
    try:
        now = await _schema(engine)
    except DBAPIError:  # no alembic_version: a test took the schema down
        return False
    if now != migrated:
        return False
    tables = ", ".join(f'"{name}"' for name in sorted(migrated.tables - {"alembic_version"}))
    async with engine.begin() as conn:
        await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return True


async def _drop_everything(engine: AsyncEngine) -> None:
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))


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
