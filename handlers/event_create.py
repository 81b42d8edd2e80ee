"""/event: a guided conversation that announces a Family Hour, a parent seminar or a parent-club meeting.

Topic in Kazakh and in Russian, date and time (Kazakhstan time), the kind when the month does not make it a
Family Hour, place or online link, who is invited, the number of places; then the preview parents will get
and Confirm. The event and its announcement post are created together; the announcement goes through the
outbox like any post (quiet hours, approval of area-wide announcements) and carries the RSVP buttons.
`/event list` belongs to handlers/event_manage.py, registered before this router.
"""

from __future__ import annotations

import dataclasses
import re
import secrets
from datetime import datetime, timedelta
from typing import Any

from aiogram import Bot, Router
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.access import Access
from bot.broadcast import BroadcastSender
from bot.broadcast.transport import deliver
from bot.clock import KZ, Clock
from bot.events import DEFAULT_DURATION_MIN, FAMILY_HOUR_MONTHS, EventKind, EventStatus
from bot.flows.grades import grade_name, grades_of
from bot.flows.publish import ask_approvers
from bot.quiet_hours import Urgency, effective_send_at
from bot.settings import Settings
from bot.views import event_create as v
from bot.views import post_flow
from bot.views.event_announcement import announcement_text
from bot.views.event_buttons import rsvp_keyboard
from bot.views.event_create import Act
from bot.views.orgs import org_name
from bot.views.paging import paginate
from bot.views.posts import LANGUAGES, render_post
from db.models import Event, Organisation, Post
from db.repositories import Repositories
from db.repositories.events import Announcement, NewEvent
from db.repositories.orgs import AREA_KINDS
from handlers.access import refuse_forged

# 05.12.2026 18:00; the year may be left out, and a dot may stand for the colon.
WHEN = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})(?:[./](\d{4}))?[\s,]+(\d{1,2})[:.](\d{2})\s*$")
MAX_AHEAD = timedelta(days=366)


class EventAuthoring(StatesGroup):
    topic_kk = State()
    topic_ru = State()
    when = State()
    kind = State()
    place = State()
    organisation = State()
    grades = State()
    capacity = State()
    preview = State()


class EventDraftCb(CallbackData, prefix="evn"):
    act: Act
    value: str = ""


COMMANDS = ("event",)
CALLBACKS = (EventDraftCb,)


def _not_a_list_request(message: Message) -> bool:
    words = (message.text or "").split()
    return len(words) < 2 or words[1].lower() != "list"


def _plain(message: Message) -> str | None:
    """The typed text on one line, or None for media or a command."""
    if message.text is None or message.text.startswith("/"):
        return None
    return " ".join(message.text.split())


def parse_when(text: str, now: datetime) -> datetime | None:
    """DD.MM.YYYY HH:MM in Kazakhstan time; without a year, the next such date from now."""
    match = WHEN.match(text)
    if match is None:
        return None
    day, month, year, hour, minute = (int(g) if g else None for g in match.groups())
    try:
        moment = datetime(year or now.year, month, day, hour, minute, tzinfo=KZ)  # type: ignore[arg-type]
        if year is None and moment <= now:
            moment = moment.replace(year=now.year + 1)
    except ValueError:
        return None
    return moment


async def _tops(access: Access, repo: Repositories) -> list[Organisation]:
    """Where the user may invite parents: their own scopes, or every region for an admin."""
    if access.is_admin:
        return await repo.orgs.regions()
    return await repo.orgs.many(access.scope_codes)


# --- the conversation -------------------------------------------------------------------------------


async def start_event(
    message: Message, state: FSMContext, access: Access, repo: Repositories, locale: str
) -> None:
    await state.clear()
    if not await _tops(access, repo):
        await message.answer(v.no_organisations(locale))
        return
    await state.update_data(draft_key=secrets.token_hex(8))
    await state.set_state(EventAuthoring.topic_kk)
    await message.answer(v.ask_topic_kk(locale), reply_markup=v.cancel_keyboard(locale))


async def cancel(message: Message, state: FSMContext, locale: str) -> None:
    await state.clear()
    await message.answer(post_flow.cancelled_text(locale))


