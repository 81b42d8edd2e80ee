"""One bot process per SQLite file: SQLite has one writer and no row locks, so two senders would both send.

The lock is an advisory `flock` on `<database>.lock` beside the file, held for the process's life and freed by
the kernel when it exits (a crash included), so a stale lock never blocks a restart. PostgreSQL needs none:
its instances lease their work.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from sqlalchemy.engine import make_url

MESSAGE = "another bot process is using this SQLite database ({path}); stop it, or use PostgreSQL for several"


class AlreadyRunning(Exception):
    """Another process holds the database; the text is the one line the command prints."""


def sqlite_file(database_url: str) -> Path | None:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def hold(database_url: str) -> IO[str] | None:
    """Take the lock of a SQLite database (None for other databases); keep the returned file open."""
    path = sqlite_file(database_url)
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(f"{path}.lock", "a+", encoding="utf-8")  # noqa: SIM115 - held until the process exits
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise AlreadyRunning(MESSAGE.format(path=path)) from None
    handle.truncate(0)
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle
