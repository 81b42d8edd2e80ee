"""Builds the Bot and the Dispatcher from one Settings object; app.build_app adds the handlers' routers,
and the entry point, the sandbox and the tests share it."""

from __future__ import annotations

import asyncio
import gc
import logging
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.client.default import DefaultBotProperties
from aiogram.enums import ParseMode
from redis.asyncio import Redis

from bot.broadcast import BroadcastSender
from bot.clock import Clock
from bot.commands import CommandsPublisher, audience_of
from bot.content import Content
from bot.crisis import load_detector
from bot.digest import DigestService
from bot.events.notifier import EventNotifier
from bot.flows.draft_note import Drafts
from bot.flows.draft_reminder import DraftReminder
from bot.fsm_storage import build_storage
from bot.http_session import BotApiSession
from bot.i18n import create_i18n
from bot.measures import Catalogue, load_catalogue
from bot.metrics import Metrics
from bot.middlewares.command_case import CommandCaseMiddleware
from bot.middlewares.db_session import CommitBeforeSendMiddleware, DbSessionMiddleware
from bot.middlewares.late_answers import LateAnswerMiddleware
from bot.middlewares.locale import LocaleMiddleware
from bot.middlewares.pacing import PacingMiddleware
from bot.middlewares.retry_after import RetryAfterMiddleware
from bot.middlewares.throttling import FloodControl, ThrottlingMiddleware
from bot.middlewares.triage import TriageMiddleware
from bot.middlewares.unchanged_edit import ShownMessageMiddleware, UnchangedEditMiddleware
from bot.orgs import sync_organisations
from bot.outgoing import OutgoingLimiter
from bot.retention import RetentionService
from bot.settings import OFFICIAL_API_URL, Settings
from bot.shared_limits import RedisFloodControl, RedisLimiter, key_prefix
from bot.turns import Turns, TurnTakingFSM
from bot.web.setup import install_operations
from db.engine import SERVICE_CONNECTIONS, create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.repositories import Repositories

log = logging.getLogger(__name__)


# Seconds a stopping bot gives the updates it is handling (compose's grace period is 30).
UPDATE_DRAIN_SECONDS = 15.0


@dataclass
class Overrides:
    """What tests and benchmarks may swap; production uses the defaults."""

    clock: Clock = field(default_factory=Clock)
    content: Content | None = None
    catalogue: Catalogue | None = None
    flood: FloodControl | None = None
    limiter: OutgoingLimiter | None = None


def open_redis(settings: Settings) -> Redis | None:
    """The process's one Redis client (one connection pool) when REDIS_URL is set, else None: the limiter,
    the drafts, flood control, update de-duplication, the press locks and /readyz all use it. Whoever opens
    it closes it once (app.build_app, with close_redis)."""
    return Redis.from_url(settings.redis_url) if settings.redis_url else None


async def close_redis(redis: Redis, limiter: OutgoingLimiter) -> None:
    """Closes the process's Redis client once nothing uses it: after the dispatcher's shutdown hook (the
    sender and the digest have stopped), once the 429 pauses the limiter is still writing through it are
    written."""
    if isinstance(limiter, RedisLimiter):
        await limiter.settle()
    await redis.aclose()


def build_limiter(settings: Settings, redis: Redis | None = None) -> OutgoingLimiter:
    """`redis`: the process's client (open_redis); with it the limits are shared by every instance."""
    # Broadcasts get BROADCAST_RATE of Telegram's ordinary ~30/s (TELEGRAM_RATE), never more: faster sending
    # is only for posts marked paid, paced apart at PAID_BROADCAST_RATE (0: no paid bucket).
    global_rate = settings.telegram_rate
    if settings.broadcast_rate > global_rate:
        log.warning(
            "BROADCAST_RATE %s is above Telegram's ordinary limit; broadcasts get %s messages/s "
            "(faster sending: PAID_BROADCAST_RATE for posts an admin marks paid)",
            settings.broadcast_rate,
            global_rate,
        )
    limits: dict[str, Any] = {
        "global_rate": global_rate,
        "global_burst": max(20.0, global_rate / 10),
        "broadcast_rate": min(settings.broadcast_rate, global_rate),
        "paid_rate": settings.paid_broadcast_rate,
    }
    if redis is not None:  # several instances: the limits and the 429 pause are shared through Redis
        return RedisLimiter(redis, key_prefix(settings.bot_token.get_secret_value()), **limits)
    return OutgoingLimiter(**limits)


