"""The composition root: the one module that wires every layer together.

`build_app` takes the Bot and the Dispatcher that bot/factory.py builds (services, middlewares, storage,
start-up and shutdown) and includes the root router of handlers/. `python -m bot` (bot/cli.py), the sandbox,
the tests and the benchmarks all start the bot through it; those two entry points are the only modules under
bot/ that import it, and nothing under bot/ or db/ imports handlers/ (tests/unit/test_layering.py).
"""

from __future__ import annotations

from aiogram import Bot, Dispatcher

from bot.factory import Overrides, build_bot, build_dispatcher, build_limiter
from bot.middlewares.metrics import SendMetricsMiddleware
from bot.settings import Settings
from bot.shared_limits import RedisLimiter
from handlers import build_root_router


def build_app(settings: Settings, overrides: Overrides | None = None) -> tuple[Bot, Dispatcher]:
    """The bot and its dispatcher, sharing one limiter so replies and broadcasts are paced together."""
    overrides = overrides or Overrides()
    limiter = overrides.limiter or build_limiter(settings)
    router = build_root_router(settings.admin_ids)
    bot, dp = build_bot(settings, limiter), build_dispatcher(settings, limiter, router, overrides)
    # Innermost of the session's middlewares: each real request to Telegram is counted once.
    bot.session.middleware(SendMetricsMiddleware(dp["metrics"]))
    if overrides.limiter is None and isinstance(limiter, RedisLimiter):
        # Made here, so closed here: registered after the dispatcher's own shutdown hook, it runs once the
        # sender and the other services have stopped. A limiter passed in belongs to its caller.
        dp.shutdown.register(limiter.close)
    return bot, dp


__all__ = ["build_app"]
