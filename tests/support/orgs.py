"""Swapping the shipped organisation tree (content/orgs/, loaded at start-up) for a small test tree."""

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
        for code, kind, parent, kk, ru in rows:
            session.add(Organisation(code=code, kind=kind, parent_code=parent, name_kk=kk, name_ru=ru))
            await session.flush()
        await session.commit()


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