async def _accepted_topic(message: Message, locale: str) -> str | None:
    text = _plain(message)
    if not text:
        await message.answer(post_flow.text_expected(locale))
        return None
    if len(text) > v.TOPIC_LIMIT:
        await message.answer(v.topic_too_long(len(text), locale))
        return None
    return text


async def got_topic_kk(message: Message, state: FSMContext, locale: str) -> None:
    text = await _accepted_topic(message, locale)
    if text is None:
        return
    await state.update_data(topic_kk=text)
    await state.set_state(EventAuthoring.topic_ru)
    await message.answer(v.ask_topic_ru(locale), reply_markup=v.cancel_keyboard(locale))


async def got_topic_ru(message: Message, state: FSMContext, clock: Clock, locale: str) -> None:
    text = await _accepted_topic(message, locale)
    if text is None:
        return
    data = await state.update_data(topic_ru=text)
    if post_flow.looks_like_same_language(data["topic_kk"], text):
        await message.answer(post_flow.same_language_warning(locale), reply_markup=v.keep_keyboard(locale))
        return
    await _ask_when(message, state, clock, locale)


async def _ask_when(message: Message, state: FSMContext, clock: Clock, locale: str) -> None:
    await state.set_state(EventAuthoring.when)
    await message.answer(v.ask_when(clock.now(), locale), reply_markup=v.cancel_keyboard(locale))


async def got_when(message: Message, state: FSMContext, clock: Clock, locale: str) -> None:
    """The date step; also a new date typed while the kind is asked (to make it a Family Hour after all)."""
    now = clock.now()
    starts_at = parse_when(message.text or "", now) if message.text else None
    if starts_at is None:
        if await state.get_state() == EventAuthoring.kind.state:
            await message.answer(v.kind_expected(locale), reply_markup=v.kind_keyboard(locale))
        else:
            await message.answer(v.when_not_understood(now, locale))
        return
    if starts_at <= now:
        await message.answer(v.when_in_past(locale))
        return
    if starts_at > now + MAX_AHEAD:
        await message.answer(v.when_too_far(locale))
        return
    await state.update_data(starts_at=starts_at.isoformat())
    if starts_at.month in FAMILY_HOUR_MONTHS:
        await state.update_data(kind=EventKind.FAMILY_HOUR.value, family_hour_month=True)
        await _ask_place(message, state, locale)
        return
    await state.update_data(kind=None, family_hour_month=False)
    await state.set_state(EventAuthoring.kind)
    await message.answer(v.ask_kind(starts_at, locale), reply_markup=v.kind_keyboard(locale))


async def _ask_place(message: Message, state: FSMContext, locale: str, edit: bool = False) -> None:
    data = await state.get_data()
    await state.set_state(EventAuthoring.place)
    text = v.ask_place(data["kind"], data["family_hour_month"], locale)
    markup = v.place_keyboard(data["kind"], data["family_hour_month"], locale)
    if edit:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


async def got_place(
    message: Message, state: FSMContext, access: Access, repo: Repositories, locale: str
) -> None:
    if message.text is None or message.text.startswith("/"):
        await message.answer(post_flow.text_expected(locale))
        return
    # An address typed over several lines reads as one line in the announcement and the calendar.
    lines = (line.strip().rstrip(",;").strip() for line in message.text.splitlines())
    place = ", ".join(line for line in lines if line)
    if not place:
        await message.answer(post_flow.text_expected(locale))
        return
    if len(place) > v.PLACE_LIMIT:
        await message.answer(v.place_too_long(len(place), locale))
        return
    await state.update_data(place=place)
    await _ask_organisation(message, state, access, repo, locale)


async def _ask_organisation(
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    locale: str,
    edit: bool = False,
) -> None:
    data = await state.get_data()
    if "level" not in data:
        tops = await _tops(access, repo)
        if len(tops) == 1 and tops[0].kind not in AREA_KINDS:
            # A school psychologist has one school: no question to ask.
            await _use_organisation(message, state, tops[0], locale, edit)
            return
        data = await state.update_data(level=tops[0].code if len(tops) == 1 else "", page=0)
    level = await repo.orgs.get(data["level"]) if data["level"] else None
    items = await repo.orgs.children(level.code) if level is not None else await _tops(access, repo)
    page = paginate(items, data.get("page", 0))
    await state.set_state(EventAuthoring.organisation)
    text = v.ask_organisation(level, locale)
    markup = v.organisations_keyboard(level, page, AREA_KINDS, locale)
    if edit:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


