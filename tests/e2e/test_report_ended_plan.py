"""/report's ready-made periods come from the region's roadmaps: while one is in force, this quarter, the last
one, this half-year and this year; once the only one has ended (a year later, none adopted since), its whole
span and each of its years. A period no roadmap covers sends the coordinator back to the periods."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from db.models import StaffRole
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_texts, pick_language
from tests.support.orgs import replace_organisations
from tests.support.report_plan import small_catalogue

TREE = [
    ("krg", "region", None, "Қарағанды облысы", "Карагандинская область"),
    ("krg-kar", "city", "krg", "Қарағанды қаласы", "город Караганда"),
    ("kar-s01", "school", "krg-kar", "№1 мектеп", "Школа №1"),
]
COORDINATOR = 5201
IN_FORCE = datetime(2025, 5, 15, 10, 0, tzinfo=KZ)  # the test plan runs 01.01.2023–31.12.2025
ENDED = datetime(2026, 12, 6, 10, 0, tzinfo=KZ)

WORDS = {
    "kk": {
        "question": "Қай кезеңге?",
        "in force": [
            "Осы тоқсан",
            "Өткен тоқсан",
            "Осы жартыжылдық",
            "Осы жыл",
            "Басқа күндер…",
            "✖️ Болдырмау",
        ],
        "ended": [
            "Бүкіл жол картасы 2023–2025",
            "2025 жыл",
            "2024 жыл",
            "2023 жыл",
            "Басқа күндер…",
            "✖️ Болдырмау",
        ],
        "note": "Жол картасы (2023–2025) аяқталды (соңғы күні: 2025 жылғы 31 желтоқсан), жаңасы әлі күшіне "
        "енген жоқ. Оның кезеңдерінің бірін немесе басқа күндерді таңдаңыз.",
        "city": "Қарағанды қаласы",
        "no plan": "Бұл кезең облыстың жол картасына кірмейді (оның мерзімі: 01.01.2023–31.12.2025). "
        "Басқа кезеңді таңдаңыз.",
        "ready": "✅",
    },
    "ru": {
        "question": "За какой период?",
        "in force": [
            "Этот квартал",
            "Прошлый квартал",
            "Это полугодие",
            "Этот год",
            "Другие даты…",
            "✖️ Отмена",
        ],
        "ended": [
            "Вся дорожная карта 2023–2025",
            "2025 год",
            "2024 год",
            "2023 год",
            "Другие даты…",
            "✖️ Отмена",
        ],
        "note": "Дорожная карта (2023–2025) завершилась 31 декабря 2025\u202fг., новая пока не действует. "
        "Выберите один из её периодов или другие даты.",
        "city": "город Караганда",
        "no plan": "Этот период не входит в дорожную карту области (её срок: 01.01.2023–31.12.2025). "
        "Выберите другой период.",
        "ready": "✅",
    },
}


@asynccontextmanager
async def _app(database_url: str, now: datetime) -> AsyncIterator[RunningApp]:
    overrides = Overrides(
        clock=FrozenClock(now), catalogue=small_catalogue(), flood=FloodControl(limit=10_000)
    )
    async with running_app(database_url, overrides) as app:
        await replace_organisations(app.dp["sessionmaker"], TREE)
        async with app.dp["sessionmaker"]() as session:
            granted = datetime(2025, 1, 1, tzinfo=UTC)
            session.add(
                StaffRole(
                    user_id=COORDINATOR,
                    role="coordinator",
                    scope_code="krg-kar",
                    granted_by=ADMIN_ID,
                    granted_at=granted,
                )
            )
            await session.commit()
        yield app


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_while_the_roadmap_is_in_force_the_periods_are_of_today(database_url: str, locale: str) -> None:
    w = WORDS[locale]
    async with _app(database_url, IN_FORCE) as app:
        u = app.emu.user(COORDINATOR)
        await pick_language(u, locale)
        await u.send("/report")
        screen = await u.next_message()
        assert w["question"] in screen["text"] and w["note"] not in screen["text"]
        assert button_texts(screen) == w["in force"]
        # Dates before the roadmap: said in an alert, and the same periods are offered again in place.
        await u.press(screen, w["in force"][4])
        await u.wait_edit(screen)
        await u.send("01.01.2022")
        await u.next_message()
        await u.send("31.12.2022")
        scopes = await u.next_message()
        answer = await u.press(scopes, w["city"])
        assert answer["show_alert"] and answer["text"] == w["no plan"]
        periods = await u.wait_edit(scopes)
        assert w["question"] in periods["text"] and button_texts(periods) == w["in force"]
        assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_after_the_roadmaps_end_its_span_and_years_are_offered(database_url: str, locale: str) -> None:
    w = WORDS[locale]
    async with _app(database_url, ENDED) as app:
        u = app.emu.user(COORDINATOR)
        await pick_language(u, locale)
        await u.send("/report")
        screen = await u.next_message()
        assert w["note"] in screen["text"], screen["text"]
        assert button_texts(screen) == w["ended"]
        await u.press(screen, w["ended"][2])  # 2024
        scopes = await u.wait_edit(screen)
        assert "01.01.2024 – 31.12.2024" in scopes["text"]
        await u.press(scopes, w["city"])
        edited = scopes
        while w["ready"] not in (edited.get("text") or ""):
            edited = await u.wait_edit(scopes, timeout=30)
        assert "01.01.2024 – 31.12.2024" in edited["text"]
        xlsx, _csv, _chart = [await u.next_message(timeout=30) for _ in range(3)]
        assert xlsx["document"]["file_name"].endswith("20240101-20241231.xlsx")

        # Dates no roadmap covers: said in an alert, and the periods are offered again in place.
        await u.send("/report")
        screen = await u.next_message()
        await u.press(screen, w["ended"][4])
        await u.wait_edit(screen)
        await u.send("01.01.2026")
        await u.next_message()
        await u.send("30.06.2026")
        scopes = await u.next_message()
        answer = await u.press(scopes, w["city"])
        assert answer["show_alert"] and answer["text"] == w["no plan"]
        periods = await u.wait_edit(scopes)
        assert w["question"] in periods["text"] and button_texts(periods) == w["ended"]
        await u.press(periods, w["ended"][0])
        whole = await u.wait_edit(periods)
        assert "01.01.2023 – 31.12.2025" in whole["text"]
        assert app.emu.rejections == []
