"""/cancel under an open screen Telegram will no longer edit (older than 48 hours, deleted by the user, or
already showing the text) still answers with a new message, and the refused edit raises nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, pick_language
from tests.support.org_tree import REGION, add_tree, grant
from tests.support.small_plan import small_catalogue

COORD = 8831
START = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)
CANCELLED = {"kk": "Тоқтатылды. Ештеңе өзгерген жоқ.", "ru": "Отменено. Ничего не изменилось."}
NOTHING = {"kk": "Тоқтататын ештеңе жоқ", "ru": "Отменять нечего"}
TOO_OLD = "Bad Request: message can't be edited"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly "
    "the same"
)


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    overrides = Overrides(clock=FrozenClock(START), catalogue=small_catalogue())
    async with running_app(database_url, overrides) as running:
        await add_tree(running.dp["sessionmaker"])
        await grant(running.dp["sessionmaker"], COORD, "coordinator", REGION)
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("command", ["/invite", "/report"])
@pytest.mark.parametrize("refusal", ["too_old", "deleted", "not_modified"])
async def test_cancel_answers_when_the_screen_cannot_be_edited(
    app: RunningApp, locale: str, command: str, refusal: str
) -> None:
    coord = app.emu.user(COORD)
    await pick_language(coord, locale)
    await coord.send(command)
    screen = await coord.next_message()
    assert button_texts(screen)
    fault = None
    if refusal == "deleted":
        app.emu.world.chats[screen["chat"]["id"]].messages[screen["message_id"]]["deleted"] = True
    else:
        description = TOO_OLD if refusal == "too_old" else NOT_MODIFIED
        fault = app.emu.inject_fault("editMessageText", 400, chat_id=COORD, description=description)
    await coord.send("/cancel")
    answer = await coord.next_message()
    assert answer["text"] == CANCELLED[locale], answer["text"]
    await coord.send("/cancel")
    assert NOTHING[locale] in (await coord.next_message())["text"]  # the screen's state went all the same
    await app.idle()
    if fault is not None:
        assert fault.remaining == 0  # the edit was tried and refused
        assert app.emu.rejections == []
    else:
        refused = [(r.method, r.description) for r in app.emu.rejections]
        assert refused == [("editMessageText", "Bad Request: message to edit not found")]
        app.emu.rejections.clear()
