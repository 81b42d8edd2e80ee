"""The organisation tree the /subscribe walks go through (one region, whose step is skipped; a city with two
pages of schools, a kindergarten and a college; a second city; a district with nothing listed), and what a
parent ended up subscribed to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from db.engine import create_engine, create_sessionmaker
from db.models import Subscription
from tests.support.orgs import replace_organisations

if TYPE_CHECKING:
    from tests.support.app import RunningApp

REGION = ("krg", "region", None, "Қарағанды облысы", "Карагандинская область")
TREE = [
    ("krg-kar", "city", "krg", "Қарағанды қаласы", "город Караганда"),
    ("krg-tem", "city", "krg", "Теміртау қаласы", "город Темиртау"),
    ("krg-buh", "district", "krg", "Бұқар жырау ауданы", "Бухар-Жырауский район"),
    *[
        (
            f"kar-s{n:02}",
            "school",
            "krg-kar",
            f"№{n} жалпы білім беретін мектеп",
            f"Общеобразовательная школа №{n}",
        )
        for n in range(1, 11)
    ],
    ("kar-k01", "kindergarten", "krg-kar", "«Балапан» балабақшасы", "Детский сад «Балапан»"),
    (
        "kar-c01",
        "college",
        "krg-kar",
        "Қарағанды политехникалық колледжі",
        "Карагандинский политехнический колледж",
    ),
    ("tem-s01", "school", "krg-tem", "№1 мектеп-гимназия", "Школа-гимназия №1"),
]
SECOND_REGION = [
    ("ult", "region", None, "Ұлытау облысы", "Улытауская область"),
    ("ult-zhz", "city", "ult", "Жезқазған қаласы", "город Жезказган"),
    ("zhz-s01", "school", "ult-zhz", "№1 мектеп", "Школа №1"),
]


async def add_tree(app: RunningApp, second_region: bool = False) -> None:
    """The tree in place of the shipped one; with a second region (so the region step is shown) if asked."""
    await replace_organisations(
        app.dp["sessionmaker"], [REGION, *TREE, *(SECOND_REGION if second_region else [])]
    )


async def subscriptions_of(database_url: str, user_id: int) -> set[tuple[str, str]]:
    """(organisation, grade) of each of the user's subscriptions, read through an engine of its own."""
    engine = create_engine(database_url)
    async with create_sessionmaker(engine)() as session:
        rows = await session.execute(
            select(Subscription.org_code, Subscription.grade).where(Subscription.user_id == user_id)
        )
        found = {(code, grade) for code, grade in rows}
    await engine.dispose()
    return found
