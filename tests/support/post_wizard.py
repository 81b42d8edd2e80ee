"""The first steps of /post that many end-to-end tests share."""

from __future__ import annotations

from typing import Any


async def write_post(staff: Any, kk: str, ru: str) -> None:
    """/post with both texts and no attachment: the wizard's next message asks for the grades."""
    await staff.send("/post")
    await staff.next_message()  # asks for the Kazakh text
    await staff.send(kk)
    await staff.next_message()
    await staff.send(ru)
    media_step = await staff.next_message()
    await staff.press(media_step, 0)  # no attachment
