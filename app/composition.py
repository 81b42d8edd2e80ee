"""The composition root: the one module that wires every layer together.

`build_app` takes the Bot and the Dispatcher that bot/factory.py builds (services, middlewares, storage,
start-up and shutdown) and includes the root router of handlers/. `python -m bot` (bot/__main__.py hands over
to app/cli.py), the sandbox (app/sandbox.py), the tests and the benchmarks all start the bot through it.
bot/__main__.py is the only module under bot/ that imports app, and nothing under bot/ or db/ imports
handlers/ (tests/unit/test_layering.py).
"""

from __future__ import annotations

from functools import partial

from aiogram import Bot, Dispatcher

from bot.factory import Overrides, build_bot, build_dispatcher, build_limiter, close_redis, open_redis
from bot.middlewares.metrics import SendMetricsMiddleware
from bot.settings import Settings
from handlers import build_root_router


def build_app(settings: Settings, overrides: Overrides | None = None) -> tuple[Bot, Dispatcher]:
    """The bot and its dispatcher, sharing one limiter so replies and broadcasts are paced together."""
    overrides = overrides or Overrides()
    redis = open_redis(settings)  # one connection pool for the limiter and the dispatcher alike
    limiter = overrides.limiter or build_limiter(settings, redis)
    router = build_root_router(settings.admin_ids)
    bot, dp = build_bot(settings, limiter), build_dispatcher(settings, limiter, router, overrides, redis)
    # Innermost of the session's middlewares: each real request to Telegram is counted once.
    bot.session.middleware(SendMetricsMiddleware(dp["metrics"]))
    if redis is not None:
        # Opened here, so closed here, once: registered after the dispatcher's own shutdown hook, it runs once
        # the sender and the other services have stopped. A limiter or flood control passed in through
        # Overrides keeps its own client, which belongs to its caller.
        dp.shutdown.register(partial(close_redis, redis, limiter))
    return bot, dp
