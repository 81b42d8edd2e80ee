"""/familyhour: what Family Hour is and when the next one falls (or that no roadmap in force schedules it),
then the parent's own upcoming events, each with their answer, as a list and a card per event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.content import Content
from bot.content.familyhour import FamilyHourFile
from bot.flows.buttons import button
from bot.views.event_buttons import EventAction, event_button, event_label, tick
from bot.views.event_rsvp import answer_line, cancelled_line, reminder_hint
from bot.views.event_text import event_summary, kind_label
from bot.views.formats import date_before_stop, day_month
from bot.views.phrases import __
from bot.views.rows import column
from db.models import Event
from db.repositories.event_answers import MyEvent
from domain.enums import Answer, EventStatus


@dataclass(frozen=True, slots=True)
class Schedule:
    """Where Family Hour stands on a day, for the page: the next month under the roadmap in force, if it
    names one (with that roadmap's period, "2023–2025"); else whether a roadmap is in force at all, and
    between two roadmaps the day the next one starts if it is already known."""

    in_force: bool
    next_month: int | None = None
    years: str = ""
    next_starts: date | None = None


def schedule_lines(fh: FamilyHourFile, schedule: Schedule, locale: str) -> tuple[str, list[str]]:
    """The top line and the lines closing the explanation. Without a month to name, the top says what the
    ended roadmap scheduled and who announces the meetings now, so the schedule is not said twice."""
    t = fh.text(locale)
    if schedule.next_month is not None:
        upcoming = t.next_month.format(years=schedule.years, month=fh.month_name(schedule.next_month, locale))
        return upcoming, [t.schedule]
    between = []
    if schedule.next_starts is not None:
        between.append(t.next_roadmap.format(date=date_before_stop(schedule.next_starts, locale)))
    elif not schedule.in_force:
        between.append(t.no_roadmap)
    return " ".join([t.schedule, *between, t.school_announces]), []


def familyhour_message(content: Content, schedule: Schedule, locale: str, status: str | None = None) -> str:
    """Where Family Hour stands first, then `status` (the parent's events or why there are none), then the
    explanation: on a phone the part a parent came for is the top of the screen."""
    t = content.familyhour.text(locale)
    top, closing = schedule_lines(content.familyhour, schedule, locale)
    what = "\n".join([t.what.strip(), *closing])
    head = [f"<b>{t.title}</b>", f"<b>{top}</b>", *([status] if status else [])]
    return "\n\n".join([*head, what, t.expect.strip(), t.clubs.strip()])


# The parent's own events, under the page ----------------------------------------------------------


class FamilyHourAction(StrEnum):
    OPEN = "o"
    GOING = "g"
    NOT_GOING = "n"
    LIST = "l"


class FamilyHourCb(CallbackData, prefix="fh"):
    action: FamilyHourAction
    event_id: int


MESSAGE_LIMIT = 4096


no_subscription_line = __(
    "To see your school's Family Hours and parent meetings here and answer the invitations, follow the "
    "school with /subscribe."
)
no_events_line = __(
    "Your schools have not announced any upcoming events yet. When they do, the invitation will come "
    "to this chat."
)


def is_open(event: Event, now: datetime) -> bool:
    """Whether the event can still be answered."""
    return event.status == EventStatus.SCHEDULED and event.starts_at > now


def _state_line(item: MyEvent, locale: str) -> str:
    if item.event.status != EventStatus.SCHEDULED:
        return cancelled_line(locale)
    return answer_line(item.answer, item.place, locale)


def my_events(items: Sequence[MyEvent], locale: str) -> tuple[str, list[MyEvent]]:
    """The list text and the events it shows: whole entries only, within one message."""
    text = "<b>" + _("Your upcoming events", locale=locale) + "</b>"
    shown: list[MyEvent] = []
    for n, item in enumerate(items, start=1):
        entry = f"\n\n{n}. {event_summary(item.event, locale)}\n{_state_line(item, locale)}"
        if len(text) + len(entry) > MESSAGE_LIMIT:
            break
        text += entry
        shown.append(item)
    return text, shown


def my_events_keyboard(shown: Sequence[MyEvent], locale: str) -> InlineKeyboardMarkup:
    """One button per event, leading to its card."""

    def opener(n: int, item: MyEvent) -> InlineKeyboardButton:
        day = day_month(item.event.starts_at, locale)
        label = f"{n}. {day} · {kind_label(item.event.kind, locale)}"
        return button(label, FamilyHourCb(action=FamilyHourAction.OPEN, event_id=item.event.id))

    return column(opener(n, item) for n, item in enumerate(shown, start=1))


def event_card(item: MyEvent, now: datetime, locale: str) -> str:
    lines = [event_summary(item.event, locale), "", _state_line(item, locale)]
    if item.answer == Answer.GOING and is_open(item.event, now):
        lines.append(reminder_hint(locale))
    return "\n".join(lines)


def event_card_keyboard(item: MyEvent, now: datetime, locale: str) -> InlineKeyboardMarkup:
    """Come / can't come (the current answer ticked) while it can be answered, the calendar file, back."""

    event_id = item.event.id

    def answer_button(label: EventAction, action: FamilyHourAction) -> InlineKeyboardButton:
        text = tick(label, item.answer) + event_label(label, locale)
        return button(text, FamilyHourCb(action=action, event_id=event_id))

    rows = []
    if is_open(item.event, now):
        going = answer_button(EventAction.GOING, FamilyHourAction.GOING)
        not_going = answer_button(EventAction.NOT_GOING, FamilyHourAction.NOT_GOING)
        rows.append([going, not_going])
    if item.event.status == EventStatus.SCHEDULED:
        rows.append([event_button(event_id, EventAction.CALENDAR, locale)])
    back = FamilyHourCb(action=FamilyHourAction.LIST, event_id=0)
    rows.append([button(_("⬅️ All my events", locale=locale), back)])
    return InlineKeyboardMarkup(inline_keyboard=rows)
