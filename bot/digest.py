"""The weekly digest: from Monday 09:00 Kazakhstan time, each staff member gets this week's due and overdue
measures of their scope, once. Only a plan in force is followed: once a plan has ended nothing in it is
due or overdue any more, so a region between two plans gets no digest until the next one starts.

Who: whoever held a staff role at Monday 09:00. A role granted later in the week waits for the next Monday
(a new colleague is not greeted on a Sunday morning with a digest). A bot that was down on Monday still
sends to them on Tuesday.

Never in the middle of a guided flow: someone with an FSM state (a half-written /post) is left alone, and
gets the digest at the first look after the flow ends.

Once means once across restarts and processes: the (user, ISO week) row is inserted with ON CONFLICT DO
NOTHING and committed before the message leaves, so whoever inserts it is the only sender. A 5xx or a
timeout puts a retry time on the row (bot/telegram_errors.py decides which errors those are), and a later
look takes the row back by a conditional update, so again only one sender; the retries end with the week.
A crash between the claim and the send loses that week's digest for that person rather than doubling it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.storage.base import BaseStorage, StorageKey
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import KZ, Clock
from bot.i18n import stored_locale
from bot.measures import Catalogue, Plan, measure_status, next_due
from bot.telegram_errors import SendError, classify
from bot.ticking import TickingService
from bot.views.digest import DigestItem, digest_keyboard, digest_text
from db.repositories import Repositories
from domain.enums import MeasureStatus

log = logging.getLogger(__name__)

SEND_FROM = time(9, 0)  # Monday, Kazakhstan time
DUE_WITHIN = timedelta(days=30)
RETRY_FIRST = timedelta(minutes=10)  # then 20, 40, 80 minutes...
RETRIES = 6


def iso_week(moment: datetime) -> str:
    year, week, _day = moment.astimezone(KZ).isocalendar()
    return f"{year}-W{week:02d}"


def week_opens(moment: datetime) -> datetime:
    """Monday 09:00 Kazakhstan time of the moment's ISO week."""
    local = moment.astimezone(KZ)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday, SEND_FROM, tzinfo=KZ)


def week_ends(moment: datetime) -> datetime:
    return datetime.combine(week_opens(moment).date() + timedelta(days=7), time(0, 0), tzinfo=KZ)


def digest_due(moment: datetime) -> bool:
    """From Monday 09:00 to the end of the week: a bot that was down on Monday still sends on Tuesday."""
    return moment >= week_opens(moment)


def retry_at(now: datetime, attempts: int) -> datetime | None:
    """When to try again after `attempts` failed tries; None when it is over (too many, or the week ended)."""
    if attempts >= RETRIES:
        return None
    at = now + RETRY_FIRST * 2 ** (attempts - 1)
    return at if at < week_ends(now) else None


@dataclass(frozen=True, slots=True)
class Findings:
    overdue: list[DigestItem]
    due: list[DigestItem]


async def _scopes(
    repo: Repositories, catalogue: Catalogue, scopes: tuple[str, ...], today: date
) -> list[tuple[Plan, set[str]]]:
    """Each plan in force under these scopes, with every organisation code it covers there."""
    by_plan: dict[str, tuple[Plan, set[str]]] = {}
    for code in scopes:
        path = await repo.orgs.path(code)
        plan = catalogue.plan_for_region(path[0].code, today) if path else None
        if plan is None:
            continue
        by_plan.setdefault(plan.code, (plan, set()))[1].update(await repo.orgs.within([code]))
    return list(by_plan.values())


