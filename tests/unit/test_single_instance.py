"""A second bot process on one SQLite file stops at once with one clear line; PostgreSQL takes no lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import single_instance

pytestmark = pytest.mark.no_database


def test_a_second_process_on_the_same_sqlite_file_exits_with_one_line(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'data' / 'bot.sqlite3'}"
    lock = single_instance.hold(url)
    assert lock is not None
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_", "WEBHOOK_"))}
        env |= {
            "BOT_TOKEN": "123456:" + "A" * 35,
            "DATABASE_URL": url,
            # Unreachable on purpose: the lock is checked before anything is sent.
            "TELEGRAM_API_URL": "http://127.0.0.1:9",
        }
        done = subprocess.run(
            [sys.executable, "-m", "bot"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240
        )
    finally:
        lock.close()
    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "another bot process is using this SQLite database" in lines[0]


def test_the_lock_is_free_again_when_its_holder_ends(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite3'}"
    first = single_instance.hold(url)
    assert first is not None
    with pytest.raises(single_instance.AlreadyRunning):
        single_instance.hold(url)
    first.close()
    second = single_instance.hold(url)
    assert second is not None
    second.close()


def test_postgresql_and_memory_databases_take_no_file_lock() -> None:
    assert single_instance.hold("postgresql+asyncpg://bot@127.0.0.1/bot") is None
    assert single_instance.hold("sqlite+aiosqlite:///:memory:") is None
