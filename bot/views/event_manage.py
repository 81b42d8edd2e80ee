"""What an organiser sees in `/event list`: one message listing the events, which opens into a card per
event with the counts as of now, and the change prompts."""

from __future__ import annotations

import html
from datetime import datetime
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.events import MEASURE_OF_KIND
from bot.flows.buttons import button
from bot.views.event_text import event_summary, heading, kind_label, topic
from bot.views.formats import day_month_time, grouped, weekday_date_time
from bot.views.phrases import __, cancelled_unchanged
from bot.views.rows import column
from db.models import Event
from db.repositories.event_changes import Counts, ManagedEvent
from domain.enums import EventKind, EventStatus

ATTENDANCE_MAX = 5000
PLACE_MAX = 300


class ManageAct(StrEnum):
    LIST = "l"
    OPEN = "o"
    REFRESH = "r"
    TIME = "t"
    PLACE = "p"
    CANCEL_ASK = "x"
    CANCEL = "X"
    ATTENDANCE = "a"
    REPORT = "m"


class EventManageCb(CallbackData, prefix="evm"):
    act: ManageAct
    event_id: int


def measure_no(event: Event) -> int:
    return MEASURE_OF_KIND.get(EventKind(event.kind), MEASURE_OF_KIND[EventKind.SEMINAR])


def counts_line(event: Event, counts: Counts, locale: str) -> str:
    going = grouped(counts.going, locale)
    if event.capacity is not None:
        going += " / " + grouped(event.capacity, locale)
    parts = [
        "✅ " + _("Coming: {n}", locale=locale).format(n=going),
        "⏳ " + _("Waiting list: {n}", locale=locale).format(n=grouped(counts.waiting, locale)),
        "❌ " + _("Not coming: {n}", locale=locale).format(n=grouped(counts.not_going, locale)),
    ]
    return " · ".join(parts)


def card_text(event: Event, counts: Counts, now: datetime, locale: str) -> str:
    lines = [event_summary(event, locale), counts_line(event, counts, locale)]
    if event.status == EventStatus.CANCELLED:
        lines.insert(0, "🚫 " + _("<b>Cancelled.</b>", locale=locale))
    elif event.starts_at <= now:
        lines.append("🏁 " + _("The event has taken place.", locale=locale))
    if event.attended is not None:
        lines.append("👥 " + _("Came: {n}", locale=locale).format(n=grouped(event.attended, locale)))
    if event.measure_update_id is not None:
        lines.append(
            "📊 "
            + _("Reported to measure № {no} (update #{id}).", locale=locale).format(
                no=measure_no(event), id=event.measure_update_id
            )
        )
    return "\n".join(lines)


def _button(text: str, act: ManageAct, event_id: int) -> InlineKeyboardButton:
    return button(text, EventManageCb(act=act, event_id=event_id))


def card_keyboard(event: Event, now: datetime, locale: str) -> InlineKeyboardMarkup:
    rows = [[_button("🔄 " + _("Refresh", locale=locale), ManageAct.REFRESH, event.id)]]
    if event.status == EventStatus.SCHEDULED and event.starts_at > now:
        rows.append(
            [
                _button("🕒 " + _("Change time", locale=locale), ManageAct.TIME, event.id),
                _button("📍 " + _("Change place", locale=locale), ManageAct.PLACE, event.id),
            ]
        )
        rows.append([_button("✖️ " + _("Cancel event", locale=locale), ManageAct.CANCEL_ASK, event.id)])
    elif event.status == EventStatus.SCHEDULED and event.measure_update_id is None:
        rows.append([_button("👥 " + _("Record attendance", locale=locale), ManageAct.ATTENDANCE, event.id)])
        if event.attended is not None:
            rows.append([report_button(event, locale)])
    rows.append([_button("⬅️ " + _("All my events", locale=locale), ManageAct.LIST, 0)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def list_text(items: list[ManagedEvent], locale: str) -> str:
    blocks = [list_heading(len(items), locale)]
    for number, item in enumerate(items, start=1):
        event = item.event
        cancelled = "🚫 " if event.status == EventStatus.CANCELLED else ""
        counts = counts_line(event, item.counts, locale)
        blocks.append(f"<b>{number}.</b> {cancelled}{event_summary(event, locale)}\n{counts}")
    return "\n\n".join(blocks)


def list_keyboard(items: list[ManagedEvent], locale: str) -> InlineKeyboardMarkup | None:
    def opener(number: int, event: Event) -> InlineKeyboardButton:
        when = day_month_time(event.starts_at, locale)
        return _button(f"{number}. {when}", ManageAct.OPEN, event.id)

    return column(opener(n, item.event) for n, item in enumerate(items, start=1)) if items else None


def report_button(event: Event, locale: str) -> InlineKeyboardButton:
    label = _("Report to measure {no}", locale=locale).format(no=measure_no(event))
    return _button("📊 " + label, ManageAct.REPORT, event.id)


def report_keyboard(event: Event, locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[report_button(event, locale)]])


def confirm_cancel_keyboard(event_id: int, locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button("✅ " + _("Yes, cancel it", locale=locale), ManageAct.CANCEL, event_id),
                _button("↩️ " + _("No, keep it", locale=locale), ManageAct.REFRESH, event_id),
            ]
        ]
    )


