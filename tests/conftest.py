from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.i18n import compile_catalogs
from tests.support.databases import fresh_database

if TYPE_CHECKING:
    from tests.support.app import RunningApp


def pytest_sessionstart(session: pytest.Session) -> None:
    # Only the controlling process compiles, so parallel workers never write the same .mo file at once.
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        compile_catalogs()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from tests.support.databases import test_database_url

    # CI runs the suite on SQLite, then again on PostgreSQL; what never touches a database ran already.
    if test_database_url() is None:
        return
    skip = pytest.mark.skip(reason="no database involved: covered by the SQLite pass")
    for item in items:
        if item.get_closest_marker("no_database"):
            item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> str:
    from tests.support.databases import test_database_url

    url = test_database_url()
    return f"database: {url.split('@')[-1] if url else 'SQLite (a file per test)'}"


@pytest.fixture
async def database_url(tmp_path: Path) -> str:
    return await fresh_database(tmp_path)


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # Imported here so unit tests run without the emulator's start-up cost.
    from tests.support.app import running_app

    async with running_app(database_url) as running:
        yield running
