"""bot/flows/approval_card.say_in_place: what Approve / Reject (handlers/post_approval.py) and «Stop sending»
(handlers/post_withdraw.py) both do with a press, once (each had its own copy): answer it, in an alert when
asked, and put the text on the message pressed, without its buttons."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest
from aiogram.types import Chat, Message

from bot.flows.approval_card import say_in_place

pytestmark = pytest.mark.no_database


class Pressed(Message):
    """The message a button was on; records its edits instead of calling Telegram."""

    async def edit_text(self, text: str, **kwargs: Any) -> Any:  # type: ignore[override]
        edits.append(text)


edits: list[str] = []


def _query(message: Message | None) -> Any:
    answers: list[tuple[str | None, bool]] = []

    async def answer(text: str | None = None, show_alert: bool = False) -> None:
        answers.append((text, show_alert))

    return SimpleNamespace(message=message, answer=answer, answers=answers)


def _message() -> Pressed:
    return Pressed(message_id=7, date=datetime(2027, 3, 1, tzinfo=UTC), chat=Chat(id=1, type="private"))


@pytest.mark.parametrize(("alert", "answered"), [(False, (None, False)), (True, ("Done.", True))])
async def test_the_press_is_answered_and_its_message_says_it(
    alert: bool, answered: tuple[str | None, bool]
) -> None:
    edits.clear()
    query = _query(_message())
    await say_in_place(query, "Done.", alert=alert)
    assert query.answers == [answered]
    assert edits == ["Done."]


async def test_a_message_too_old_to_reach_is_only_answered() -> None:
    edits.clear()
    query = _query(None)
    await say_in_place(query, "Done.", alert=True)
    assert query.answers == [("Done.", True)] and edits == []
