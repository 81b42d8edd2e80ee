"""/report: a coordinator gets the roadmap's progress as XLSX, CSV and PNG; school staff are turned away."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from db.models import MeasureUpdate, StaffRole
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.orgs import replace_organisations
from tests.support.report_plan import PLAN_CODE, small_catalogue

TREE = [
    ("krg", "region", None, "Қарағанды облысы", "Карагандинская область"),
    ("krg-kar", "city", "krg", "Қарағанды қаласы", "город Караганда"),
    ("krg-buh", "district", "krg", "Бұқар жырау ауданы", "Бухар-Жырауский район"),
    ("kar-s01", "school", "krg-kar", "№1 мектеп", "Школа №1"),
    ("kar-s02", "school", "krg-kar", "№2 мектеп", "Школа №2"),
    ("buh-s01", "school", "krg-buh", "Бұқар №1 мектеп", "Бухарская школа №1"),
]
COORDINATOR, PSYCHOLOGIST = 5101, 5102
NOW = datetime(2025, 5, 15, 10, 0, tzinfo=KZ)  # the second quarter of 2025


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    overrides = Overrides(
        clock=FrozenClock(NOW), catalogue=small_catalogue(), flood=FloodControl(limit=10_000)
    )
    async with running_app(database_url, overrides) as running:
        await replace_organisations(running.dp["sessionmaker"], TREE)
        await seed(running)
        yield running


def update(measure: int, org: str, day: date, status: str, ru: str | None, **extra: Any) -> MeasureUpdate:
    return MeasureUpdate(
        plan=PLAN_CODE,
        measure_no=measure,
        org_code=org,
        author_id=PSYCHOLOGIST,
        text_kk=extra.pop("kk", None),
        text_ru=ru,
        figures=extra.pop("figures", {}),
        done_on=day,
        status=status,
        public=False,
        created_at=datetime(2025, 1, 1, tzinfo=UTC),
        **extra,
    )


async def seed(app: RunningApp) -> None:
    granted = datetime(2025, 1, 1, tzinfo=UTC)
    async with app.dp["sessionmaker"]() as session:
        session.add_all(
            [
                StaffRole(
                    user_id=COORDINATOR,
                    role="coordinator",
                    scope_code="krg-kar",
                    granted_by=ADMIN_ID,
                    granted_at=granted,
                ),
                StaffRole(
                    user_id=PSYCHOLOGIST,
                    role="psychologist",
                    scope_code="kar-s01",
                    granted_by=ADMIN_ID,
                    granted_at=granted,
                ),
                update(
                    2,
                    "kar-s01",
                    date(2025, 4, 10),
                    "in_progress",
                    "Прошёл семинар",
                    figures={"participants": 12},
                ),
                update(
                    2,
                    "kar-s01",
                    date(2025, 5, 2),
                    "done",
                    "Курсы завершены",
                    kk="Курс аяқталды",
                    figures={"participants": 8},
                ),
                update(
                    3,
                    "kar-s02",
                    date(2025, 4, 20),
                    "in_progress",
                    None,
                    kk="Жиналыс өтті",
                    figures={"participants": 40, "events": 1},
                ),
                # Before the quarter: only a custom period that holds March sees it.
                update(
                    3,
                    "kar-s01",
                    date(2025, 3, 1),
                    "in_progress",
                    "Мартовское собрание",
                    figures={"participants": 5},
                ),
                # Withdrawn: never counted.
                update(
                    2,
                    "kar-s02",
                    date(2025, 4, 11),
                    "done",
                    "Отозванный отчёт",
                    withdrawn_at=datetime(2025, 4, 12, tzinfo=UTC),
                ),
                # Outside the coordinator's city.
                update(
                    3,
                    "buh-s01",
                    date(2025, 4, 15),
                    "done",
                    "Бухарское собрание",
                    figures={"participants": 70},
                ),
            ]
        )
        await session.commit()


async def receive_report(user: Any, progress: dict[str, Any]) -> tuple[dict, dict, dict, dict]:
    """The three files, then the progress message once it says the report is ready."""
    xlsx = await user.next_message(timeout=30)
    csv = await user.next_message(timeout=30)
    photo = await user.next_message(timeout=30)
    edited = progress
    while "✅" not in (edited.get("text") or ""):
        edited = await user.wait_edit(progress, timeout=30)
    return xlsx, csv, photo, edited


def workbook_rows(app: RunningApp, sent: dict[str, Any]) -> tuple[list[tuple], list[tuple]]:
    stored = app.emu.files.get(sent["document"]["file_id"])
    assert stored is not None
    book = load_workbook(io.BytesIO(stored.data))
    return list(book.worksheets[0].iter_rows(values_only=True)), list(
        book.worksheets[1].iter_rows(values_only=True)
    )


async def test_coordinator_gets_the_quarter_report(app: RunningApp) -> None:
    u = app.emu.user(COORDINATOR, language_code="ru")
    await pick_language(u, "ru")
    await u.send("/report")
    screen = await u.next_message()
    assert "За какой период" in screen["text"]
    await u.press(screen, button_with(screen, "Этот квартал"))
    screen = await u.wait_edit(screen)
    assert "01.04.2025 – 30.06.2025" in screen["text"]
    # A city coordinator: no region, no other district; Back to the periods, Cancel.
    assert button_texts(screen) == ["город Караганда", "⬅️ Назад", "✖️ Отмена"]
    await u.press(screen, "город Караганда")
    xlsx, csv, photo, progress = await receive_report(u, screen)
    assert "строк" in progress["text"] and "город Караганда" in progress["text"]
    assert xlsx["document"]["file_name"].endswith(".xlsx")
    assert "Тестовая дорожная карта" in xlsx["caption"]
    rows, summary = workbook_rows(app, xlsx)
    header = rows[0]
    assert header[:7] == (
        "Раздел",
        "№ мероприятия",
        "Мероприятие дорожной карты",
        "Код организации",
        "Организация",
        "Район или город",
        "Статус",
    )
    col = {name: i for i, name in enumerate(header)}
    by_pair = {(r[col["№ мероприятия"]], r[col["Код организации"]]): r for r in rows[1:]}
    # No March update, no withdrawn one, nothing from the other district; silent measures against the city.
    assert set(by_pair) == {(1, "krg-kar"), (2, "kar-s01"), (3, "kar-s02"), (4, "krg-kar")}
    done = by_pair[(2, "kar-s01")]
    assert done[col["Статус"]] == "Выполнено"
    assert done[col["Участники"]] == 20
    assert done[col["Отчётов"]] == 2
    assert done[col["Первый отчёт"]].date() == date(2025, 4, 10)
    assert "Прошёл семинар" in done[col["Что сделано"]] and "Курсы завершены" in done[col["Что сделано"]]
    assert done[col["Организация"]] == "Школа №1" and done[col["Район или город"]] == "город Караганда"
    kazakh_only = by_pair[(3, "kar-s02")]
    assert kazakh_only[col["Статус"]] == "В работе"
    assert "Жиналыс өтті" in kazakh_only[col["Что сделано"]]
    assert kazakh_only[col["Мероприятия"]] == 1
    assert by_pair[(4, "krg-kar")][col["Статус"]] == "Просрочено"  # due June 2024, never done
    assert summary[0][:2] == ("Раздел", "Название раздела")
    assert summary[1][:3] == (1, "Организационные меры", 2)
    csv_file = app.emu.files.get(csv["document"]["file_id"])
    assert csv_file is not None and csv_file.data.startswith(b"\xef\xbb\xbf")
    assert csv_file.data.decode("utf-8-sig").count("\r\n") == len(rows)
    picture = app.emu.files.get(photo["photo"][-1]["file_id"])
    assert picture is not None and picture.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert app.emu.rejections == [], [(r.method, r.params.get("text")) for r in app.emu.rejections]


async def test_school_staff_are_refused_and_a_forged_area_is_refused(app: RunningApp) -> None:
    staff = app.emu.user(PSYCHOLOGIST, language_code="ru")
    await pick_language(staff, "ru")
    await staff.send("/report")
    answer = await staff.next_message()
    assert "координаторам" in answer["text"]
    assert not button_texts(answer)
    await staff.expect_no_message()
    # A coordinator pressing an area outside the scope (forged data) gets no report.
    from bot.flows.org_picker import OrgAct
    from bot.views.report import ReportOrgCb

    u = app.emu.user(COORDINATOR, language_code="ru")
    await pick_language(u, "ru")
    await u.send("/report")
    screen = await u.next_message()
    alert = await u.press_data(
        screen, ReportOrgCb(act=OrgAct.pick, start="20250401", end="20250630", code="krg-buh").pack()
    )
    assert "Эта территория вам недоступна" in alert["text"]
    await u.expect_no_message()


async def test_custom_dates_are_asked_again_when_wrong(app: RunningApp) -> None:
    u = app.emu.user(COORDINATOR, language_code="ru")
    await pick_language(u, "ru")
    await u.send("/report")
    screen = await u.next_message()
    await u.press(screen, button_with(screen, "Другие даты"))
    screen = await u.wait_edit(screen)
    assert "первый день" in screen["text"]
    await u.send("31.02.2025")  # no such day: told why (bot/views/typed_dates.py)
    assert "В феврале 2025 года 28 дней: даты 31.02.2025 нет." in (await u.next_message())["text"]
    for far in ("01.01.0999", "01.01.9999"):  # read as they are, and refused politely
        await u.send(far)
        assert "с 01.01.2000 по " in (await u.next_message())["text"]
    await u.send("01.01.2025")
    assert "последний день" in (await u.next_message())["text"]
    await u.send("31.12.2024")
    assert "раньше первого" in (await u.next_message())["text"]
    await u.send("31.05.2025")  # after today (15.05.2025): a report covers work already done (85b4b79)
    assert "не позже сегодняшней" in (await u.next_message())["text"]
    await u.send("15.05.2025")
    scopes = await u.next_message()
    assert "01.01.2025 – 15.05.2025" in scopes["text"]
    await u.press(scopes, "город Караганда")
    xlsx, _, _, _ = await receive_report(u, scopes)
    rows, _ = workbook_rows(app, xlsx)
    texts = " ".join(str(r[-1]) for r in rows[1:])
    assert "Мартовское собрание" in texts  # March is inside this period


async def test_admin_chooses_the_region_and_reads_kazakh_headers(app: RunningApp) -> None:
    admin = app.emu.user(ADMIN_ID, language_code="kk")
    await pick_language(admin, "kk")
    await admin.send("/report")
    screen = await admin.next_message()
    await admin.press(screen, button_with(screen, "Осы жыл"))
    screen = await admin.wait_edit(screen)
    # The only region is opened at once: itself, then its districts and cities; no Back up, so to the periods.
    assert button_texts(screen) == [
        "Қарағанды облысы",
        "Бұқар жырау ауданы",
        "Қарағанды қаласы",
        "⬅️ Артқа",
        "✖️ Болдырмау",
    ]
    await admin.press(screen, "Қарағанды облысы")
    xlsx, _, photo, progress = await receive_report(admin, screen)
    assert "дайын" in progress["text"]
    rows, _ = workbook_rows(app, xlsx)
    assert rows[0][:7] == (
        "Бөлім",
        "Іс-шара №",
        "Жол картасының іс-шарасы",
        "Ұйым коды",
        "Ұйым",
        "Қала немесе аудан",
        "Орындалу күйі",
    )
    codes = {r[3] for r in rows[1:]}
    assert {"kar-s01", "kar-s02", "buh-s01"} <= codes
    assert "аудандар мен қалалар" in photo["caption"]


async def test_a_plan_that_has_ended_is_still_reported_on_for_any_of_its_periods(database_url: str) -> None:
    """A year after the plan's end: dates past it have no plan (said, with the plan's dates); its dates do."""
    overrides = Overrides(
        clock=FrozenClock(datetime(2026, 12, 6, 10, 0, tzinfo=KZ)),
        catalogue=small_catalogue(),
        flood=FloodControl(limit=10_000),
    )
    async with running_app(database_url, overrides) as app:
        await replace_organisations(app.dp["sessionmaker"], TREE)
        await seed(app)
        u = app.emu.user(COORDINATOR, language_code="ru")
        await pick_language(u, "ru")
        await u.send("/report")
        screen = await u.next_message()
        await u.press(screen, button_with(screen, "Другие даты"))
        await u.wait_edit(screen)
        await u.send("01.10.2026")
        await u.next_message()
        await u.send("30.11.2026")  # past the plan's end, not after today
        screen = await u.next_message()
        answer = await u.press(screen, "город Караганда")
        assert answer["show_alert"] and "01.01.2023–31.12.2025" in answer["text"]
        assert len(answer["text"]) <= 200
        assert "За какой период" in (await u.wait_edit(screen))["text"]

        await u.send("/report")
        screen = await u.next_message()
        await u.press(screen, button_with(screen, "Другие даты"))
        await u.wait_edit(screen)
        await u.send("01.04.2025")
        await u.next_message()
        await u.send("30.06.2025")
        scopes = await u.next_message()
        await u.press(scopes, "город Караганда")
        xlsx, _, _, _ = await receive_report(u, scopes)
        assert "Тестовая дорожная карта" in xlsx["caption"]
        rows, _ = workbook_rows(app, xlsx)
        texts = " ".join(str(r[-1]) for r in rows[1:])
        assert "Курсы завершены" in texts and "Мартовское собрание" not in texts
        assert app.emu.rejections == []
