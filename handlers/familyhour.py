"""/familyhour: what «Отбасы сағаты» is and when the next one falls, in Kazakhstan time; then the parent's
own upcoming events with their answers, a card per event to answer or change it.

The month comes from the roadmap in force for the parent's region (the regions of the schools they follow;
without any, every region the catalogue holds, as /measures reads it): the months of its Family Hour measure
(content/familyhour.yaml names it per plan) that fall before the plan ends. Between two roadmaps no month is
named, as none is scheduled (the page gives the next one's start if it is imported ahead).

The list and the cards are the parent's own message, so unlike the shared announcement they are edited in
place to show the new answer.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.clock import Clock
from bot.content import Content
from bot.events.family_hour import months_of
from bot.flows.screen import redraw
from bot.measures import Catalogue
from bot.views import event_rsvp as rsvp_views
from bot.views import familyhour as v
from bot.views.familyhour import FamilyHourAction, FamilyHourCb, Schedule, familyhour_message
from bot.views.measures import plan_years
from bot.views.navigation import back_to_menu_keyboard
from db.models import User
from db.repositories import Repositories
from db.repositories.event_answers import Lineage, MyEvent
from domain.enums import Answer
from handlers.event_rsvp import Outcome, Refusal, give_answer, open_event, refusal_text, wake

if TYPE_CHECKING:
    from bot.events.notifier import EventNotifier

# More would not fit one message with their summaries, nor be read.
MAX_EVENTS = 10


async def _my_events(repo: Repositories, user_id: int, clock: Clock) -> list[MyEvent]:
    return await repo.event_answers.upcoming_for(user_id, rsvp_views.day_start(clock.now()), MAX_EVENTS)


def next_family_hour_month(today: date, months: Collection[int], ends: date) -> int | None:
    """The month of the next Family Hour: this month if it is one (the school may not have held it yet);
    None when the plan ends first."""
    for step in range(12):
        year, month = divmod(today.year * 12 + today.month - 1 + step, 12)
        if month + 1 in months and date(year, month + 1, 1) <= ends:
            return month + 1
    return None


def family_hour_schedule(
    catalogue: Catalogue, regions: Iterable[str], today: date, measures: Mapping[str, int]
) -> Schedule:
    """What the roadmaps in force on `today` in these regions (none given: in any region) say of Family Hour;
    `measures` names each plan's Family Hour measure."""
    chosen: list[str | None] = [*sorted(regions)] or [None]
    in_force = [p for r in chosen if (p := catalogue.current(today, r)) is not None]
    for plan in in_force:
        month = next_family_hour_month(today, months_of(plan, measures), plan.ends)
        if month is not None:
            return Schedule(in_force=True, next_month=month, years=plan_years(plan))
    if in_force:
        return Schedule(in_force=True)
    upcoming = [p for r in chosen for p in catalogue.upcoming(today, r)]
    return Schedule(in_force=False, next_starts=min((p.starts for p in upcoming), default=None))


async def regions_of(repo: Repositories, lineages: Iterable[Lineage]) -> set[str]:
    """The regions of the schools the parent follows (a lineage holds every code above its school)."""
    regions = {org.code for org in await repo.orgs.regions()}
    return {code for lineage in lineages for code in lineage.codes if code in regions}


async def familyhour_screens(
    repo: Repositories, user_id: int, content: Content, catalogue: Catalogue, clock: Clock, locale: str
) -> list[tuple[str, InlineKeyboardMarkup]]:
    """The Family Hour page, then the parent's events as a second message when there are any.

    The main menu's Family Hour screen shows the same, so /familyhour and the menu never differ.
    """
    today = clock.now().date()
    lineages = await repo.event_answers.lineages(user_id)
    regions = await regions_of(repo, lineages)
    schedule = family_hour_schedule(catalogue, regions, today, content.familyhour.measures)
    items = await _my_events(repo, user_id, clock)
    if not items:
        line = v.no_events_line(locale) if lineages else v.no_subscription_line(locale)
        # "No events yet" goes at the top, next to the month, where a parent looks first.
        return [(familyhour_message(content, schedule, locale, status=line), back_to_menu_keyboard(locale))]
    page = familyhour_message(content, schedule, locale)
    text, shown = v.my_events(items, locale)
    return [(page, back_to_menu_keyboard(locale)), (text, v.my_events_keyboard(shown, locale))]


async def show_familyhour(
    message: Message, locale: str, content: Content, catalogue: Catalogue, clock: Clock, repo: Repositories
) -> None:
    user_id = message.from_user.id if message.from_user else message.chat.id
    for text, markup in await familyhour_screens(repo, user_id, content, catalogue, clock, locale):
        await message.answer(text, reply_markup=markup)


async def _show(
    message: Message, repo: Repositories, user_id: int, clock: Clock, locale: str, event_id: int | None = None
) -> None:
    """The event's card in place of the list; the list when no event is asked for, or when it is not among
    the parent's events any more."""
    items = await _my_events(repo, user_id, clock)
    item = next((i for i in items if i.event.id == event_id), None)
    if item is not None:
        now = clock.now()
        await redraw(message, v.event_card(item, now, locale), v.event_card_keyboard(item, now, locale))
    elif items:
        text, shown = v.my_events(items, locale)
        await redraw(message, text, v.my_events_keyboard(shown, locale))
    else:
        await redraw(message, v.no_events_line(locale), InlineKeyboardMarkup(inline_keyboard=[]))


async def on_familyhour_button(
    query: CallbackQuery,
    callback_data: FamilyHourCb,
    repo: Repositories,
    clock: Clock,
    locale: str,
    db_user: User | None = None,
    event_notifier: EventNotifier | None = None,
) -> None:
    if not isinstance(query.message, Message) or db_user is None:
        await query.answer()
        return
    message, action, event_id = query.message, callback_data.action, callback_data.event_id
    if action in (FamilyHourAction.LIST, FamilyHourAction.OPEN):
        await query.answer()
        shown = event_id if action == FamilyHourAction.OPEN else None
        await _show(message, repo, db_user.id, clock, locale, shown)
        return
    now = clock.now()
    event = await open_event(repo, event_id, now)
    wanted = Answer.GOING if action == FamilyHourAction.GOING else Answer.NOT_GOING
    outcome: Outcome | Refusal = (
        event if isinstance(event, Refusal) else await give_answer(repo, event, db_user.id, wanted, now)
    )
    if isinstance(outcome, Refusal):
        await query.answer(await refusal_text(repo, event_id, outcome, locale), show_alert=True)
    else:
        await query.answer(rsvp_views.answer_toast(outcome.answer, outcome.changed, outcome.place, locale))
    # A changed answer, or a card gone stale (cancelled or started): draw the card as it is now.
    if (isinstance(outcome, Outcome) and outcome.changed) or outcome in (Refusal.GONE, Refusal.PAST):
        await _show(message, repo, db_user.id, clock, locale, event_id)
    if isinstance(outcome, Outcome):
        wake(event_notifier, outcome)


async def on_malformed(query: CallbackQuery, locale: str) -> None:
    await query.answer(rsvp_views.gone_text(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(show_familyhour, Command("familyhour"))
    router.callback_query.register(on_familyhour_button, FamilyHourCb.filter())
    router.callback_query.register(on_malformed, F.data.startswith("fh:"))
    return router
