"""The weekly digest: Monday 09:00 Kazakhstan time, once per person and ISO week, across restarts."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.digest import DigestService
from bot.factory import Overrides
from bot.i18n import create_i18n
from bot.measures import Catalogue, Deadline
from bot.views.digest import DigestItem, digest_text, full_list_view, list_pages
from db.models import DigestRun, MeasureUpdate
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, SCHOOL_2, add_parent, add_tree, grant
from tests.support.small_plan import PLAN_CODE, small_catalogue

COORD, PSY, PARENT = 8801, 8802, 8803
MONDAY_0859 = datetime(2026, 12, 7, 8, 59, tzinfo=KZ)


async def _runs(app: RunningApp) -> list[tuple[int, str]]:
    async with app.dp["sessionmaker"]() as session:
        rows = await session.execute(select(DigestRun.user_id, DigestRun.week).order_by(DigestRun.id))
        return [tuple(r) for r in rows]


async def _people(app: RunningApp):
    coord, psy, parent, admin = (app.emu.user(i) for i in (COORD, PSY, PARENT, ADMIN_ID))
    await pick_language(coord, "ru")
    await pick_language(psy, "kk")
    await pick_language(parent, "ru")
    await pick_language(admin, "ru")
    return coord, psy, parent, admin


async def test_weekly_digest_once_per_week_across_restarts(database_url: str) -> None:
    clock = FrozenClock(MONDAY_0859)
    overrides = Overrides(clock=clock, catalogue=small_catalogue())
    async with running_app(database_url, overrides) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, COORD, "coordinator", DISTRICT)
        await grant(sm, PSY, "psychologist", SCHOOL)
        async with sm() as session:
            # №3 is done in the district (at school 2), not at school 1.
            session.add(
                MeasureUpdate(
                    plan=PLAN_CODE,
                    measure_no=3,
                    org_code=SCHOOL_2,
                    author_id=1,
                    text_ru="Стенды установлены.",
                    figures={},
                    done_on=date(2026, 12, 1),
                    status="done",
                    public=False,
                    created_at=datetime(2026, 12, 1, 6, 0, tzinfo=UTC),
                )
            )
            await session.commit()
        coord, psy, parent, admin = await _people(app)
        await add_parent(sm, PARENT, "ru", (SCHOOL, "5"))
        digests: DigestService = app.dp["digests"]

        assert await digests.run_once(clock.now()) == 0  # Monday 08:59
        await coord.expect_no_message(0.3)
        assert await _runs(app) == []

        clock.advance(timedelta(minutes=2))  # 09:01
        digests.wake()
        to_coord = await coord.next_message()
        to_psy = await psy.next_message()
        assert "сводка недели" in to_coord["text"]
        assert "Курсы для психологов" in to_coord["text"]  # №1, overdue
        assert "Родительские собрания" in to_coord["text"]  # №2, the first half-year was never reported
        assert "Информационные стенды" not in to_coord["text"]  # done at school 2, within the district
        assert "Годовой отчёт" not in to_coord["text"]  # due in June
        assert "апталық шолу" in to_psy["text"]
        assert "Ақпараттық стендтер — 2026 жылғы 20 желтоқсан" in to_psy["text"]  # due in 13 days at school 1
        assert "Психологтар курсы" in to_psy["text"] and "Жылдық есеп" not in to_psy["text"]
        await parent.expect_no_message(0.5)
        await admin.expect_no_message(0.1)  # an admin without a role gets none
        assert await digests.run_once(clock.now()) == 0
        await coord.expect_no_message(0.3)
        assert sorted(await _runs(app)) == [(COORD, "2026-W50"), (PSY, "2026-W50")]

    clock.advance(timedelta(hours=3))
    async with running_app(database_url, overrides) as app:
        coord, psy = app.emu.user(COORD), app.emu.user(PSY)
        for person in (coord, psy):  # a fresh emulator: each starts the bot again
            await person.send("/start")
            await person.next_message()
        app.dp["digests"].wake()
        await coord.expect_no_message(1.0)
        await psy.expect_no_message(0.1)
        assert await app.dp["digests"].run_once(clock.now()) == 0
        assert len(await _runs(app)) == 2

        clock.advance(timedelta(days=7))  # the next Monday, 12:01
        app.dp["digests"].wake()
        assert "сводка недели" in (await coord.next_message())["text"]
        assert "апталық шолу" in (await psy.next_message())["text"]
        await coord.expect_no_message(0.5)
        async with app.dp["sessionmaker"]() as session:
            weeks = await session.scalar(select(func.count(func.distinct(DigestRun.week))))
        assert weeks == 2 and len(await _runs(app)) == 4
        # A fresh emulator does not know the chats whose command menus the restart publishes; that is all.
        assert [r for r in app.emu.rejections if r.method != "setMyCommands"] == []


def test_a_long_digest_is_short_and_its_full_list_comes_in_pages_within_one_message_each() -> None:
    plan = small_catalogue().plans[0]
    measure = plan.measure(3)
    assert measure is not None
    many = [DigestItem(measure, date(2026, 12, 20)) for _ in range(400)]
    with create_i18n("kk").context():
        text = digest_text(many[:150], many, "ru")
        pages = [
            full_list_view(many[:150], many, n, "ru")[0]
            for n in range(len(list_pages(many[:150] + many, "ru")) + 1)
        ]
    assert text.count("• №") == 5 and "150" in text and "400" in text and "/update" in text
    assert all(len(page) <= 4096 for page in pages)
    assert pages[-1] == pages[-2]  # a page past the end (a stale button) shows the last one
    assert sum(page.count("• №") for page in pages[:-1]) == 550


def _plans_around_a_changeover() -> Catalogue:
    """The small plan ended on 31.12.2025; the next one starts on 1.1.2027 with a №3 of its own."""
    (old,) = small_catalogue().plans
    old = old.model_copy(update={"ends": date(2025, 12, 31)})
    three = old.measure(3)
    assert three is not None
    due = Deadline(kind="once", on=date(2027, 1, 20), text={"kk": "20.01.2027 дейін", "ru": "до 20.01.2027"})
    new = old.model_copy(
        update={
            "code": "t-next",
            "starts": date(2027, 1, 1),
            "ends": date(2029, 12, 31),
            "measures": (three.model_copy(update={"deadline": due}),),
        }
    )
    return Catalogue(plans=(old, new))


async def test_no_digest_between_plans_and_the_next_plan_keyed_by_its_own_numbers(database_url: str) -> None:
    clock = FrozenClock(MONDAY_0859 + timedelta(minutes=2))  # Monday 7 December 2026, 09:01
    async with running_app(
        database_url, Overrides(clock=clock, catalogue=_plans_around_a_changeover())
    ) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, COORD, "coordinator", DISTRICT)
        async with sm() as session:
            # №3 of the old plan, done: it says nothing about №3 of the next one.
            session.add(
                MeasureUpdate(
                    plan=PLAN_CODE,
                    measure_no=3,
                    org_code=SCHOOL_2,
                    author_id=1,
                    text_ru="Стенды установлены.",
                    figures={},
                    done_on=date(2025, 12, 1),
                    status="done",
                    public=False,
                    created_at=datetime(2025, 12, 1, 6, 0, tzinfo=UTC),
                )
            )
            await session.commit()
        coord = app.emu.user(COORD)
        await pick_language(coord, "ru")
        digests: DigestService = app.dp["digests"]
        # The old plan ended a year ago: nothing in it is overdue, so there is nothing to send.
        digests.wake()
        for _ in range(100):
            if await _runs(app):
                break
            await asyncio.sleep(0.05)
        assert await _runs(app) == [(COORD, "2026-W50")]  # the week was looked at...
        await coord.expect_no_message(0.5)  # ...and nothing sent

        clock.advance(timedelta(days=28))  # Monday 4 January 2027: the next plan is in force
        digests.wake()
        digest = await coord.next_message()
        assert "Информационные стенды — 20 января 2027\u202fг." in digest["text"]
        assert "Курсы для психологов" not in digest["text"]  # the old plan's overdue №1 is over
        assert app.emu.rejections == []
