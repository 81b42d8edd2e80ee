from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import KZ
from bot.i18n import locale_for, stored_locale
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.repositories import Repositories
from db.repositories.users import Speaks
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


async def test_telegram_language_is_kept_only_while_none_is_chosen(tmp_path: Path) -> None:
    engine = create_engine(await fresh_database(tmp_path))
    await upgrade_to_head(engine)
    sessions = create_sessionmaker(engine)
    now = datetime(2026, 3, 1, 10, 0, tzinfo=KZ)
    async with sessions() as s:
        repo = Repositories(s)
        await repo.users.record_visit(42, now, "ru")
        await repo.users.record_visit(43, now, None)  # a Telegram in English: nothing of ours to keep
        await s.commit()
        assert await repo.users.speaks((42, 43, 44)) == {42: Speaks(None, "ru"), 43: Speaks(None, None)}
        await repo.users.record_visit(42, now, "kk")  # they switched their Telegram to Kazakh
        await s.commit()
        assert await repo.users.speaks_of(42) == Speaks(None, "kk")
        await repo.users.choose_language(42, "ru")
        await repo.users.record_visit(42, now, "kk")  # the choice stands; Telegram's is not kept beside it
        await s.commit()
        assert await repo.users.speaks_of(42) == Speaks("ru", None)
        await repo.erasure.erase(42, now)
        await s.commit()
        assert await repo.users.speaks_of(42) is None
    await engine.dispose()


@pytest.mark.no_database
@pytest.mark.parametrize(
    ("speaks", "locale"),
    [
        (Speaks("kk", "ru"), "kk"),  # a choice wins over Telegram
        (Speaks("ru", None), "ru"),
        (Speaks(None, "ru"), "ru"),
        (Speaks(None, "kk"), "kk"),
        (Speaks(None, None), "kk"),
        (None, "kk"),  # someone the bot does not know
    ],
)
def test_stored_locale_follows_the_rule_replies_follow(speaks: Speaks | None, locale: str) -> None:
    assert stored_locale(speaks, "kk") == locale
    if speaks is not None:
        code = {"ru": "ru-RU", "kk": "kk", None: "en"}[speaks.telegram]
        assert locale_for(speaks.chosen, code, "kk") == locale
