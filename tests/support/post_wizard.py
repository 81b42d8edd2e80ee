"""The steps of /post that many end-to-end tests share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tests.support.chat import Message, button_with, next_with


async def write_post(staff: Any, kk: str, ru: str) -> None:
    """/post with both texts and no attachment: the wizard's next message asks for the grades."""
    await staff.send("/post")
    await staff.next_message()  # asks for the Kazakh text
    await staff.send(kk)
    await staff.next_message()
    await staff.send(ru)
    media_step = await staff.next_message()
    await staff.press(media_step, 0)  # no attachment


async def post_summary(
    staff: Any, texts: tuple[str, str], presses: Sequence[str], check: str, at: str | None = None
) -> Message:
    """/post with `texts` (Kazakh, Russian), then the buttons with `presses` one by one on the wizard's
    message: the audience, the urgency, and «Now» or, with `at` typed after it, «At a set time». Returns
    the summary, the next message with `check`."""
    await write_post(staff, *texts)
    step = await staff.next_message()
    for label in presses[:-1]:
        await staff.press(step, button_with(step, label))
        step = await staff.wait_edit(step)
    await staff.press(step, button_with(step, presses[-1]))
    if at is not None:
        await staff.wait_edit(step)
        await staff.send(at)
    return await next_with(staff, check)
