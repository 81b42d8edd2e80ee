from __future__ import annotations

import gc
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# The app's modules (aiogram's ~750 models) are imported in pytest_configure, once the heap is frozen.
if TYPE_CHECKING:
    from redis.asyncio import Redis

    from tests.support.app import RunningApp

DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379/15"


# Each of the collector's full passes walks every object the process holds, and importing the app and
# collecting some 9,000 tests builds up ~500,000 long-lived ones: a pass took ~0.3 s, and a test worker made
# nine while it collected, more while the crisis tests ran. So what is built is frozen (left out of those
# passes) step by step while the tests are collected; at the end the garbage among it is collected once and
# the rest frozen again, for the tests. An app's shutdown undoes the freeze (bot/factory.py).


def pytest_configure(config: pytest.Config) -> None:
    gc.freeze()
    # Start-up work every test app would repeat, done once per test process (tests/support/startup_costs.py).
    from tests.support.startup_costs import install

    install()
    gc.freeze()


def pytest_collectstart(collector: pytest.Collector) -> None:
    gc.freeze()


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def pytest_sessionstart(session: pytest.Session) -> None:
    # Only the controlling process compiles, so parallel workers never write the same .mo file at once.
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        from bot.i18n import compile_catalogs

        compile_catalogs()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    return min(12, 6 * (os.cpu_count() or 1))


def _sqlite_only() -> frozenset[str]:
    # POSTGRES_PASS=full (make postgres-selection) runs everything: the measurement behind the list.
    if os.environ.get("POSTGRES_PASS") == "full":
        return frozenset()
    listed = (Path(__file__).parent / "sqlite_only.txt").read_text("utf-8").splitlines()
    return frozenset(line.strip() for line in listed if line.strip() and not line.startswith("#"))


MODULE_WITHOUT_DATABASE = "pytestmark = pytest.mark.no_database"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    from tests.support.databases import test_database_url

    # In the PostgreSQL pass a module marked no_database as a whole is not even imported: its tests would all
    # be skipped, and collecting them (the crisis modules read their data and parametrise thousands of cases)
    # cost every test worker CPU the database tests need.
    if test_database_url() is None or collection_path.suffix != ".py":
        return None
    if not collection_path.name.startswith("test_"):
        return None
    return MODULE_WITHOUT_DATABASE in collection_path.read_text("utf-8") or None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from tests.support.databases import test_database_url

    # CI runs the suite on SQLite, then again on PostgreSQL; what never touches a database ran already.
    if test_database_url() is None:
        return
    skip = pytest.mark.skip(reason="no database involved: covered by the SQLite pass")
    for item in items:
        if item.get_closest_marker("no_database"):
            item.add_marker(skip)
    # End-to-end tests whose database code other tests run on PostgreSQL too (tests/sqlite_only.txt).
    sqlite_only = _sqlite_only()
    left = [item for item in items if item.nodeid in sqlite_only]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = [item for item in items if item.nodeid not in sqlite_only]


def pytest_report_header(config: pytest.Config) -> str:
    from tests.support.databases import test_database_url

    url = test_database_url()
    return f"database: {url.split('@')[-1] if url else 'SQLite (a file per test)'}"


@pytest.fixture
async def database_url(tmp_path: Path) -> str:
    from tests.support.databases import fresh_database

    return await fresh_database(tmp_path)


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # Imported here so unit tests run without the emulator's start-up cost.
    from tests.support.app import running_app

    async with running_app(database_url) as running:
        yield running


@dataclass
class SharedRedis:
    url: str
    prefix: str  # this test's own keys: every key the test makes starts with it
    client: Redis


@pytest.fixture
async def shared_redis() -> AsyncIterator[SharedRedis]:
    """The real Redis the multi-instance tests share (TEST_REDIS_URL, else database 15 on 127.0.0.1:6379).

    In CI (CI set) an unreachable Redis fails the test; elsewhere the test is skipped and says why."""
    from redis.asyncio import Redis

    from tests.support.redis_url import required_redis_url

    url = required_redis_url()
    prefix = f"test:{uuid.uuid4().hex}:"
    client = Redis.from_url(url)
    try:
        yield SharedRedis(url, prefix, client)
    finally:
        keys = [key async for key in client.scan_iter(match=prefix + "*")]
        if keys:
            await client.delete(*keys)
        await client.aclose()
