"""Fixtures: a started emulator and a real aiogram Bot pointed at it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import pytest
import pytest_asyncio
from aiogram import Bot, Dispatcher

from bot.emulator.client import emulator_bot
from bot.emulator.emulator import Emulator


@pytest_asyncio.fixture
async def emu() -> AsyncIterator[Emulator]:
    emulator = Emulator()
    await emulator.start()
    yield emulator
    await emulator.stop()
    assert emulator.errors == [], "the emulator itself failed while handling a call"


@pytest_asyncio.fixture
async def bot(emu: Emulator) -> AsyncIterator[Bot]:
    client = emulator_bot(emu)
    yield client
    await client.session.close()


@pytest.fixture
def polling(bot: Bot) -> Callable[[Dispatcher], object]:
    """`async with polling(dp):` runs the dispatcher against the emulator for the block's duration."""

    @asynccontextmanager
    async def run(dp: Dispatcher) -> AsyncIterator[None]:
        task = asyncio.create_task(
            dp.start_polling(bot, handle_signals=False, close_bot_session=False, polling_timeout=5)
        )
        try:
            yield
        finally:
            await dp.stop_polling()
            await asyncio.wait_for(task, 5)

    return run
