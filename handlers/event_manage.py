"""`/event list`: the organiser's events with live answers; change time or place, cancel, record attendance
and report it to the roadmap measure of the event's kind (55, 32 or 40) once.

Every id that comes back in a button is checked again: the event must be the presser's own or within their
scope. Changes notify everyone who answered through event_notices, written in the same transaction. A
cancellation stops the announcement too if it has not gone out; if that waited for approval, its approvers'
cards are told at once (bot/flows/approval_card.py).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import datetime

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.access import Access
from bot.clock import KZ, Clock
from bot.content import Content
from bot.events import MEASURE_OF_KIND
from bot.events.family_hour import family_hour_allowed, family_hour_months, regions_of
from bot.events.notifier import EventNotifier, notice_due
from bot.flows.approval_card import tell_author, tell_cards
from bot.flows.moments import MomentError, Problem, parse_moment
from bot.flows.wizard import A_COMMAND, Step, StepOf
from bot.measures import Catalogue
from bot.settings import Settings
from bot.views import event_manage as v
from bot.views.event_create import moved_out_of_family_hour_months
from bot.views.event_manage import EventManageCb, ManageAct
from bot.views.moments import too_far_text
from bot.views.post_flow import author_event_over, event_over
from bot.views.post_names import post_label
from bot.views.typed_dates import moment_example, no_such_moment_text
from db.models import Event, Post
from db.repositories import Repositories
from db.repositories.measure_updates import NewUpdate
from domain.enums import EventKind, EventStatus, UpdateStatus
from handlers.access import refuse_forged

FLOW = "event"  # the typed answers' steps (their refusals would be audited as event.forged)
TAG = re.compile(r"<[^>]+>")
NUMBER = re.compile(r"^\s*(\d[\d\s]{0,6})\s*$")

# What one event adds to its measure: a meeting (55) or an event (32) held, and the people who came.
FIGURES: dict[int, tuple[str, ...]] = {55: ("meetings",), 32: ("events",), 40: ()}


class EventChangeAuthoring(StatesGroup):
    time = State()
    place = State()
    attendance = State()


# What changes a scheduled event; none of it once the event has begun.
CHANGES = (ManageAct.TIME, ManageAct.PLACE, ManageAct.CANCEL_ASK, ManageAct.CANCEL)


def _may_manage(event: Event | None, access: Access) -> bool:
    return event is not None and (event.organiser_id == access.user_id or access.covers(event.scope_code))


async def _event_of(
    query: CallbackQuery, event_id: int, repo: Repositories, clock: Clock, access: Access, locale: str
) -> Event | None:
    """The event if the presser may manage it; otherwise answered and audited."""
    event = await repo.events.get(event_id)
    if not _may_manage(event, access):
        await refuse_forged(query, repo, clock, "event.forged", v.not_yours(locale))
        return None
    return event


async def _list_view(
    repo: Repositories, access: Access, now: datetime, locale: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    if access.is_admin:
        codes = None
    elif access.is_coordinator:
        codes = access.codes or frozenset()
    else:
        codes = frozenset()  # school staff: their own events
    items = await repo.event_changes.managed_by(access.user_id, codes, now)
    # One message with a button per event: a card per message would take a second each to arrive.
    return v.list_text(items, locale), v.list_keyboard(items, locale)


async def list_events(
    message: Message, repo: Repositories, clock: Clock, access: Access, locale: str
) -> None:
    text, markup = await _list_view(repo, access, clock.now(), locale)
    await message.answer(text, reply_markup=markup)


def _buttons(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, str | None]]]:
    rows = markup.inline_keyboard if markup is not None else []
    return [[(b.text, b.callback_data) for b in row] for row in rows]


async def _edit(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> bool:
    """False if Telegram found nothing to change (a double press: the first already drew it)."""
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "not modified" not in exc.message:
            raise
        return False
    return True


async def _show_card(message: Message, event: Event, repo: Repositories, now: datetime, locale: str) -> bool:
    """Edits the card to the event as it is now; False if nothing had changed."""
    counts = (await repo.event_changes.counts([event.id]))[event.id]
    text, markup = v.card_text(event, counts, now, locale), v.card_keyboard(event, now, locale)
    # Telegram refuses an edit that changes nothing; the card comes back as plain text.
    same_text = message.text == html.unescape(TAG.sub("", text))
    if same_text and _buttons(message.reply_markup) == _buttons(markup):
        return False
    return await _edit(message, text, markup)


async def _tell_announcements(
    bot: Bot, repo: Repositories, post_ids: list[int], cancelled_by: int, settings: Settings
) -> None:
    """An announcement that waited for approval: its approvers' cards say it will not be sent, at once (one
    that only waited for its time has no card on record), and its author, if someone else called the event
    off, is told which of their posts it was."""
    for post_id in post_ids:
        told = await tell_cards(bot, repo, post_id, event_over)
        post = await repo.drafts.get(post_id)
        if told and post is not None and post.author_id != cancelled_by:
            await tell_author(bot, repo, post.author_id, _event_over_of(post), settings.default_locale)


def _event_over_of(post: Post) -> Callable[[str], str]:
    return lambda locale: author_event_over(post_label(post, locale), locale)


async def on_button(
    query: CallbackQuery,
    callback_data: EventManageCb,
    state: FSMContext,
    repo: Repositories,
    clock: Clock,
    access: Access,
    catalogue: Catalogue,
    event_notifier: EventNotifier,
    bot: Bot,
    settings: Settings,
    locale: str,
) -> None:
    message = query.message if isinstance(query.message, Message) else None
    if callback_data.act is ManageAct.LIST and message is not None:
        # The list names no event; one that does must be the presser's, or the press is forged.
        if (
            callback_data.event_id
            and await _event_of(query, callback_data.event_id, repo, clock, access, locale) is None
        ):
            return
        text, markup = await _list_view(repo, access, clock.now(), locale)
        await query.answer()
        await _edit(message, text, markup)
        return
    event = await _event_of(query, callback_data.event_id, repo, clock, access, locale)
    if event is None or message is None:
        return
    now = clock.now()
    act = callback_data.act
    if act is ManageAct.OPEN:
        await query.answer()
        await _show_card(message, event, repo, now, locale)
        return
    if act is ManageAct.REFRESH:
        changed = await _show_card(message, event, repo, now, locale)
        await query.answer(None if changed else v.up_to_date(locale))
        return
    if act is ManageAct.REPORT:
        await _report(query, message, event, repo, clock, catalogue, locale)
        return
    if event.status != EventStatus.SCHEDULED:
        await query.answer(v.is_cancelled(locale), show_alert=True)
        return
    if act in CHANGES and event.starts_at <= now:
        await query.answer(v.already_started(locale), show_alert=True)
        return
    if act is ManageAct.ATTENDANCE and event.starts_at > now:
        await query.answer(v.not_started(locale), show_alert=True)
        return
    if act is ManageAct.CANCEL_ASK:
        counts = (await repo.event_changes.counts([event.id]))[event.id]
        await query.answer()
        await message.edit_text(
            v.confirm_cancel_text(event, counts, locale),
            reply_markup=v.confirm_cancel_keyboard(event.id, locale),
        )
        return
    if act is ManageAct.CANCEL:
        cancelled = await repo.event_changes.cancel(event.id, now, notice_due(now, event.starts_at))
        if cancelled is None:
            await query.answer(v.is_cancelled(locale), show_alert=True)
            return
        await repo.audit.record(query.from_user.id, "event.cancelled", now, detail=str(event.id))
        await query.answer()
        refreshed = await repo.events.get(event.id)
        if refreshed is not None:
            await _show_card(message, refreshed, repo, now, locale)
        await message.answer(v.cancelled_saved(cancelled.told, locale))
        event_notifier.wake()
        await _tell_announcements(bot, repo, cancelled.announcements, query.from_user.id, settings)
        return
    steps = {
        ManageAct.TIME: (EventChangeAuthoring.time, v.ask_time),
        ManageAct.PLACE: (EventChangeAuthoring.place, v.ask_place),
        ManageAct.ATTENDANCE: (EventChangeAuthoring.attendance, v.ask_attendance),
    }
    if act not in steps:
        await query.answer()
        return
    step, ask = steps[act]
    await state.clear()
    await state.update_data(event_id=event.id)
    await state.set_state(step)
    await query.answer()
    await message.answer(ask(event, locale))


async def _typed_event(step: Step, *, unstarted: bool = False) -> Event | None:
    """The event the typed answer is for, if it may still be changed (`unstarted`: and has not begun);
    otherwise the flow ends politely."""
    event = await step.repo.events.get(int((await step.state.get_data()).get("event_id", 0)))
    if event is None or not _may_manage(event, step.access):
        refusal = v.not_yours
    elif event.status != EventStatus.SCHEDULED:
        refusal = v.is_cancelled
    elif unstarted and event.starts_at <= step.clock.now():
        refusal = v.already_started
    else:
        return event
    await step.state.clear()
    await step.message.answer(refusal(step.locale))
    return None


async def cancel(message: Message, state: FSMContext, locale: str) -> None:
    await state.clear()
    await message.answer(v.nothing_changed(locale))


async def got_time(
    message: Message, step: Step, event_notifier: EventNotifier, content: Content, catalogue: Catalogue
) -> None:
    now = step.clock.now()
    try:
        when = parse_moment(message.text or "", now)
    except MomentError as error:
        if error.problem is Problem.TOO_FAR:
            await message.answer(too_far_text(now, step.locale))
            return
        if error.detail is not None:  # 31.02, 24:00: no such day or time, told why
            await message.answer(no_such_moment_text(error.detail, now, step.locale))
            return
        await message.answer(v.time_refused(error.problem is Problem.PAST, moment_example(now), step.locale))
        return
    event = await _typed_event(step, unstarted=True)
    if event is None:
        return
    if when == event.starts_at:
        await message.answer(v.same_time(step.locale))
        return
    if event.kind == EventKind.FAMILY_HOUR:  # the rule /event applies to a new one, asked of the new date
        regions, day = await regions_of(step.repo, [event.scope_code]), when.astimezone(KZ)
        measures, today = content.familyhour.measures, now.astimezone(KZ).date()
        family_hour = family_hour_months(catalogue, regions, day.date(), measures, today)
        if family_hour is not None and not family_hour_allowed(family_hour, day.month):
            await message.answer(moved_out_of_family_hour_months(when, family_hour, step.locale))
            return
    old = event.starts_at
    told = await step.repo.event_changes.reschedule(
        event.id, when, None, now, notice_due(now, min(old, when))
    )
    detail = f"{event.id}: {old.astimezone(KZ):%d.%m.%Y %H:%M} -> {when:%d.%m.%Y %H:%M}"
    await _after_change(step, event.id, told, "event.rescheduled", detail, event_notifier)


async def got_place(message: Message, step: Step, event_notifier: EventNotifier) -> None:
    place = (message.text or "").strip()
    if not place or place.startswith("/") or len(place) > v.PLACE_MAX:
        await message.answer(v.place_expected(step.locale))
        return
    event = await _typed_event(step, unstarted=True)
    if event is None:
        return
    now = step.clock.now()
    told = await step.repo.event_changes.reschedule(
        event.id, None, place, now, notice_due(now, event.starts_at)
    )
    await _after_change(step, event.id, told, "event.moved", str(event.id), event_notifier)


async def _after_change(
    step: Step, event_id: int, told: int | None, action: str, detail: str, notifier: EventNotifier
) -> None:
    """A new time or place is saved (`told`: how many who answered are told; None: cancelled meanwhile)."""
    await step.state.clear()
    now, locale = step.clock.now(), step.locale
    if told is None:
        await step.message.answer(v.is_cancelled(locale))
        return
    await step.repo.audit.record(step.access.user_id, action, now, detail=detail)
    await step.message.answer(v.changed_saved(told, locale))
    event = await step.repo.events.get(event_id)
    if event is not None:
        counts = (await step.repo.event_changes.counts([event_id]))[event_id]
        await step.message.answer(
            v.card_text(event, counts, now, locale), reply_markup=v.card_keyboard(event, now, locale)
        )
    notifier.wake()


async def got_attendance(message: Message, step: Step) -> None:
    match = NUMBER.match(message.text or "")
    count = int(re.sub(r"\s", "", match.group(1))) if match else -1
    if not 0 <= count <= v.ATTENDANCE_MAX:
        await message.answer(v.attendance_expected(step.locale))
        return
    event = await _typed_event(step)
    if event is None:
        return
    await step.state.clear()
    if not await step.repo.event_changes.record_attendance(event.id, count):
        await message.answer(v.already_reported(step.locale))
        return
    await step.repo.audit.record(
        step.access.user_id, "event.attendance", step.clock.now(), detail=f"{event.id}: {count}"
    )
    await message.answer(
        v.attendance_saved(event, count, step.locale), reply_markup=v.report_keyboard(event, step.locale)
    )


async def _report(
    query: CallbackQuery,
    message: Message,
    event: Event,
    repo: Repositories,
    clock: Clock,
    catalogue: Catalogue,
    locale: str,
) -> None:
    if event.measure_update_id is not None:
        await query.answer(v.already_reported(locale), show_alert=True)
        return
    if event.status != EventStatus.SCHEDULED:
        await query.answer(v.is_cancelled(locale), show_alert=True)
        return
    if event.attended is None:
        await query.answer(v.attendance_first(locale), show_alert=True)
        return
    number = MEASURE_OF_KIND.get(EventKind(event.kind), MEASURE_OF_KIND[EventKind.SEMINAR])
    path = await repo.orgs.path(event.scope_code)
    # The plan in force on the event's day: measure numbers belong to a plan.
    plan = catalogue.plan_for_region(path[0].code, event.starts_at.astimezone(KZ).date()) if path else None
    measure = plan.measure(number) if plan is not None else None
    if plan is None or measure is None:
        await query.answer(v.no_measure(locale), show_alert=True)
        return
    figures = {key: 1 for key in FIGURES.get(number, ())}
    figures["participants"] = event.attended
    if measure.figures:
        figures = {key: n for key, n in figures.items() if key in measure.figures}
    text_kk, text_ru = v.update_texts(event, event.attended)
    now = clock.now()
    update_id = await repo.measure_updates.add(
        NewUpdate(
            plan=plan.code,
            measure_no=number,
            org_code=event.scope_code,
            author_id=query.from_user.id,
            text_kk=text_kk,
            text_ru=text_ru,
            done_on=event.starts_at.astimezone(KZ).date(),
            status=UpdateStatus.DONE,
            public=False,
            figures=figures,
        ),
        now,
    )
    # Whoever attaches first reports; a second press (or a race) writes nothing.
    if not await repo.event_changes.attach_measure_update(event.id, update_id):
        await repo.event_changes.discard_measure_update(update_id)
        await query.answer(v.already_reported(locale), show_alert=True)
        return
    await repo.audit.record(query.from_user.id, "event.reported", now, detail=f"{event.id} -> #{update_id}")
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    await message.answer(v.reported(event, update_id, locale))


def build_router() -> Router:
    router = Router(name=__name__)
    # Only `/event list`: a plain /event belongs to the creation flow registered after this one.
    router.message.register(list_events, Command("event", magic=F.args.lower() == "list"))
    router.message.register(cancel, Command("cancel"), StateFilter(EventChangeAuthoring))
    # A command is no new time, place or count: it goes to its own handler and the step still waits.
    typed = (~A_COMMAND, StepOf(FLOW))
    router.message.register(got_time, StateFilter(EventChangeAuthoring.time), *typed)
    router.message.register(got_place, StateFilter(EventChangeAuthoring.place), *typed)
    router.message.register(got_attendance, StateFilter(EventChangeAuthoring.attendance), *typed)
    router.callback_query.register(on_button, EventManageCb.filter())
    return router
