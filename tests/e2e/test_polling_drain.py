"""Stopping the bot (SIGTERM, an upgrade) lets the updates it already took finish before it closes."""

from __future__ import annotations

import asyncio

from bot.emulator import Emulator
from tests.support.app import running_app


async def test_an_update_being_handled_when_polling_stops_is_answered(database_url: str) -> None:
    emu = Emulator()
    emu.timeout_delay = 1.0  # the reply below is answered by "Telegram" only after a second
    parent = emu.user(70_001, language_code="ru")
    async with running_app(database_url, emulator=emu) as running:
        emu.inject_fault("sendMessage", "timeout", count=1)
        await parent.send("/helplines")
        for _ in range(500):
            if emu.stats["faults"]:
                break
            await asyncio.sleep(0.01)
        assert emu.stats["faults"] == 1, "the reply never reached the emulator"
        # Leaving the block stops polling while the reply is still in flight.
        assert running.dp._handle_update_tasks, "the update should still be being handled"
    replies = [m for m in parent.messages if "111" in (m.get("text") or "")]
    assert len(replies) == 1, parent.messages
