"""Sends event reminders and change notices from event_notices, each at most once.

Every tick: (1) for scheduled events whose reminder moment has come, one remind_3d / remind_2h row per
parent who had said they would come before that moment (INSERT ... SELECT ... ON CONFLICT DO NOTHING, keyed
by the event's start, so a new time brings new reminders and a restart none); (2) due pending rows are
claimed and committed, then sent in the person's language, then marked sent, blocked or failed. A claim is a
lease (`lease`): rows a stopped process claimed but never recorded are claimed again once it runs out, so a
restart sends what was not sent (only a message in flight at the very moment of the crash can go twice).

Quiet hours (22:00-08:00 Kazakhstan time): a reminder that falls in them goes at 08:00 if that is still an
hour before the event, otherwise at 21:00 the evening before.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, time, timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.i18n import stored_locale
from bot.outgoing import Priority, send_priority
from bot.quiet_hours import end_of_quiet_hours, in_quiet_hours
from bot.telegram_errors import SendError, classify
from bot.ticking import TickingService
from bot.views.event_buttons import rsvp_keyboard
from bot.views.event_notices import notice_text
from db.repositories import Repositories
from db.repositories.event_notices import LEASE, DueNotice
from domain.enums import REMINDERS, Answer, EventStatus, NoticeKind, NoticeStatus

log = logging.getLogger(__name__)

BEFORE: dict[str, timedelta] = {
    NoticeKind.REMIND_3D: timedelta(days=3),
    NoticeKind.REMIND_2H: timedelta(hours=2),
}
MAX_ATTEMPTS = 5  # 5xx or timeouts in a row before a notice is given up as failed
RETRY_BACKOFF = timedelta(seconds=30)  # then 60 s, 120 s, ...
MORNING_MARGIN = timedelta(hours=1)  # a reminder moved to 08:00 must still come this long before the start
EVENING = time(21, 0)


def reminder_ref(starts_at: datetime) -> str:
    """What a reminder is about: the start it reminds of, ISO in UTC (e.g. 2026-12-05T12:00:00Z)."""
    return starts_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def reminder_due(starts_at: datetime, kind: str) -> datetime:
    """When a reminder goes: 3 days or 2 hours before, moved out of the parents' quiet hours."""
    moment = starts_at - BEFORE[kind]
    if not in_quiet_hours(moment):
        return moment
    morning = end_of_quiet_hours(moment)
    if morning <= starts_at - MORNING_MARGIN:
        return morning
    # The quiet night this moment falls in began the evening before that morning.
    return (morning - timedelta(days=1)).replace(hour=EVENING.hour, minute=EVENING.minute)


def notice_due(now: datetime, starts_at: datetime) -> datetime:
    """A change or cancellation goes at once, or at 08:00 when it is night and the event can wait."""
    if not in_quiet_hours(now):
        return now
    morning = end_of_quiet_hours(now)
    return morning if morning <= starts_at - MORNING_MARGIN else now


def reminder_window_closes(starts_at: datetime, kind: str) -> datetime:
    """After this a reminder is not sent late any more: the next one (or the event itself) has come."""
    return reminder_due(starts_at, NoticeKind.REMIND_2H) if kind == NoticeKind.REMIND_3D else starts_at