def build_flood(settings: Settings, redis: Redis | None = None) -> FloodControl:
    """`redis`: the process's client (open_redis); with it the window is counted across instances."""
    if redis is not None:
        return RedisFloodControl(redis, key_prefix(settings.bot_token.get_secret_value()))
    return FloodControl()


async def run_polling(
    bot: Bot, dp: Dispatcher, settings: Settings, *, handle_signals: bool = True, polling_timeout: int = 10
) -> None:
    """Long polling as production runs it (the CLI, the sandbox and the tests all come through here)."""
    await dp.start_polling(
        bot,
        allowed_updates=dp.resolve_used_update_types(),
        handle_signals=handle_signals,
        polling_timeout=polling_timeout,
        # A burst (two thousand parents answering one invitation) would otherwise start a task for every
        # update at once, and those at the back would wait out the connection pool's timeout.
        tasks_concurrency_limit=settings.max_concurrent_updates,
    )


def build_bot(settings: Settings, limiter: OutgoingLimiter) -> Bot:
    custom_api = settings.telegram_api_url != OFFICIAL_API_URL
    session = BotApiSession(settings.telegram_api_url if custom_api else None)
    # The first registered is the outermost: work is committed before waiting for a slot, and a retry
    # goes through pacing again.
    session.middleware(CommitBeforeSendMiddleware())
    session.middleware(LateAnswerMiddleware())
    session.middleware(UnchangedEditMiddleware())
    session.middleware(RetryAfterMiddleware(limiter))
    session.middleware(PacingMiddleware(limiter))
    return Bot(
        token=settings.bot_token.get_secret_value(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def build_dispatcher(
    settings: Settings,
    limiter: OutgoingLimiter,
    router: Router,
    overrides: Overrides | None = None,
    redis: Redis | None = None,
) -> Dispatcher:
    """Everything but the handlers: `router` is handlers/' root router (app.build_app passes it). `redis`: the
    process's client (open_redis), which its opener closes after this dispatcher's shutdown hook."""
    overrides = overrides or Overrides()
    sqlite_file = settings.sqlite_path()
    if sqlite_file is not None:
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        settings.database_url, max_connections=settings.max_concurrent_updates + SERVICE_CONNECTIONS
    )
    sessionmaker = create_sessionmaker(engine)
    content = overrides.content or Content.load()
    catalogue = overrides.catalogue or load_catalogue()
    detector = load_detector()
    i18n = create_i18n(settings.default_locale)
    commands = CommandsPublisher(i18n, settings.default_locale, settings.admin_ids)
    metrics = Metrics()
    broadcaster = BroadcastSender(
        sessionmaker,
        overrides.clock,
        i18n,
        limiter,
        lease=settings.outbox_lease_seconds,
        owner=settings.instance_id,
        metrics=metrics,
    )
    event_notifier = EventNotifier(sessionmaker, overrides.clock, i18n)
    retention = RetentionService(sessionmaker, overrides.clock, i18n, settings.outbox_retention_days)

    # Long polling has one reader of updates, and SQLite one process (bot/single_instance.py); with a webhook
    # several instances may share a PostgreSQL database.
    only_instance = not settings.webhook_url or settings.sqlite_path() is not None
    storage = build_storage(redis, sessionmaker, only_instance=only_instance)
    # The digest reads the same storage: nobody gets it in the middle of a guided flow.
    digests = DigestService(sessionmaker, overrides.clock, i18n, catalogue, storage)

    # aiogram's own FSM middleware would read the state first of all; ours comes after triage (below).
    dp = Dispatcher(
        storage=storage,
        disable_fsm=True,
        settings=settings,
        content=content,
        catalogue=catalogue,
        clock=overrides.clock,
        commands=commands,
        i18n=i18n,
        sessionmaker=sessionmaker,
        broadcaster=broadcaster,
        digests=digests,
        event_notifier=event_notifier,
        retention=retention,
        started_at=overrides.clock.now(),
        # Which states are a wizard's draft: read off this dispatcher's own routers (bot/flows/draft_note.py).
        drafts=Drafts.of(router),
    )
    # Before triage: de-duplication (webhook mode) and the update metrics see every update first.
    install_operations(dp, settings, sessionmaker, overrides.clock, metrics)
    # Order matters: triage first so a crisis message skips flood control and the database.
    dp.update.outer_middleware(TriageMiddleware(detector))
    dp.update.outer_middleware(ThrottlingMiddleware(overrides.flood or build_flood(settings, redis)))
    turns = Turns(redis, key_prefix(settings.bot_token.get_secret_value()))
    dp.update.outer_middleware(TurnTakingFSM(storage, turns))
    dp.update.outer_middleware(DbSessionMiddleware(sessionmaker, overrides.clock))
    dp.update.outer_middleware(LocaleMiddleware(i18n))
    dp.callback_query.outer_middleware(ShownMessageMiddleware())
    # One place for every router's commands: /Help is /help.
    dp.message.outer_middleware(CommandCaseMiddleware())
    # Around whichever handler answers a message: a command answered mid-draft is followed by «your draft is
    # still open» (staff only).
    dp.message.middleware(DraftReminder())
    dp.include_router(router)

    async def on_startup(bot: Bot) -> None:
        await upgrade_to_head(engine)
        async with sessionmaker() as session:
            # The shipped organisation tree, so a fresh database can take subscriptions at once.
            await sync_organisations(session)
            await session.commit()
        if not settings.webhook_url:  # webhook mode sets it after start-up (bot/web/server.py)
            await bot.delete_webhook(drop_pending_updates=False)
        async with sessionmaker() as session:
            repo = Repositories(session)
            known_admins = await repo.users.known_languages(settings.admin_ids)
            known_staff = await repo.staff.staff_languages()
            # How far each one's menu goes: a coordinator's has /report.
            audiences = {
                p.user_id: audience_of(role for role, _scope in p.scopes)
                for p in await repo.digests.recipients()
            }
        await commands.publish_defaults(bot, known_admins, known_staff, audiences)
        await broadcaster.start(bot)
        await digests.start(bot)
        await event_notifier.start(bot)
        await retention.start(bot)
        # What start-up loaded (content, the crisis lexicon, catalogues, the ORM's tables) lives as long as
        # the process: the collector's full passes need not walk it again and again. Sending a paid broadcast
        # at 1000/s, those passes were a third of the bot's CPU time per message (bench/paid.py).
        gc.freeze()
        log.info("bot started")

    async def on_shutdown() -> None:
        # Polling has stopped taking updates; those it already took finish before the services and the
        # database go (aiogram keeps their tasks here and offers no public way to wait for them).
        handling = set(dp._handle_update_tasks)
        if handling:
            await asyncio.wait(handling, timeout=UPDATE_DRAIN_SECONDS)
        await retention.stop()
        await event_notifier.stop()
        await digests.stop()
        await broadcaster.stop()
        await engine.dispose()
        gc.unfreeze()  # what this app held may be collected again (tests start many in one process)
        log.info("bot stopped")

    dp.startup.register(on_startup)
    dp.shutdown.register(on_shutdown)
    return dp
