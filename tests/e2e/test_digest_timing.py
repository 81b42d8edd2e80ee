"""The weekly digest comes on Monday from 09:00 to those who held a role then, never in the middle of a
guided flow, short (counts, the five most urgent, a button for the full list in pages); a 5xx is tried
again later that week, a blocked user is marked inactive. The clock is frozen and moved by hand."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.clock import KZ, FrozenClock
from bot.digest import RETRIES, DigestService, digest_due, retry_at
from bot.factory import Overrides
from bot.measures import Catalogue
from db.models import DigestRun, StaffRole, User
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import SCHOOL, add_tree
from tests.support.small_plan import small_catalogue

PSY = 8811
SUNDAY_0740 = datetime(2026, 12, 6, 7, 40, tzinfo=KZ)
MONDAY_0901 = datetime(2026, 12, 7, 9, 1, tzinfo=KZ)
HEAD = {"kk": "апталық шолу", "ru": "сводка недели"}
FULL = {"kk": "Толық тізім", "ru": "Полный список"}


def many_measures(extra: int = 40) -> Catalogue:
    """The small plan and `extra` more measures overdue since 1 November 2026 (№101 on)."""
    (plan,) = small_catalogue().plans
    one = plan.measure(1)
    assert one is not None
    more = tuple(one.model_copy(update={"number": 100 + i}) for i in range(1, extra + 1))
    return Catalogue(plans=(plan.model_copy(update={"measures": (*plan.measures, *more)}),))


async def _grant_at(app: RunningApp, user_id: int, when: datetime) -> None:
    async with app.dp["sessionmaker"]() as session:
        session.add(
            StaffRole(user_id=user_id, role="psychologist", scope_code=SCHOOL, granted_by=0, granted_at=when)
        )
        await session.commit()


async def _runs(app: RunningApp) -> list[tuple[str, datetime | None, int]]:
    async with app.dp["sessionmaker"]() as session:
        rows = await session.execute(select(DigestRun.week, DigestRun.sent_at, DigestRun.attempts))
        return [tuple(r) for r in rows]  # type: ignore[misc]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_not_on_the_sunday_of_the_grant_nor_mid_flow_then_short_with_a_paged_full_list(
    database_url: str, locale: str
) -> None:
    clock = FrozenClock(SUNDAY_0740)
    async with running_app(database_url, Overrides(clock=clock, catalogue=many_measures())) as app:
        await add_tree(app.dp["sessionmaker"])
        psy = app.emu.user(PSY)
        await pick_language(psy, locale)
        await _grant_at(app, PSY, clock.now())  # Sunday 07:40: the role is new
        digests: DigestService = app.dp["digests"]

        assert await digests.run_once(clock.now()) == 0  # the week began before the role: next Monday
        clock.advance(timedelta(hours=25))  # Monday 08:40
        assert await digests.run_once(clock.now()) == 0
        await psy.expect_no_message(0.2)

        await psy.send("/post")  # a guided flow is open at 09:00...
        await psy.next_message()
        clock.advance(timedelta(minutes=21))  # Monday 09:01
        assert await digests.run_once(clock.now()) == 0
        await psy.expect_no_message(0.2)
        assert await _runs(app) == []  # not even claimed: it is owed as soon as the flow ends

        await psy.send("/cancel")  # ...and ends
        await psy.next_message()
        assert await digests.run_once(clock.now()) == 1
        digest = await psy.next_message()
        text = digest["text"]
        assert HEAD[locale] in text
        assert text.count("• №") == 5  # the five most urgent only
        assert "42" in text  # overdue: №1, №2 (its first half-year) and the forty more; №3 falls due
        assert len(text) < 1000
        assert "/update" in text

        await psy.press(digest, button_with(digest, FULL[locale]))
        page = await psy.next_message()
        assert len(page["text"]) <= 4096 and page["message_id"] != digest["message_id"]
        shown = page["text"]  # the emulator edits this very dict in place
        first = shown.count("• №")
        assert 5 < first < 42
        await psy.press(page, "▶️")
        second = await psy.wait_edit(page)
        assert second["text"] != shown and len(second["text"]) <= 4096
        assert "№1." in shown and "№3." not in shown  # overdue first, the due №3 last
        assert app.emu.rejections == []


async def test_a_5xx_is_tried_again_later_that_week_and_a_blocked_user_is_marked_inactive(
    database_url: str,
) -> None:
    clock = FrozenClock(MONDAY_0901)
    async with running_app(database_url, Overrides(clock=clock, catalogue=small_catalogue())) as app:
        await add_tree(app.dp["sessionmaker"])
        psy = app.emu.user(PSY)
        await pick_language(psy, "ru")
        await _grant_at(app, PSY, clock.now() - timedelta(days=3))
        digests: DigestService = app.dp["digests"]

        app.emu.inject_fault("sendMessage", 502, count=1, chat_id=PSY)
        assert await digests.run_once(clock.now()) == 0
        await psy.expect_no_message(0.2)
        [(week, sent, attempts)] = await _runs(app)
        assert (week, sent, attempts) == ("2026-W50", None, 1)
        assert await digests.run_once(clock.now()) == 0  # not yet
        clock.advance(timedelta(minutes=11))
        assert await digests.run_once(clock.now()) == 1
        assert "сводка недели" in (await psy.next_message())["text"]
        [(_week, sent, _attempts)] = await _runs(app)
        assert sent is not None
        assert await digests.run_once(clock.now()) == 0  # once

        clock.advance(timedelta(days=7))  # the next Monday; the psychologist has blocked the bot
        await psy.block()
        assert await digests.run_once(clock.now()) == 0
        async with app.dp["sessionmaker"]() as session:
            assert (await session.get(User, PSY)).active is False  # type: ignore[union-attr]
        assert len(await _runs(app)) == 2


def test_retries_back_off_and_end_with_the_week() -> None:
    monday = MONDAY_0901
    assert retry_at(monday, 1) == monday + timedelta(minutes=10)
    assert retry_at(monday, 3) == monday + timedelta(minutes=40)
    assert retry_at(monday, RETRIES) is None  # enough tries
    sunday_late = datetime(2026, 12, 13, 23, 55, tzinfo=KZ)
    assert retry_at(sunday_late, 1) is None  # next week has a digest of its own
    assert not digest_due(datetime(2026, 12, 7, 8, 59, tzinfo=KZ))  # Monday before nine
    assert digest_due(datetime(2026, 12, 13, 7, 40, tzinfo=KZ))  # Sunday, for those who held a role on Monday
