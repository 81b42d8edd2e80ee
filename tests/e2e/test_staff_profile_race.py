"""Two quick updates from a new staff member: their Telegram name is kept once, without an error."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import func, select

from db.models import StaffProfile
from tests.support.app import RunningApp
from tests.support.org_tree import SCHOOL, add_tree, grant


async def test_two_quick_updates_of_a_new_staff_member(
    app: RunningApp, caplog: pytest.LogCaptureFixture
) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, 6401, "psychologist", SCHOOL)
    user = app.emu.user(6401, "Дана", last_name="Ахметова", language_code="ru")
    caplog.set_level(logging.ERROR)
    # Found by tests/e2e/test_fuzz_updates.py: both updates found no profile, the second insert broke the key.
    await user.send("/stats")
    await user.send("/staff")
    await app.idle()
    await user.next_message()
    await user.next_message()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    async with sm() as session:
        assert await session.scalar(select(func.count()).select_from(StaffProfile)) == 1
