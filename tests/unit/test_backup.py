"""A backup restored into a fresh database holds what the original held (SQLite; PostgreSQL in CI's pass)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.backup import BackupError, backup, restore
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.repositories import Repositories

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


async def _fill(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade_to_head(engine)
        async with create_sessionmaker(engine)() as session:
            repo = Repositories(session)
            for user_id, language in ((701, "kk"), (702, "ru")):
                await repo.users.record_visit(user_id, NOW)
                await repo.users.choose_language(user_id, language)
            await session.commit()
    finally:
        await engine.dispose()


async def _languages(url: str) -> dict[int, str | None]:
    engine = create_engine(url)
    try:
        async with create_sessionmaker(engine)() as session:
            return await Repositories(session).users.known_languages(frozenset({701, 702, 703}))
    finally:
        await engine.dispose()


async def _empty_twin(url: str) -> str:
    """A new, empty database beside the test's own: a file, or a PostgreSQL database `<name>_restore`."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite+aiosqlite:///{Path(parsed.database or '').with_name('restored.sqlite3')}"
    name = f"{parsed.database}_restore"
    admin = create_engine(parsed.set(database="postgres").render_as_string(hide_password=False))
    async with admin.connect() as conn:
        conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


async def test_a_backup_restored_into_a_fresh_database_finds_the_data(
    database_url: str, tmp_path: Path
) -> None:
    await _fill(database_url)
    copy = backup(database_url, tmp_path / "backup.dump")
    assert copy.stat().st_size > 0

    twin = await _empty_twin(database_url)
    restore(twin, copy)
    assert await _languages(twin) == {701: "kk", 702: "ru"}

    # The restored database is the bot's: the start-up migrations find it at head and change nothing.
    engine = create_engine(twin)
    try:
        await upgrade_to_head(engine)
    finally:
        await engine.dispose()


async def test_restore_refuses_a_database_that_holds_data_unless_told_to_replace(
    database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("pg_restore itself refuses to overwrite existing tables; --replace adds --clean")
    await _fill(database_url)
    copy = backup(database_url, tmp_path / "backup.sqlite3")
    with pytest.raises(BackupError, match="already holds data"):
        restore(database_url, copy)
    restore(database_url, copy, replace=True)
    assert await _languages(database_url) == {701: "kk", 702: "ru"}
    with pytest.raises(BackupError, match="exists already"):
        backup(database_url, copy)


@pytest.mark.no_database
def test_the_commands_need_only_the_database_address(tmp_path: Path) -> None:
    source = tmp_path / "bot.sqlite3"
    url = f"sqlite+aiosqlite:///{source}"
    asyncio.run(_fill(url))
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
    env["DATABASE_URL"] = url
    copy = tmp_path / "nightly.sqlite3"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "backup", str(copy)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "backup written to" in done.stdout

    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'new.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-m", "bot", "restore", str(copy)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert asyncio.run(_languages(env["DATABASE_URL"])) == {701: "kk", 702: "ru"}

    done = subprocess.run(
        [sys.executable, "-m", "bot", "restore", str(tmp_path / "missing.dump")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and done.stderr.startswith("error: no backup at")
