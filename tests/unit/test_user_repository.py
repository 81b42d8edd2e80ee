from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import KZ
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.repositories import Repositories
from tests.support.databases import fresh_database


async def test_visits_languages_erase_and_time_zones(tmp_path: Path) -> None:
    engine = create_engine(await fresh_database(tmp_path))
    await upgrade_to_head(engine)
    sessions = create_sessionmaker(engine)
    first = datetime(2026, 3, 1, 23, 30, tzinfo=KZ)
    async with sessions() as s:
        user = await Repositories(s).users.record_visit(42, first)
        assert user.language is None
        await s.commit()
    async with sessions() as s:
        repo = Repositories(s)
        # Within the resolution nothing moves; past it, last_seen does.
        await repo.users.record_visit(42, first + timedelta(minutes=5))
        await s.commit()
        user = await repo.users.get(42)
        assert user is not None and user.last_seen == first
        await repo.users.record_visit(42, first + timedelta(hours=2))
        await repo.users.choose_language(42, "ru")
        await s.commit()
    async with sessions() as s:
        repo = Repositories(s)
        user = await repo.users.get(42)
        assert user is not None
        assert user.first_seen == first.astimezone(UTC)
        assert user.last_seen == (first + timedelta(hours=2)).astimezone(UTC)
        assert user.language == "ru"
        assert await repo.users.known_languages(frozenset({42, 43})) == {42: "ru"}
        counts = await repo.users.count_by_language()
        assert [(c.language, c.users) for c in counts] == [("ru", 1)]
        await repo.erasure.erase(42, first)
        await s.commit()
    async with sessions() as s:
        assert await Repositories(s).users.get(42) is None
    await engine.dispose()
