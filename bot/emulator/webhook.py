"""Webhook delivery: Telegram POSTs each update to the URL given to setWebhook, with the secret token in
X-Telegram-Bot-Api-Secret-Token, and forgets the update once it is answered with 2xx. `target` stands in
for the reverse proxy: the HTTPS URL the bot registered is reached at a loopback address instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp

from .errors import ApiError

if TYPE_CHECKING:
    from .emulator import Emulator

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


async def deliver(emu: Emulator, target: str | None = None, *, again: bool = False) -> list[int]:
    """The pending updates, one POST each, in order; returns the HTTP statuses. With `again` the answered
    updates stay pending, so the next call redelivers them (Telegram's retry after a timeout)."""
    url = target or emu.world.webhook_url
    if not emu.world.webhook_url:
        raise ApiError(400, "Bad Request: no webhook is set")
    headers = {SECRET_HEADER: emu.world.webhook_secret} if emu.world.webhook_secret else {}
    statuses = []
    async with aiohttp.ClientSession() as session:
        for update in emu.updates.pending:
            async with session.post(url, json=update, headers=headers) as response:
                statuses.append(response.status)
                if 200 <= response.status < 300 and not again:
                    emu.updates.forget(update["update_id"])
    return statuses
