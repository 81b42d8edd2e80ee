"""Webhook mode (aiogram's aiohttp server) and the small HTTP server of /healthz, /readyz and /metrics.

In webhook mode one aiohttp server on WEBHOOK_LISTEN takes Telegram's POSTs on WEBHOOK_URL's path (the
secret token checked by aiogram's SimpleRequestHandler: 401 without it) and serves the operations routes.
In polling mode the operations routes are served on METRICS_LISTEN when it is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.settings import Settings
from bot.web.ops import Operations, add_routes

log = logging.getLogger(__name__)

# Seconds the server gives requests in flight when it stops (SIGTERM); compose's grace period is 30.
SHUTDOWN_SECONDS = 20.0


def host_port(listen: str) -> tuple[str, int]:
    host, _, port = listen.rpartition(":")
    return host.strip("[]"), int(port)


def webhook_app(bot: Bot, dp: Dispatcher, settings: Settings) -> web.Application:
    assert settings.webhook_url and settings.webhook_secret  # Settings requires the secret with the URL
    url, secret = settings.webhook_url, settings.webhook_secret.get_secret_value()
    app = web.Application()
    handler = SimpleRequestHandler(dispatcher=dp, bot=bot, secret_token=secret)

    async def finish_updates(_: web.Application) -> None:
        # Answered at once, handled in the background: on SIGTERM those still running finish first.
        # (aiogram keeps them in this attribute of its handler and offers no public way to wait for them.)
        running = set(handler._background_feed_update_tasks)
        if running:
            await asyncio.wait(running, timeout=SHUTDOWN_SECONDS)

    # on_shutdown runs in this order: the updates in flight finish, then the dispatcher's shutdown (the
    # sender finishes its sends and hands back its leases), and only then does the handler close the session.
    app.on_shutdown.append(finish_updates)
    setup_application(app, dp, bot=bot)
    handler.register(app, path=urlsplit(url).path)

    async def set_webhook(_: web.Application) -> None:
        # Every instance sets the same URL; Telegram spreads nothing itself, the proxy does.
        await bot.set_webhook(
            url,
            secret_token=secret,
            allowed_updates=dp.resolve_used_update_types(),
            drop_pending_updates=False,
        )
        log.info("webhook set; listening on %s", settings.webhook_listen)

    app.on_startup.append(set_webhook)
    add_routes(app, operations(dp))
    return app


def operations(dp: Dispatcher) -> Operations:
    ops = dp["operations"]
    assert isinstance(ops, Operations)
    return ops


@contextlib.asynccontextmanager
async def serving(app: web.Application, listen: str) -> AsyncIterator[web.AppRunner]:
    """Runs `app` on `listen` (port 0: any free port, see runner.addresses) until the block ends."""
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=SHUTDOWN_SECONDS)
    await runner.setup()
    try:
        host, port = host_port(listen)
        await web.TCPSite(runner, host, port).start()
        yield runner
    finally:
        await runner.cleanup()


async def until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
    log.info("stopping: no new updates are taken")


async def run_webhook(bot: Bot, dp: Dispatcher, settings: Settings) -> None:
    """Webhook mode until SIGTERM/SIGINT: the server stops taking requests, then the dispatcher shuts down."""
    async with serving(webhook_app(bot, dp, settings), settings.webhook_listen):
        await until_signalled()


@contextlib.asynccontextmanager
async def operations_server(dp: Dispatcher, settings: Settings) -> AsyncIterator[web.AppRunner | None]:
    """The operations routes on METRICS_LISTEN beside long polling; nothing when it is not set."""
    if not settings.metrics_listen:
        yield None
        return
    app = web.Application()
    add_routes(app, operations(dp))
    async with serving(app, settings.metrics_listen) as runner:
        yield runner
