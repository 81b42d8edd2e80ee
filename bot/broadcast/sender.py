"""The one sender service: promotes due posts, drains the outbox through the shared limiter, reports.

Durability. A post's whole audience is written to the outbox (pending rows) in the transaction that moves it
to 'sending'. Each row is recorded (sent with its message id, blocked, failed, or postponed) right after its
send, by a recorder that writes whatever has finished in one transaction; a send slot is released only once
its row is recorded. So at any moment at most `in_flight_bound` messages (the two lanes' concurrency, below)
have left without being recorded, and a crash (or SIGKILL) doubles at most those: on restart every row still
pending is sent again.

Paid broadcasts. A post an admin marked paid (`posts.paid_broadcast`) goes with Telegram's
allow_paid_broadcast at PAID_BROADCAST_RATE, in a lane of its own (its own send slots and claims), so an
ordinary post sending at BROADCAST_RATE at the same time neither slows it nor is slowed by it; the limiter
paces it against the paid bucket, apart from the ordinary rate that replies (crisis ones first) share.
With PAID_BROADCAST_RATE 0 there is one lane and a post marked paid goes as an ordinary one.

Several senders on one database (several instances on PostgreSQL). Each leases the rows it is about to send
(`OutboxRepository.claim`: its INSTANCE_ID and an expiry OUTBOX_LEASE_SECONDS ahead, SKIP LOCKED on
PostgreSQL) and renews its leases while it lives; recording a row clears its lease. A stopped sender (SIGTERM)
hands back what it had not sent; a killed one's leases run out and another sender takes its rows, and one
starting under the same id (a restarted container) takes them back at once.

Errors. 429: the limiter pauses all sending (crisis replies excepted) for retry_after and the row is tried
again, without counting an attempt. Everything else as `bot/telegram_errors.py` classifies it, like every
other sender: retry (5xx, network errors, timeouts) with exponential backoff via next_attempt_at, failed
after `max_attempts`; blocked or gone (403, deactivated, "chat not found"): the row is 'blocked' and the
user inactive at once, never retried; moved (migrate_to_chat_id): sent to the new chat, which the row (and a
linked channel) then keeps; failed (any other answer): not retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import socket
import time
from dataclasses import dataclass, field
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramMigrateToChat
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.broadcast.progress import Progress
from bot.broadcast.recorder import Recorder
from bot.broadcast.transport import deliver, sender_bot
from bot.clock import Clock
from bot.metrics import Metrics
from bot.middlewares.metrics import SendMetricsMiddleware
from bot.outgoing import OutgoingLimiter, Priority, send_priority
from bot.telegram_errors import SendError, classify
from bot.views.posts import RenderedPost, render_post
from db.models import Post
from db.repositories import Repositories
from db.repositories.outbox import OutboxRow, Outcome
from domain.enums import OutboxStatus

log = logging.getLogger(__name__)


@dataclass
class _PostInfo:
    post: Post
    paid: bool  # sent with allow_paid_broadcast in the paid lane
    scope_names: dict[str, str]
    rendered: dict[tuple[str, bool], RenderedPost] = field(default_factory=dict)


class BroadcastSender:
    tick = 2.0
    """Seconds between looks for due posts when nobody wakes the sender."""
    progress_interval = 3.0
    batch_size = 500
    max_attempts = 5
    retry_base = 2.0
    """Seconds before the first retry after a 5xx or timeout; doubled for each further attempt."""
    request_timeout = 20.0

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        clock: Clock,
        i18n: I18n,
        limiter: OutgoingLimiter,
        *,
        lease: float = 60.0,
        owner: str | None = None,
        metrics: Metrics | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._metrics = metrics
        self.lease = lease
        self.owner = owner or f"{socket.gethostname()}-{os.getpid()}"
        # Leased rows this sender has not finished (row id -> post id), never taken twice.
        self._held: dict[int, int] = {}
        self._clock = clock
        self._i18n = i18n
        self._limiter = limiter
        # Enough sends in flight to keep each lane's rate with some latency; each is a possible double on a
        # crash. The paid lane exists only with a paid bucket (PAID_BROADCAST_RATE above 0).
        self.concurrency = in_flight_for((limiter.broadcast_bucket or limiter.global_bucket).rate)
        self.paid_concurrency = in_flight_for(limiter.paid_bucket.rate) if limiter.paid_bucket else 0
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._progress_task: asyncio.Task[None] | None = None
        self._workers: set[asyncio.Task[None]] = set()
        self._lease_task: asyncio.Task[None] | None = None
        self._recorder = Recorder(sessionmaker, self.owner)
        self._posts: dict[int, _PostInfo] = {}
        self._progress = Progress(sessionmaker, clock, i18n.default_locale)
        self._out: Bot | None = None

    @property
    def in_flight_bound(self) -> int:
        """The most messages that can be out unrecorded at once: what a crash may send twice."""
        return self.concurrency + self.paid_concurrency

    # Lifecycle --------------------------------------------------------------------------------

    async def start(self, bot: Bot) -> None:
        """Begin draining the outbox in a background task (resuming whatever a crash left pending)."""
        self._progress.bot = bot
        self._out = sender_bot(bot, self._limiter)
        if self._metrics is not None:
            # Innermost, as on the bot's own session: broadcast sends and their 429s are counted too.
            self._out.session.middleware(SendMetricsMiddleware(self._metrics))
        self._stopping = False
        await self._release()  # what a killed sender under this id left
        self._recorder.start()
        # Tasks copy the current context: with it, gettext in the renderers finds the catalogs.
        with self._i18n.context():
            self._task = asyncio.create_task(self._run(), name="broadcast-sender")
            self._progress_task = asyncio.create_task(self._progress_loop(), name="broadcast-progress")
            self._lease_task = asyncio.create_task(self._lease_loop(), name="broadcast-leases")

    async def stop(self, timeout: float = 15.0) -> None:
        """Finish the sends in flight, record them, hand the leases of the rest back, and stop."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), timeout)
            except TimeoutError:
                log.warning(
                    "broadcast sender did not stop within %.0f s; its unrecorded sends may repeat", timeout
                )
            await self._cancel()
            with contextlib.suppress(Exception):
                await self._release()
        await self._close()

    async def abort(self) -> None:
        """Stop at once, recording nothing and keeping its leases, as a crash would (to test recovery)."""
        await self._cancel()
        await self._close()

    def wake(self) -> None:
        """A post became due or was confirmed: look at the outbox now rather than at the next tick."""
        self._wake.set()

    async def _cancel(self) -> None:
        tasks = [t for t in (self._task, self._progress_task, self._lease_task, *self._workers) if t]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._workers.clear()
        self._task = self._progress_task = self._lease_task = None
        self._held.clear()
        await self._recorder.stop()

    async def _close(self) -> None:
        if self._out is not None:
            await self._out.session.close()
            self._out = None

    async def _release(self) -> None:
        async with self._sessionmaker() as session:
            released = await Repositories(session).outbox.release(self.owner)
            await session.commit()
        if released:
            log.info("handed back the leases of %d unsent outbox rows", released)

    async def _lease_loop(self) -> None:
        """Renews this sender's leases a few times within each lease, so a live sender keeps its rows."""
        while True:
            await asyncio.sleep(self.lease / 3)
            try:
                async with self._sessionmaker() as session:
                    until = self._clock.now() + timedelta(seconds=self.lease)
                    await Repositories(session).outbox.renew(self.owner, until, set(self._held))
                    await session.commit()
            except Exception:
                log.exception("could not renew the outbox leases")

    # The loop ---------------------------------------------------------------------------------

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                await self._promote_due()
                await self._drain()
                await self._finish_posts()
                delay = await self._until_next_retry()
            except Exception:
                log.exception("broadcast sender step failed; trying again shortly")
                delay = self.tick
            if self._stopping:
                break
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), delay)

    async def _promote_due(self) -> None:
        async with self._sessionmaker() as session:
            due = await Repositories(session).posts.due_for_sending(self._clock.now())
        for post_id in due:
            async with self._sessionmaker() as session:
                repo = Repositories(session)
                post = await repo.posts.mark_sending(post_id, self._clock.now())
                if post is None:
                    continue
                total = await repo.outbox.build(post, self._i18n.default_locale)
                await session.commit()
            log.info("post %d: sending to %d recipients", post_id, total)

    async def _until_next_retry(self) -> float:
        async with self._sessionmaker() as session:
            at = await Repositories(session).outbox.next_retry_at()
        if at is None:
            return self.tick
        return min(self.tick, max(0.05, (at - self._clock.now()).total_seconds()))

    async def _drain(self) -> None:
        """One pass over the due pending rows; retries that come due later wait for the next pass.

        Posts being sent share each batch of their lane equally, so a short urgent post is not queued behind
        the rest of a region-wide one; posts that become due meanwhile join within a tick (a lane that ran
        dry looks again then). Paid posts have their own lane: ordinary ones never hold their slots.
        """
        lanes: tuple[bool | None, ...] = (False, True) if self.paid_concurrency else (None,)
        tasks = {lane: asyncio.create_task(self._drain_lane(lane)) for lane in lanes}
        housekeeping = time.monotonic() + self.tick
        try:
            while not self._stopping and not all(task.done() for task in tasks.values()):
                waker = asyncio.ensure_future(self._wake.wait())
                running = [task for task in tasks.values() if not task.done()]
                timeout = max(0.0, housekeeping - time.monotonic())
                await asyncio.wait([*running, waker], timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
                waker.cancel()
                if self._stopping or not (self._wake.is_set() or time.monotonic() >= housekeeping):
                    continue
                self._wake.clear()
                await self._promote_due()
                await self._finish_posts()
                housekeeping = time.monotonic() + self.tick
                for lane, task in tasks.items():
                    if task.done():
                        if (error := task.exception()) is not None:
                            log.error("broadcast lane failed; trying again", exc_info=error)
                        tasks[lane] = asyncio.create_task(self._drain_lane(lane))
        except asyncio.CancelledError:
            for task in tasks.values():
                task.cancel()
            raise
        for outcome in await asyncio.gather(*tasks.values(), return_exceptions=True):
            if isinstance(outcome, Exception):
                raise outcome

    async def _drain_lane(self, paid: bool | None) -> None:
        """Sends the rows of one lane's posts (paid, not paid, or all: None) until none is left to claim."""
        slots = asyncio.Semaphore(self.paid_concurrency if paid else self.concurrency)
        cursors: dict[int, int] = {}
        mine: set[asyncio.Task[None]] = set()
        while not self._stopping:
            rows = await self._next_batch(cursors, paid)
            if not rows:
                break
            for row in rows:
                await slots.acquire()
                if self._stopping:
                    slots.release()
                    break  # the rows not started are handed back by stop()
                worker = asyncio.create_task(self._send(row, slots))
                for running in (self._workers, mine):
                    running.add(worker)
                    worker.add_done_callback(running.discard)
        if mine:
            await asyncio.gather(*list(mine), return_exceptions=True)

    async def _next_batch(self, cursors: dict[int, int], paid: bool | None = None) -> list[OutboxRow]:
        now = self._clock.now()
        until = now + timedelta(seconds=self.lease)
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            posts = await repo.posts.sending_ids(paid)
            # A few rounds of the lane's sends at a time: the rest stays free for the other senders.
            rounds = 4 * (self.paid_concurrency if paid else self.concurrency)
            share = max(20, min(self.batch_size, rounds) // max(1, len(posts)))
            per_post = []
            taken_over = 0
            for post_id in posts:
                claimed = await repo.outbox.claim(
                    now, post_id, cursors.get(post_id, 0), share, self.owner, until
                )
                taken_over += sum(row.taken_over for row in claimed)
                rows = [row for row in claimed if row.id not in self._held]
                if claimed:
                    cursors[post_id] = claimed[-1].id
                if rows:
                    self._held.update((row.id, row.post_id) for row in rows)
                    per_post.append(rows)
                    if post_id not in self._posts:
                        await self._load(repo, post_id)
            await session.commit()
        if taken_over and self._metrics is not None:
            self._metrics.lease_expired(taken_over)
        # Interleaved: one row of each post in turn.
        return [row for group in itertools.zip_longest(*per_post) for row in group if row is not None]

    async def _load(self, repo: Repositories, post_id: int) -> None:
        post = await repo.posts.get(post_id)
        if post is None:
            return
        scope = await repo.orgs.get(post.scope_code)
        names = {"kk": scope.name_kk, "ru": scope.name_ru} if scope else {}
        paid = post.paid_broadcast and self.paid_concurrency > 0
        self._posts[post_id] = _PostInfo(post, paid, names)
        self._progress.begin(post_id)

    def _rendered(self, row: OutboxRow) -> RenderedPost:
        info = self._posts[row.post_id]
        channel = row.chat_id < 0  # channels and groups: no acknowledgement button there
        key = (row.language, channel)
        if key not in info.rendered:
            info.rendered[key] = render_post(info.post, row.language, info.scope_names, with_ack=not channel)
        return info.rendered[key]

    async def _send(self, row: OutboxRow, slots: asyncio.Semaphore) -> None:
        try:
            outcome = await self._attempt(row)
            await self._recorder.record(outcome)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("outbox row %d: unexpected failure; it stays pending", row.id)
        finally:
            self._held.pop(row.id, None)
            slots.release()

    async def _attempt(self, row: OutboxRow) -> Outcome:
        assert self._out is not None
        rendered = self._rendered(row)
        paid = self._posts[row.post_id].paid
        chat_id, moved_from = row.chat_id, None
        # 429s and chat migrations are not the recipient's failure: they do not count as attempts.
        for _ in range(20):
            try:
                with send_priority(Priority.BROADCAST):
                    message_id = await deliver(
                        self._out, chat_id, rendered, self.request_timeout, paid_broadcast=paid
                    )
            except TelegramAPIError as exc:
                kind = classify(exc)
                if kind is SendError.RATE_LIMITED:
                    continue  # the limiter is paused now; acquire waits it out
                if kind is SendError.MOVED and isinstance(exc, TelegramMigrateToChat):
                    moved_from, chat_id = chat_id, exc.migrate_to_chat_id
                    continue
                if kind is SendError.RETRY:
                    return self._postpone(row, chat_id, moved_from, exc.message)
                # Blocked or gone: the row is 'blocked' and the recorder marks the user inactive.
                status = OutboxStatus.BLOCKED if kind.unreachable else OutboxStatus.FAILED
                return self._outcome(row, status, chat_id, moved_from, error=exc.message)
            else:
                return self._outcome(row, OutboxStatus.SENT, chat_id, moved_from, message_id=message_id)
        return self._postpone(row, chat_id, moved_from, "too many rate limits or migrations in a row")

    def _outcome(
        self,
        row: OutboxRow,
        status: OutboxStatus,
        chat_id: int,
        moved_from: int | None,
        *,
        message_id: int | None = None,
        error: str | None = None,
        retry_in: float | None = None,
    ) -> Outcome:
        return Outcome(
            id=row.id,
            status=status,
            attempts=row.attempts + 1,
            sent_at=self._clock.now() if status == OutboxStatus.SENT else None,
            message_id=message_id,
            error=error[:200] if error else None,
            chat_id=chat_id,
            moved_from=moved_from,
            next_attempt_at=self._clock.now() + timedelta(seconds=retry_in) if retry_in is not None else None,
        )

    def _postpone(self, row: OutboxRow, chat_id: int, moved_from: int | None, error: str) -> Outcome:
        attempts = row.attempts + 1
        if attempts >= self.max_attempts:
            return self._outcome(row, OutboxStatus.FAILED, chat_id, moved_from, error=error)
        delay = self.retry_base * 2 ** (attempts - 1)
        return self._outcome(row, OutboxStatus.PENDING, chat_id, moved_from, error=error, retry_in=delay)

    # Feedback to the author (bot/broadcast/progress.py) -------------------------------------

    async def _finish_posts(self) -> None:
        still_sending = await self._progress.finish_posts()
        self._forget_all_but(still_sending)

    def _forget_all_but(self, sending: set[int]) -> None:
        """Drops the posts no longer being sent, whoever finished them: memory holds only live posts. One
        whose rows this sender still holds stays until they are recorded (their sends read it)."""
        held = set(self._held.values())
        for post_id in [p for p in self._posts if p not in sending and p not in held]:
            del self._posts[post_id]
            self._progress.forget(post_id)

    async def _progress_loop(self) -> None:
        while True:
            await asyncio.sleep(self.progress_interval)
            try:
                await self._progress.show()
            except Exception:
                log.exception("could not report broadcast progress")


def in_flight_for(rate: float) -> int:
    """Sends a lane keeps in flight at `rate` messages/s: enough to hold the rate with some latency."""
    return max(8, min(200, int(rate / 8)))
