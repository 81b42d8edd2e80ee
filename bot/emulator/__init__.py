"""A loopback Telegram Bot API emulator for tests, benchmarks and the sandbox."""

from bot.emulator.emulator import Emulator

__all__ = ["Emulator"]