async def _use_organisation(
    message: Message, state: FSMContext, org: Organisation, locale: str, edit: bool
) -> None:
    await state.update_data(scope=org.code)
    grades = grades_of(org.kind)
    if len(grades) == 1:
        await state.update_data(grades=list(grades))
        await _ask_capacity(message, state, locale, edit)
        return
    await _ask_grades(message, state, org, locale, edit)


async def _ask_grades(
    message: Message, state: FSMContext, org: Organisation, locale: str, edit: bool
) -> None:
    data = await state.get_data()
    await state.set_state(EventAuthoring.grades)
    text = v.ask_grades(org, locale)
    markup = v.grades_keyboard(grades_of(org.kind), set(data.get("grades") or []), locale)
    if edit:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


async def _ask_capacity(message: Message, state: FSMContext, locale: str, edit: bool) -> None:
    await state.set_state(EventAuthoring.capacity)
    if edit:
        await message.edit_text(v.ask_capacity(locale), reply_markup=v.capacity_keyboard(locale))
    else:
        await message.answer(v.ask_capacity(locale), reply_markup=v.capacity_keyboard(locale))


async def got_capacity(
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    locale: str,
) -> None:
    text = (message.text or "").strip().replace(" ", "")
    if not text.isdecimal() or not 1 <= int(text) <= v.CAPACITY_MAX:
        await message.answer(v.capacity_not_understood(locale), reply_markup=v.capacity_keyboard(locale))
        return
    await state.update_data(capacity=int(text))
    await _show_preview(message, state, access, repo, clock, bot, locale)


def _draft_event(data: dict[str, Any], organiser_id: int) -> Event:
    """An unsaved Event, so the preview and the saved announcement come from the same text."""
    return Event(
        kind=data["kind"],
        organiser_id=organiser_id,
        scope_code=data["scope"],
        audience=_audience_of(data),
        topic_kk=data["topic_kk"],
        topic_ru=data["topic_ru"],
        place=data["place"],
        starts_at=datetime.fromisoformat(data["starts_at"]),
        duration_min=DEFAULT_DURATION_MIN,
        capacity=data.get("capacity"),
        status=EventStatus.SCHEDULED,
        revision=1,
    )


def _audience_of(data: dict[str, Any]) -> dict[str, Any]:
    return {"orgs": None, "grades": data.get("grades")}


async def _audience(
    data: dict[str, Any], access: Access, repo: Repositories, locale: str
) -> tuple[str, int, bool]:
    """Who is invited (in words), how many parents that is now, and whether it needs approval (as /post)."""
    org = await repo.orgs.get(data["scope"])
    names = org_name(org, locale) if org is not None else data["scope"]
    grades = data.get("grades")
    if grades:
        names += " · " + ", ".join(grade_name(g, locale) for g in grades)
    recipients = await repo.audience.count([data["scope"]], grades)
    wide = org is not None and org.kind in AREA_KINDS
    return names, recipients, wide and not access.is_admin


def _send_at(now: datetime) -> datetime | None:
    # An announcement is never urgent: at night it waits for the morning like any ordinary post.
    return effective_send_at(None, now, Urgency.NORMAL)


