"""Small typed helpers the repositories share."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult, Result
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable


def affected(result: Result[Any]) -> int:
    """The rows an UPDATE, DELETE or INSERT touched (`Session.execute` types its result as a plain Result,
    while a DML statement's is a CursorResult)."""
    return cast(CursorResult[Any], result).rowcount


async def changed(session: AsyncSession, statement: Executable) -> bool:
    """Runs a conditional UPDATE, DELETE or INSERT ... ON CONFLICT DO NOTHING: whether it touched a row, which
    is how the one caller that won a race (a double tap, two instances) learns it did."""
    return bool(affected(await session.execute(statement)))


def dialect_of(session: AsyncSession) -> str:
    """The session's database dialect: "postgresql" or "sqlite"."""
    return session.get_bind().dialect.name


def dialect_insert(session: AsyncSession, table: Any) -> postgresql.Insert | sqlite.Insert:
    """INSERT in the session's dialect: the generic one has no ON CONFLICT, and each dialect spells it."""
    insert = postgresql.insert if dialect_of(session) == "postgresql" else sqlite.insert
    return insert(table)
