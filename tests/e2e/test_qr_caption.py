"""/qr's caption says what the code does for a parent: a grade to tick at a school, only a confirmation at a
kindergarten or a college (one grade there, no classes)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.app import RunningApp, running_app
from tests.support.chat import pick_language
from tests.support.org_tree import grant
from tests.support.subscribe_tree import add_tree

SCHOOL_STAFF, KINDERGARTEN_STAFF, COLLEGE_STAFF = 3101, 3102, 3103


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with running_app(database_url) as running:
        await add_tree(running)
        yield running


async def qr_caption_for(app: RunningApp, user_id: int, org: str, locale: str) -> str:
    await grant(app.dp["sessionmaker"], user_id, "psychologist", org)
    staff = app.emu.user(user_id, language_code=locale)
    await pick_language(staff, locale)
    await staff.send("/qr")
    sent = await staff.next_message()  # one organisation: no choice to make
    assert "document" in sent, sent
    return sent["caption"]


async def test_a_school_code_asks_for_the_childs_grade(app: RunningApp) -> None:
    caption = await qr_caption_for(app, SCHOOL_STAFF, "kar-s05", "ru")
    assert "отмечает класс ребёнка" in caption


async def test_a_kindergarten_code_speaks_of_no_class(app: RunningApp) -> None:
    caption = await qr_caption_for(app, KINDERGARTEN_STAFF, "kar-k01", "ru")
    assert "Детский сад «Балапан»" in caption
    assert "подтверждает подписку" in caption and "класс" not in caption


async def test_a_college_code_speaks_of_no_class_in_kazakh(app: RunningApp) -> None:
    caption = await qr_caption_for(app, COLLEGE_STAFF, "kar-c01", "kk")
    assert "жазылуды растайды" in caption and "сынып" not in caption
    assert app.emu.rejections == []