async def findings(
    repo: Repositories, catalogue: Catalogue, scopes: tuple[str, ...], today: date
) -> Findings | None:
    """What is overdue and what falls due within 30 days under these scopes; None without a plan in force."""
    overdue: list[DigestItem] = []
    due: list[DigestItem] = []
    plans = await _scopes(repo, catalogue, scopes, today)
    if not plans:
        return None  # no roadmap in force in this person's region: nothing to say
    for plan, codes in plans:
        facts = await repo.measure_updates.facts_within(plan.code, codes)
        for measure in plan.measures:
            status = measure_status(measure, facts.get(measure.number, []), today, plan=plan)
            if status is MeasureStatus.DONE:
                continue
            upcoming = next_due(measure, plan, today)
            if status is MeasureStatus.OVERDUE:
                overdue.append(DigestItem(measure, None))
            elif upcoming is not None and upcoming - today <= DUE_WITHIN:
                due.append(DigestItem(measure, upcoming))
    due.sort(key=lambda item: (item.due or today, item.measure.number))
    return Findings(overdue, due)


class DigestService(TickingService):
    name = "weekly-digest"

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        clock: Clock,
        i18n: I18n,
        catalogue: Catalogue,
        storage: BaseStorage | None = None,
    ) -> None:
        super().__init__(clock, i18n)
        self._sessionmaker = sessionmaker
        self._catalogue = catalogue
        self._storage = storage

    async def _in_a_flow(self, user_id: int) -> bool:
        """Whether the person is half-way through a guided flow (in the Dispatcher's FSM storage)."""
        if self._storage is None or self._bot is None:
            return False
        key = StorageKey(bot_id=self._bot.id, chat_id=user_id, user_id=user_id)
        return await self._storage.get_state(key) is not None

    async def run_once(self, now: datetime) -> int:
        """Sends this week's digest to everyone who has not had it yet, and the retries that are due;
        returns how many were sent."""
        if not digest_due(now) or self._bot is None:
            return 0
        with self._i18n.context():  # also when called directly, not from the service's own task
            return await self._send_due(now)

    async def _send_due(self, now: datetime) -> int:
        assert self._bot is not None
        week = iso_week(now)
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            had = await repo.digests.already_had(week)
            people = [p for p in await repo.digests.recipients(week_opens(now)) if p.user_id not in had]
            retries = await repo.digests.due_retries(week, now)
        sent = 0
        texts: dict[tuple[tuple[str, ...], str], Findings | None] = {}
        for person in people + [r.recipient for r in retries]:
            retry = next((r for r in retries if r.recipient is person), None)
            if await self._in_a_flow(person.user_id):
                continue  # the next look after the flow ends sends it
            locale = stored_locale(person.speaks, self._i18n.default_locale)
            scopes = tuple(sorted({code for _role, code in person.scopes}))
            async with self._sessionmaker() as session:
                repo = Repositories(session)
                if (scopes, locale) not in texts:
                    texts[(scopes, locale)] = await findings(
                        repo, self._catalogue, scopes, now.astimezone(KZ).date()
                    )
                if retry is None:
                    taken = await repo.digests.claim(person.user_id, week, now)
                else:
                    taken = await repo.digests.take_retry(person.user_id, week, retry.retry_at)
                if not taken:
                    continue
                await session.commit()
                found = texts[(scopes, locale)]
                if found is None:
                    continue
                try:
                    await self._bot.send_message(
                        person.user_id,
                        digest_text(found.overdue, found.due, locale),
                        reply_markup=digest_keyboard(found.overdue, found.due, locale),
                    )
                except TelegramAPIError as exc:
                    kind = classify(exc)
                    log.info("weekly digest not delivered to %s (%s): %s", person.user_id, kind, exc.message)
                    if kind.unreachable:  # as the other senders do, so broadcasts skip them too
                        await repo.users.mark_unreachable([person.user_id])
                    elif kind in (SendError.RETRY, SendError.RATE_LIMITED):
                        attempts = (retry.attempts if retry else 0) + 1
                        await repo.digests.retry_later(
                            person.user_id, week, attempts, retry_at(now, attempts)
                        )
                    await session.commit()
                    continue
                await repo.digests.mark_sent(person.user_id, week, self._clock.now())
                await session.commit()
                sent += 1
        return sent
