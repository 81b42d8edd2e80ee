"""Alembic migrations build exactly the schema of the models and unwind cleanly, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from db.base import Base
from db.engine import create_engine
from db.migrate import downgrade_to_base, upgrade_to_head


def _differences(sync_conn) -> list:
    context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


async def test_upgrade_matches_models_and_downgrade_removes_everything(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as conn:
            assert await conn.run_sync(_differences) == []
        await downgrade_to_base(engine)
        async with engine.connect() as conn:
            tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
        assert set(tables) <= {"alembic_version"}
        await upgrade_to_head(engine)  # and back up again: no leftovers from the downgrade get in the way
    finally:
        await engine.dispose()
