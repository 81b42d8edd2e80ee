"""Test databases: a fresh SQLite file per test, or a clean schema on TEST_DATABASE_URL (PostgreSQL)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import text

from db.engine import create_engine


def test_database_url() -> str | None:
    return os.environ.get("TEST_DATABASE_URL") or None


async def fresh_database(tmp_path: Path) -> str:
    url = test_database_url()
    if url is None:
        return f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    engine = create_engine(url)
    async with engine.begin() as conn:
        # Each test starts from nothing, so the bot's own start-up migrations run every time.
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()
    return url