def list_heading(shown: int, locale: str) -> str:
    if not shown:
        return _("You have no upcoming or recent events. /event announces a new one.", locale=locale)
    return _(
        "<b>Your events</b>: upcoming and of the last 30 days. Open one to see its answers as of now, "
        "change it or record who came.",
        locale=locale,
    )


def confirm_cancel_text(event: Event, counts: Counts, locale: str) -> str:
    return "\n\n".join(
        [
            event_summary(event, locale),
            _("Cancel this event? Everyone who answered ({n}) will be told.", locale=locale).format(
                n=counts.answered
            ),
        ]
    )


def ask_time(event: Event, locale: str) -> str:
    return _(
        "Now: {when}.\nSend the new date and time as DD.MM.YYYY HH:MM. /cancel stops.",
        locale=locale,
    ).format(when=weekday_date_time(event.starts_at, locale))


def ask_place(event: Event, locale: str) -> str:
    return _("Now: {place}.\nSend the new place: an address or a link. /cancel stops.", locale=locale).format(
        place=html.escape(event.place)
    )


def ask_attendance(event: Event, locale: str) -> str:
    ask = _("How many people came? Send a number from 0 to {max}. /cancel stops.", locale=locale)
    return f"{heading(event, locale)}\n{ask.format(max=ATTENDANCE_MAX)}"


def time_refused(past: bool, example: str, locale: str) -> str:
    """Why a typed time was not taken: it has already passed, or it could not be read (with an example the
    step takes, counted from today: bot/views/typed_dates.py moment_example)."""
    if past:
        return _("That time has already passed. Please send a time in the future.", locale=locale)
    return _(
        "Please send the date and time as DD.MM.YYYY HH:MM, for example {example}.", locale=locale
    ).format(example=example)


same_time = __("That is the time it is set for already. Send another time, or /cancel.")


def place_expected(locale: str) -> str:
    return _("Please send the new place as text, at most {max} characters.", locale=locale).format(
        max=PLACE_MAX
    )


def attendance_expected(locale: str) -> str:
    return _("Please send a whole number from 0 to {max}.", locale=locale).format(max=ATTENDANCE_MAX)


def changed_saved(told: int, locale: str) -> str:
    return _("Saved. Parents who answered ({n}) will be told.", locale=locale).format(n=told)


def cancelled_saved(told: int, locale: str) -> str:
    return _("The event is cancelled. Parents who answered ({n}) will be told.", locale=locale).format(n=told)


def attendance_saved(event: Event, count: int, locale: str) -> str:
    return _(
        "Saved: {n} came. Press the button to add it to measure № {no} of the roadmap.", locale=locale
    ).format(n=count, no=measure_no(event))


def reported(event: Event, update_id: int, locale: str) -> str:
    return _(
        "Reported: update #{id} to measure № {no}. It is internal; /myupdates shows it.", locale=locale
    ).format(id=update_id, no=measure_no(event))


already_reported = __("This event has already been reported to the roadmap.")
no_measure = __("There is no roadmap measure for this event's region in the bot yet.")
not_yours = __("This is not your event, or it is no longer available.")
attendance_first = __("Record how many came first.")
not_started = __("Attendance can be recorded once the event has begun.")
already_started = __("The event has already begun: its time and place can no longer change.")
is_cancelled = __("The event is cancelled.")
up_to_date = __("Up to date.")


def update_texts(event: Event, count: int) -> tuple[str, str]:
    """The measure update's own text (Telegram HTML, as typed updates are) in both languages."""
    kk, ru = (
        _("{kind} «{topic}», {when}. Came: {n}.", locale=locale).format(
            kind=html.escape(kind_label(event.kind, locale)),
            topic=html.escape(topic(event, locale)),
            when=weekday_date_time(event.starts_at, locale),
            n=grouped(count, locale),
        )
        for locale in ("kk", "ru")
    )
    return kk, ru


nothing_changed = cancelled_unchanged