async def _show_preview(
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    locale: str,
) -> None:
    data = await state.get_data()
    await state.set_state(EventAuthoring.preview)
    event = _draft_event(data, message.chat.id)
    scope = await repo.orgs.get(data["scope"])
    names = {"kk": scope.name_kk, "ru": scope.name_ru} if scope is not None else {}
    draft = Post(
        text_kk=announcement_text(event, "kk"),
        text_ru=announcement_text(event, "ru"),
        media_kind=None,
        media_file_id=None,
        urgent=False,
        silent=False,
        status="draft",
    )
    await message.answer(v.preview_intro(locale))
    for language in LANGUAGES:
        # The draft has no event yet: its buttons carry event 0, which the RSVP handler answers as unknown.
        rendered = render_post(draft, language, names)
        await deliver(
            bot, message.chat.id, dataclasses.replace(rendered, reply_markup=rsvp_keyboard(0, language))
        )
    audience, recipients, needs_approval = await _audience(data, access, repo, locale)
    summary = v.preview_summary(
        data["kind"],
        audience,
        recipients,
        post_flow.when_text(_send_at(clock.now()), locale),
        data.get("capacity"),
        needs_approval,
        locale,
    )
    await message.answer(summary, reply_markup=v.confirm_keyboard(locale))


# --- buttons ------------------------------------------------------------------------------------------

EXPECTED_STATE = {
    Act.keep: EventAuthoring.topic_ru,
    Act.level: EventAuthoring.organisation,
    Act.whole: EventAuthoring.organisation,
    Act.org: EventAuthoring.organisation,
    Act.page: EventAuthoring.organisation,
    Act.toggle_grade: EventAuthoring.grades,
    Act.all_grades: EventAuthoring.grades,
    Act.grades_done: EventAuthoring.grades,
    Act.no_limit: EventAuthoring.capacity,
    Act.confirm: EventAuthoring.preview,
}


async def on_button(
    query: CallbackQuery,
    callback_data: EventDraftCb,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    broadcaster: BroadcastSender,
    locale: str,
) -> None:
    message = query.message
    if not isinstance(message, Message):
        await query.answer()
        return
    act, value = callback_data.act, callback_data.value
    current = await state.get_state()
    if act is Act.cancel:
        await state.clear()
        await query.answer()
        await message.edit_text(post_flow.cancelled_text(locale))
        return
    allowed = (
        (EventAuthoring.kind.state, EventAuthoring.place.state)
        if act is Act.kind
        else (EXPECTED_STATE[act].state,)
    )
    if current not in allowed:
        if act is Act.confirm:
            await query.answer(v.already_confirmed(locale), show_alert=True)
        else:
            await query.answer(v.step_over(locale), show_alert=True)
        return
    data = await state.get_data()
    if act is Act.keep:
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        await _ask_when(message, state, clock, locale)
    elif act is Act.kind:
        await _on_kind(query, message, state, data, current, value, repo, clock, locale)
    elif act in (Act.level, Act.whole, Act.org):
        org = await repo.orgs.get(value)
        is_area = org is not None and org.kind in AREA_KINDS
        if org is None or not access.covers(value) or is_area != (act is not Act.org):
            await _refuse(query, repo, clock, locale)
            return
        await query.answer()
        if act is Act.level:
            await state.update_data(level=org.code, page=0)
            await _ask_organisation(message, state, access, repo, locale, edit=True)
        else:
            await _use_organisation(message, state, org, locale, edit=True)
    elif act is Act.page:
        await state.update_data(page=int(value) if value.isdecimal() else 0)
        await query.answer()
        await _ask_organisation(message, state, access, repo, locale, edit=True)
    elif act in (Act.toggle_grade, Act.all_grades, Act.grades_done):
        await _on_grades(query, message, state, data, act, value, repo, clock, locale)
    elif act is Act.no_limit:
        await state.update_data(capacity=None)
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        await _show_preview(message, state, access, repo, clock, bot, locale)
    elif act is Act.confirm:
        await _confirm(query, message, state, data, access, repo, clock, bot, settings, broadcaster, locale)


