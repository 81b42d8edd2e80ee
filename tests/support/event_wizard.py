"""/event driven through the emulator to its summary, for tests of what the summary says."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.support.chat import Message, button_with, next_with

# Typed at /event's first four steps: the Kazakh and Russian topics, the date and time, the place.
TYPED = ("Қауіпсіз интернет", "Безопасный интернет", "20.12.2026 18:30", "Актовый зал")


async def event_summary(staff: Any, presses: Sequence[str], check: str) -> Message:
    """/event with TYPED, the buttons with `presses` one by one on the audience question, 30 seats.
    Returns the summary, the next message with `check`."""
    await staff.send("/event")
    await staff.next_message()
    for typed in TYPED:
        await staff.send(typed)
        await staff.next_message()
    step = staff.messages[-1]
    for label in presses:
        await staff.press(step, button_with(step, label))
        step = await staff.wait_edit(step)
    await staff.send("30")
    return await next_with(staff, check)
