"""An old button of /report or /update is answered with an alert that names the flow it belongs to, so the
user knows which command starts it again (it used to send them to /post). In Kazakh and in Russian."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from sqlalchemy import select

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from db.models import AuditRecord
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_with, callback_buttons, pick_language
from tests.support.org_tree import REGION, TREE, grant
from tests.support.orgs import replace_organisations
from tests.support.small_plan import small_catalogue

COORD = 8801
START = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)  # a Wednesday afternoon: no quiet hours
CANCEL = {"kk": "✖️ Болдырмау", "ru": "✖️ Отмена"}
STEP_OVER = {
    "kk": "Бұл қадам аяқталды. /{command} арқылы қайта бастаңыз.",
    "ru": "Этот шаг уже завершён. Начните заново с /{command}.",
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    overrides = Overrides(clock=FrozenClock(START), catalogue=small_catalogue())
    async with running_app(database_url, overrides) as running:
        await replace_organisations(running.dp["sessionmaker"], TREE)
        yield running


async def _stale_audits(app: RunningApp, user_id: int) -> list[str]:
    async with app.dp["sessionmaker"]() as s:
        rows = await s.scalars(
            select(AuditRecord.action).where(
                AuditRecord.actor_id == user_id, AuditRecord.action.endswith(".stale")
            )
        )
        return list(rows)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_old_update_button_names_update(app: RunningApp, locale: str) -> None:
    await grant(app.dp["sessionmaker"], COORD, "coordinator", REGION)
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    await coord.send("/update 3")
    question = await coord.next_message()  # the Kazakh text, with Skip and Cancel
    skip = callback_buttons(question)[0]["callback_data"]
    await coord.press(question, button_with(question, CANCEL[locale]))
    cancelled = await coord.wait_edit(question)
    # The flow is over: its Skip, pressed again, is an old button of /update.
    late = await coord.press_data(cancelled, skip)
    assert late["show_alert"]
    assert late["text"] == STEP_OVER[locale].format(command="update")
    assert await _stale_audits(app, COORD) == ["measure_update.stale"]
    await coord.expect_no_message(0.3)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_old_report_button_names_report(app: RunningApp, locale: str) -> None:
    admin = app.emu.user(ADMIN_ID)
    await pick_language(admin, locale)
    await admin.send("/report")
    periods = await admin.next_message()
    # An area button as /report sent it before its paged picker: act «s», the period's days, the area.
    late = await admin.press_data(periods, f"rp:s::20261001:20261231:{REGION}")
    assert late["show_alert"]
    assert late["text"] == STEP_OVER[locale].format(command="report")
    assert await _stale_audits(app, ADMIN_ID) == ["report.stale"]
    await admin.expect_no_message(0.3)
    assert app.emu.rejections == []
