"""The weekly digest: from Monday 09:00 Kazakhstan time, each staff member gets this week's due and overdue
measures of their scope, once. Only a plan in force is followed: once a plan has ended nothing in it is
due or overdue any more, so a region between two plans gets no digest until the next one starts.

Once means once across restarts and processes: the (user, ISO week) row is inserted with ON CONFLICT DO
NOTHING and committed before the message leaves, so whoever inserts it is the only sender. A crash between
the claim and the send loses that week's digest for that person rather than doubling it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import KZ, Clock
from bot.measures import Catalogue, Plan, measure_status, next_due
from bot.telegram_errors import classify
from bot.ticking import TickingService
from bot.views.digest import DigestItem, digest_text
from db.repositories import Repositories
from domain.enums import MeasureStatus
from domain.facts import UpdateFact

log = logging.getLogger(__name__)

SEND_FROM = time(9, 0)  # Monday, Kazakhstan time
DUE_WITHIN = timedelta(days=30)


def iso_week(moment: datetime) -> str:
    year, week, _day = moment.astimezone(KZ).isocalendar()
    return f"{year}-W{week:02d}"


def digest_due(moment: datetime) -> bool:
    """From Monday 09:00 to the end of the week: a bot that was down on Monday still sends on Tuesday."""
    local = moment.astimezone(KZ)
    return local.weekday() > 0 or local.time() >= SEND_FROM


@dataclass(frozen=True, slots=True)
class _Scope:
    plan: Plan
    codes: frozenset[str]


class DigestService(TickingService):
    name = "weekly-digest"

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], clock: Clock, i18n: I18n, catalogue: Catalogue
    ) -> None:
        super().__init__(clock, i18n)
        self._sessionmaker = sessionmaker
        self._catalogue = catalogue

    async def run_once(self, now: datetime) -> int:
        """Sends this week's digest to everyone who has not had it yet; returns how many were sent."""
        if not digest_due(now) or self._bot is None:
            return 0
        week = iso_week(now)
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            had = await repo.digests.already_had(week)
            people = [p for p in await repo.digests.recipients() if p.user_id not in had]
        sent = 0
        texts: dict[tuple[tuple[str, ...], str], str | None] = {}
        for person in people:
            locale = person.language if person.language in ("kk", "ru") else self._i18n.default_locale
            scopes = tuple(sorted({code for _role, code in person.scopes}))
            key = (scopes, locale)
            async with self._sessionmaker() as session:
                repo = Repositories(session)
                if key not in texts:
                    texts[key] = await self._text_for(repo, scopes, now.astimezone(KZ).date(), locale)
                if not await repo.digests.claim(person.user_id, week, now):
                    continue
                await session.commit()
                text = texts[key]
                if text is None:
                    continue
                try:
                    await self._bot.send_message(person.user_id, text)
                except TelegramAPIError as exc:
                    kind = classify(exc)
                    # The week stays claimed whatever the error (a timeout may have delivered it): no repeats.
                    log.info("weekly digest not delivered to %s (%s): %s", person.user_id, kind, exc.message)
                    if kind.unreachable:  # as the other senders do, so broadcasts skip them too
                        await repo.users.mark_unreachable([person.user_id])
                        await session.commit()
                    continue
                await repo.digests.mark_sent(person.user_id, week, self._clock.now())
                await session.commit()
                sent += 1
        return sent

    async def _scopes(self, repo: Repositories, scopes: tuple[str, ...], today: date) -> list[_Scope]:
        by_plan: dict[str, tuple[Plan, set[str]]] = {}
        for code in scopes:
            path = await repo.orgs.path(code)
            plan = self._catalogue.plan_for_region(path[0].code, today) if path else None
            if plan is None:
                continue
            by_plan.setdefault(plan.code, (plan, set()))[1].update(await repo.orgs.within([code]))
        return [_Scope(plan, frozenset(codes)) for plan, codes in by_plan.values()]

    async def _text_for(
        self, repo: Repositories, scopes: tuple[str, ...], today: date, locale: str
    ) -> str | None:
        overdue: list[DigestItem] = []
        due: list[DigestItem] = []
        plans = await self._scopes(repo, scopes, today)
        if not plans:
            return None  # no roadmap in force in this person's region: nothing to say
        for scope in plans:
            facts: dict[int, list[UpdateFact]] = {}
            for fact in await repo.measure_updates.facts_within(scope.plan.code, scope.codes):
                facts.setdefault(fact.measure_no, []).append(
                    UpdateFact(done_on=fact.done_on, status=fact.status)
                )
            for measure in scope.plan.measures:
                status = measure_status(measure, facts.get(measure.number, []), today, plan=scope.plan)
                if status is MeasureStatus.DONE:
                    continue
                upcoming = next_due(measure, scope.plan, today)
                if status is MeasureStatus.OVERDUE:
                    overdue.append(DigestItem(measure, None))
                elif upcoming is not None and upcoming - today <= DUE_WITHIN:
                    due.append(DigestItem(measure, upcoming))
        due.sort(key=lambda item: (item.due, item.measure.number))
        return digest_text(overdue, due, locale)
