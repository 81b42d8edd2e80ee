"""The HTTP session the bot talks to the Bot API through."""

from __future__ import annotations

from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer


class BotApiSession(AiohttpSession):
    """aiogram's session, minus its 250 ms pause on close when the API is plain HTTP.

    The pause lets TLS connections shut down cleanly; a local Bot API server or the loopback emulator is
    reached over http://, where there is nothing to wait for, and every test and sandbox stop paid it."""

    def __init__(self, api_url: str | None = None) -> None:
        if api_url is None:
            super().__init__()
        else:
            super().__init__(api=TelegramAPIServer.from_base(api_url))
        self._plain_http = api_url is not None and api_url.startswith("http://")

    async def close(self) -> None:
        if not self._plain_http:
            await super().close()
        elif self._session is not None and not self._session.closed:
            await self._session.close()
