"""`python -m bot backup FILE` and `python -m bot restore FILE`: a copy of the database and its way back.

SQLite is copied with its online backup API, so the bot may keep running (WAL readers and one writer go on);
PostgreSQL with pg_dump's custom format, restored with pg_restore. Both read DATABASE_URL like the bot does,
and nothing else: an IT person can back up without the bot's token.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url

from bot.settings import DEFAULT_DATABASE_URL


class DatabaseSettings(BaseSettings):
    """Only the database's address, from the same environment and .env file as `Settings`."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL


class BackupError(Exception):
    """A backup or restore that cannot go on; its text is the one line the command prints."""


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database has nothing to back up")
    return Path(url.database)


def _libpq(url: URL) -> str:
    # pg_dump speaks libpq: the same address without SQLAlchemy's "+asyncpg" driver part.
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed (Debian/Ubuntu: apt-get install postgresql-client)")
    return found


def _sqlite_copy(source: Path, target: Path) -> None:
    with (
        closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
        closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)


def _sqlite_is_empty(path: Path) -> bool:
    if not path.exists() or path.stat().st_size == 0:
        return True
    with closing(sqlite3.connect(path)) as conn:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
    return bool(tables == 0)


def backup(database_url: str, target: Path) -> Path:
    url = make_url(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupError(f"no database at {source}")
        if target.exists():
            raise BackupError(f"{target} exists already; choose a new file name")
        _sqlite_copy(source, target)
        return target
    if url.get_backend_name() == "postgresql":
        args = [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
        _run([*args, f"--dbname={_libpq(url)}"])
        return target
    raise BackupError(f"unsupported database: {url.get_backend_name()}")


def restore(database_url: str, source: Path, *, replace: bool = False) -> None:
    """Into an empty database; `replace` first drops what the target holds (the bot must be stopped)."""
    if not source.exists():
        raise BackupError(f"no backup at {source}")
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        target = _sqlite_path(url)
        if not replace and not _sqlite_is_empty(target):
            raise BackupError(f"{target} already holds data; stop the bot and add --replace to overwrite it")
        target.parent.mkdir(parents=True, exist_ok=True)
        for leftover in (target, Path(f"{target}-wal"), Path(f"{target}-shm")):
            leftover.unlink(missing_ok=True)
        _sqlite_copy(source, target)
        return
    if url.get_backend_name() == "postgresql":
        clean = ["--clean", "--if-exists"] if replace else []
        args = [_tool("pg_restore"), *clean, "--no-owner", "--no-privileges", "--exit-on-error"]
        _run([*args, f"--dbname={_libpq(url)}", str(source)])
        return
    raise BackupError(f"unsupported database: {url.get_backend_name()}")


def _run(args: list[str]) -> None:
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        # pg_* errors name objects, never row contents (no COPY data is echoed).
        lines = done.stderr.strip().splitlines()
        raise BackupError(f"{Path(args[0]).name} failed: {lines[-1] if lines else done.returncode}")


def run(action: str, file: Path, *, replace: bool = False) -> int:
    settings = DatabaseSettings()
    try:
        if action == "backup":
            written = backup(settings.database_url, file)
            print(f"backup written to {written} ({written.stat().st_size:,} bytes)")
        else:
            restore(settings.database_url, file, replace=replace)
            print(f"restored {file} into the database; start the bot to apply any newer migrations")
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