async def _on_kind(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    data: dict[str, Any],
    current: str | None,
    value: str,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    # Outside the Family Hour months only the two other kinds may be chosen.
    allowed = set(EventKind) if data.get("family_hour_month") else {EventKind.SEMINAR, EventKind.PARENT_CLUB}
    if value not in allowed:
        await _refuse(query, repo, clock, locale)
        return
    await state.update_data(kind=value)
    await query.answer()
    if current == EventAuthoring.place.state:
        await _ask_place(message, state, locale, edit=True)
    else:
        await message.edit_reply_markup(reply_markup=None)
        await _ask_place(message, state, locale)


async def _on_grades(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    data: dict[str, Any],
    act: Act,
    value: str,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    org = await repo.orgs.get(data["scope"])
    if org is None:
        await state.clear()
        await query.answer(v.step_over(locale), show_alert=True)
        return
    grades = grades_of(org.kind)
    if act is Act.toggle_grade:
        if value not in grades:
            await _refuse(query, repo, clock, locale)
            return
        chosen = set(data.get("grades") or []) ^ {value}
        await state.update_data(grades=[g for g in grades if g in chosen])
        await query.answer()
        await _ask_grades(message, state, org, locale, edit=True)
        return
    if act is Act.all_grades:
        await state.update_data(grades=None)
    await query.answer()
    await _ask_capacity(message, state, locale, edit=True)


async def _refuse(query: CallbackQuery, repo: Repositories, clock: Clock, locale: str) -> None:
    await refuse_forged(
        query, repo, clock, "event.forged", _("You cannot do this with your role.", locale=locale)
    )


async def _confirm(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    data: dict[str, Any],
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    broadcaster: BroadcastSender,
    locale: str,
) -> None:
    # Cleared first: a second tap, even one already on its way, finds no draft (and the draft key, if it
    # raced past, finds the event taken).
    await state.clear()
    now = clock.now()
    if not access.covers(data["scope"]):  # the role changed while the preview was open
        await _refuse(query, repo, clock, locale)
        return
    event = _draft_event(data, query.from_user.id)
    if event.starts_at <= now:
        await query.answer(v.when_in_past(locale), show_alert=True)
        await message.edit_text(v.step_over(locale))
        return
    _names, recipients, needs_approval = await _audience(data, access, repo, locale)
    send_at = _send_at(now)
    created = await repo.events.create_with_announcement(
        NewEvent(
            draft_key=data["draft_key"],
            kind=event.kind,
            organiser_id=event.organiser_id,
            scope_code=event.scope_code,
            audience=event.audience,
            topic_kk=event.topic_kk,
            topic_ru=event.topic_ru,
            place=event.place,
            starts_at=event.starts_at,
            duration_min=event.duration_min,
            capacity=event.capacity,
        ),
        Announcement(
            text_kk=announcement_text(event, "kk"),
            text_ru=announcement_text(event, "ru"),
            send_at=send_at,
            needs_approval=needs_approval,
        ),
        now,
    )
    if created is None:
        await query.answer(v.already_confirmed(locale), show_alert=True)
        return
    await repo.audit.record(
        query.from_user.id, "event.created", now, post_id=created.post_id, detail=f"event {created.event_id}"
    )
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    if needs_approval:
        await message.answer(post_flow.awaiting_approval_text(locale))
        if not await ask_approvers(created.post_id, repo, bot, recipients, send_at, settings.admin_ids):
            await message.answer(post_flow.no_approver_text(locale))
        await message.answer(v.answers_hint(locale))
        return
    progress = await message.answer(
        v.announced_text(recipients, post_flow.when_text(send_at, locale), locale)
    )
    await repo.drafts.attach_progress_message(created.post_id, progress.chat.id, progress.message_id)
    await message.answer(v.answers_hint(locale))
    broadcaster.wake()


async def button_expected(message: Message, locale: str) -> None:
    await message.answer(v.buttons_expected(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start_event, Command("event"), _not_a_list_request)
    router.message.register(cancel, Command("cancel"), StateFilter(EventAuthoring))
    router.message.register(got_topic_kk, StateFilter(EventAuthoring.topic_kk))
    router.message.register(got_topic_ru, StateFilter(EventAuthoring.topic_ru))
    router.message.register(got_when, StateFilter(EventAuthoring.when, EventAuthoring.kind))
    router.message.register(got_place, StateFilter(EventAuthoring.place))
    router.message.register(got_capacity, StateFilter(EventAuthoring.capacity))
    router.message.register(
        button_expected,
        StateFilter(EventAuthoring.organisation, EventAuthoring.grades, EventAuthoring.preview),
    )
    router.callback_query.register(on_button, EventDraftCb.filter())
    return router
