"""/measure N of a roadmap that has ended, for a measure nobody reported on: its final result says that
nothing was reported, and no line under it says it again («Қорытынды: ➖ хабар берілмеген … Хабар
берілмеген.»)."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from tests.support.app import ADMIN_ID, running_app
from tests.support.chat import pick_language

ENDED = datetime(2026, 12, 6, 12, 0, tzinfo=KZ)
PARENT = 9411
RESULT = {"kk": "Қорытынды: ➖ хабар берілмеген", "ru": "Итог: ➖ ничего не сообщалось"}
AGAIN = {"kk": "Хабар берілмеген.", "ru": "Сообщений не было."}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_nothing_reported_is_said_once(database_url: str, locale: str) -> None:
    async with running_app(database_url, Overrides(clock=FrozenClock(ENDED))) as app:
        parent, admin = app.emu.user(PARENT), app.emu.user(ADMIN_ID)
        await pick_language(parent, locale)
        await pick_language(admin, locale)
        # A parent's measure (public updates, the whole region) and a staff one (all updates, their scope).
        for person, measure in ((parent, 15), (admin, 55)):
            await person.send(f"/measure {measure}")
            card = (await person.next_message())["text"]
            assert RESULT[locale] in card, card
            assert AGAIN[locale] not in card, card
            assert card.casefold().count(RESULT[locale].split("➖ ")[1]) == 1, card
        assert app.emu.rejections == []
