"""Swapping the shipped organisation tree (content/orgs/, loaded at start-up) for a small test tree, or adding
one to an empty database. Only the models are imported, so unit tests can use it too."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Organisation

# code, kind, parent code, name_kk, name_ru
OrgRow = tuple[str, str, str | None, str, str]


async def replace_organisations(
    sessionmaker: async_sessionmaker[AsyncSession], rows: Sequence[OrgRow]
) -> None:
    """Deletes every organisation (leaves first: parents are ON DELETE RESTRICT), then adds `rows`, parents
    first. Only for a fresh database: subscriptions and roles would go with their organisations."""
    async with sessionmaker() as session:
        while True:
            parents = select(Organisation.parent_code).where(Organisation.parent_code.is_not(None))
            result = await session.execute(delete(Organisation).where(Organisation.code.not_in(parents)))
            if not result.rowcount:
                break
        await _add(session, rows)
        await session.commit()


async def add_organisations(sessionmaker: async_sessionmaker[AsyncSession], rows: Sequence[OrgRow]) -> None:
    """Adds `rows` to the organisations there are, parents first."""
    async with sessionmaker() as session:
        await _add(session, rows)
        await session.commit()


async def _add(session: AsyncSession, rows: Sequence[OrgRow]) -> None:
    for code, kind, parent, kk, ru in rows:
        session.add(Organisation(code=code, kind=kind, parent_code=parent, name_kk=kk, name_ru=ru))
        await session.flush()  # before its children: they refer to it


# Enough to reach every screen of /subscribe: one region (its step is skipped), a city with a school, a
# kindergarten and a college, and a district with nothing listed yet.
SMALL_TREE: list[OrgRow] = [
    ("krg", "region", None, "Қарағанды облысы", "Карагандинская область"),
    ("krg-kar", "city", "krg", "Қарағанды қаласы", "Караганда"),
    ("krg-buh", "district", "krg", "Бұқар жырау ауданы", "Бухар-Жырауский район"),
    ("krg-kar-s001", "school", "krg-kar", "№ 1 жалпы білім беретін мектеп", "Общеобразовательная школа № 1"),
    ("krg-kar-k001", "kindergarten", "krg-kar", "№ 1 балабақша", "Детский сад № 1"),
    (
        "krg-kar-c001",
        "college",
        "krg-kar",
        "Қарағанды политехникалық колледжі",
        "Карагандинский политехнический колледж",
    ),
]


# For repository tests, each organisation named by its code: region R -> district D1 (schools S1, S2) and
# city D2 (school S3).
LETTER_TREE: list[OrgRow] = [
    ("R", "region", None, "R", "R"),
    ("D1", "district", "R", "D1", "D1"),
    ("D2", "city", "R", "D2", "D2"),
    ("S1", "school", "D1", "S1", "S1"),
    ("S2", "school", "D1", "S2", "S2"),
    ("S3", "school", "D2", "S3", "S3"),
]
