"""aiogram clients wired to an emulator (the same AiohttpSession production uses, new base URL)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer

if TYPE_CHECKING:
    from .emulator import Emulator


class LoopbackSession(AiohttpSession):
    """AiohttpSession without the 250 ms sleep aiogram adds on close for TLS shutdown (no TLS here)."""

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()


def emulator_session(emu: Emulator, **kwargs: Any) -> AiohttpSession:
    return LoopbackSession(api=TelegramAPIServer.from_base(emu.base_url), **kwargs)


def emulator_bot(emu: Emulator, **bot_kwargs: Any) -> Bot:
    """A real aiogram Bot talking to `emu` with emu.token."""
    return Bot(emu.token, session=emulator_session(emu), **bot_kwargs)