class EventNotifier(TickingService):
    name = "event-notifier"
    batch_size = 200
    lease = LEASE
    horizon = BEFORE[NoticeKind.REMIND_3D] + timedelta(hours=12)

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], clock: Clock, i18n: I18n, bot: Bot | None = None
    ) -> None:
        super().__init__(clock, i18n, bot)
        self._sessionmaker = sessionmaker
        # Reminders this process has already written: saves asking the database again each tick.
        self._enqueued: set[tuple[int, str, str]] = set()

    async def run_once(self, now: datetime) -> int:
        """Writes the reminders that have come due and sends every due notice; returns how many were sent."""
        await self.enqueue_reminders(now)
        sent = 0
        # Also when called from outside the service's own task (tests, a one-off run): gettext needs it.
        with self._i18n.context():
            while True:
                batch, progressed = await self._claim(now)
                for notice in batch:
                    sent += await self._send(notice)
                if not progressed:
                    return sent

    async def enqueue_reminders(self, now: datetime) -> int:
        if in_quiet_hours(now):
            return 0  # whatever is due now goes at 08:00 (or not at all if the event has begun)
        written = 0
        live: set[tuple[int, str, str]] = set()
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            for event in await repo.event_notices.upcoming(now, self.horizon):
                ref = reminder_ref(event.starts_at)
                for kind in REMINDERS:
                    key = (event.event_id, kind, ref)
                    live.add(key)
                    due = reminder_due(event.starts_at, kind)
                    if key in self._enqueued or due > now:
                        continue
                    if now >= reminder_window_closes(event.starts_at, kind):
                        continue
                    # A change after this moment already told everyone the new details.
                    if event.changed_at is not None and event.changed_at >= due:
                        continue
                    written += await repo.event_notices.enqueue_reminder(event.event_id, kind, ref, due)
                    self._enqueued.add(key)
            await session.commit()
        self._enqueued &= live  # forget events that have begun, moved or been cancelled
        return written

    def _applies(self, notice: DueNotice, now: datetime) -> bool | None:
        """True: send it. False: it no longer applies (drop it). None: not now (quiet hours)."""
        event = notice.event
        if notice.kind == NoticeKind.CANCELLED:
            return True
        if event.status != EventStatus.SCHEDULED:
            return False  # the cancellation notice says all there is to say
        if notice.kind in REMINDERS or notice.kind == NoticeKind.PROMOTED:
            if event.starts_at <= now or notice.answer != Answer.GOING:
                return False
            if notice.kind in REMINDERS and notice.ref != reminder_ref(event.starts_at):
                return False
            if notice.kind in REMINDERS and in_quiet_hours(now):
                return None
        return True

    async def _claim(self, now: datetime) -> tuple[list[DueNotice], bool]:
        """The notices this caller now owns, and whether anything changed (so there may be more)."""
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            due = await repo.event_notices.due(now, self.batch_size, self.lease)
            verdicts = {n.id: self._applies(n, now) for n in due}
            stale = [i for i, verdict in verdicts.items() if verdict is False]
            await repo.event_notices.drop(stale, now, self.lease)
            wanted = [n for n in due if verdicts[n.id]]
            claimed = await repo.event_notices.claim((n.id for n in wanted), now, self.lease)
            # Committed before anything is sent: for the lease nobody else sends these rows.
            await session.commit()
        return [n for n in wanted if n.id in claimed], bool(stale or claimed)

    async def _send(self, notice: DueNotice) -> int:
        assert self._bot is not None
        locale = stored_locale(notice.speaks, self._i18n.default_locale)
        if not notice.active:
            await self._record(notice, NoticeStatus.BLOCKED)
            return 0
        now = self._clock.now()
        text = notice_text(notice.event, notice.kind, notice.ref, now, locale)
        # The parent's own answer ticked, as on their /familyhour card.
        markup = (
            None
            if notice.kind == NoticeKind.CANCELLED
            else rsvp_keyboard(notice.event.id, locale, notice.answer)
        )
        try:
            with send_priority(Priority.BROADCAST):
                await self._bot.send_message(notice.user_id, text, reply_markup=markup)
        except TelegramAPIError as exc:
            await self._failed(notice, classify(exc), exc)
            return 0
        await self._record(notice, NoticeStatus.SENT)
        return 1

    async def _failed(self, notice: DueNotice, kind: SendError, exc: TelegramAPIError) -> None:
        if kind is SendError.RATE_LIMITED:
            # The shared limiter is paused for retry_after now; the row waits for the next look.
            async with self._sessionmaker() as session:
                await Repositories(session).event_notices.release(notice.id)
                await session.commit()
            return
        if kind.unreachable:
            await self._record(notice, NoticeStatus.BLOCKED, unreachable=True)
            return
        if kind is SendError.RETRY:
            log.info("event notice %d not delivered (attempt %d): %s", notice.id, notice.attempts + 1, exc)
        # Any other error fails at once (and a private chat is never migrated); a retry, after MAX_ATTEMPTS.
        if kind is not SendError.RETRY or notice.attempts + 1 >= MAX_ATTEMPTS:
            await self._record(notice, NoticeStatus.FAILED)
            return
        # As the broadcast sender does: try again later, backing off; a reminder whose event has begun
        # meanwhile is dropped at its next look (`_applies`).
        retry_at = self._clock.now() + RETRY_BACKOFF * 2**notice.attempts
        async with self._sessionmaker() as session:
            await Repositories(session).event_notices.retry_later(notice.id, retry_at)
            await session.commit()

    async def _record(self, notice: DueNotice, status: NoticeStatus, *, unreachable: bool = False) -> None:
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            await repo.event_notices.record(notice.id, status, self._clock.now())
            if unreachable:  # blocked the bot, or the account is gone: like the broadcast sender does
                await repo.users.mark_unreachable([notice.user_id])
            await session.commit()


__all__ = [
    "EventNotifier",
    "notice_due",
    "reminder_due",
    "reminder_ref",
]
