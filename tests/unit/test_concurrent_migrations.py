"""Instances that start together on one PostgreSQL database migrate one at a time and all come up."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from db.engine import create_engine
from db.migrate import upgrade_to_head
from tests.support.databases import empty_database


async def test_three_instances_starting_at_once_all_reach_the_head(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite runs one process per file (bot/single_instance.py)")
    await empty_database(database_url)  # from nothing, as three new instances would find it
    engines = [create_engine(database_url) for _ in range(3)]
    try:
        # Without the advisory lock they race to create the same tables and block each other for good.
        await asyncio.wait_for(asyncio.gather(*(upgrade_to_head(e) for e in engines)), timeout=90)
        async with engines[0].connect() as conn:
            versions = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalars().all()
        assert len(versions) == 1
    finally:
        for engine in engines:
            await engine.dispose()
