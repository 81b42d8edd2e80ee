"""What a parent reads in a reminder or a change notice about an event they answered."""

from __future__ import annotations

import html
from datetime import datetime

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.clock import KZ
from bot.views.event_text import event_summary, heading
from bot.views.formats import clock_time, weekday_date_time
from bot.views.phrases import __
from db.models import Event
from db.repositories.event_notices import parse_change_ref
from domain.enums import REMINDERS, NoticeKind


def _starts(event: Event, now: datetime, locale: str) -> str:
    """ "Today at 18:00" / "tomorrow at 08:30", read from the moment the reminder goes."""
    days = (event.starts_at.astimezone(KZ).date() - now.astimezone(KZ).date()).days
    at = clock_time(event.starts_at)
    if days == 0:
        return _("It starts today at {time}.", locale=locale).format(time=at)
    if days == 1:
        return _("It starts tomorrow at {time}.", locale=locale).format(time=at)
    return ngettext("It is in {n} day.", "It is in {n} days.", days, locale=locale).format(n=days)


_seat_goes_on = __(
    "If your plans have changed, please press «I can't come»: your place will go to another parent."
)
_let_them_know = __("If your plans have changed, please press «I can't come» so that the organisers know.")


def _can_not_come(event: Event, locale: str) -> str:
    """Only a meeting with a seat limit has a place to pass on."""
    return (_let_them_know if event.capacity is None else _seat_goes_on)(locale)


def reminder_text(event: Event, kind: str, now: datetime, locale: str) -> str:
    heading = (
        _("⏰ <b>A reminder</b>: you said you would come.", locale=locale)
        if kind == NoticeKind.REMIND_3D
        else _("⏰ <b>See you soon!</b> You said you would come.", locale=locale)
    )
    return "\n\n".join(
        [heading, event_summary(event, locale), _starts(event, now, locale), _can_not_come(event, locale)]
    )


def changed_text(event: Event, ref: str, locale: str) -> str:
    change = parse_change_ref(ref)
    lines = [
        _("⚠️ <b>The meeting has changed.</b> Here is how it stands now:", locale=locale),
        "",
        heading(event, locale),
    ]
    when = weekday_date_time(event.starts_at, locale)
    if change.old_starts_at is not None and change.old_starts_at != event.starts_at:
        when = f"<s>{weekday_date_time(change.old_starts_at, locale)}</s>\n🆕 {when}"
    lines.append("🗓 " + when)
    place = "📍 " + html.escape(event.place)
    if change.place_changed:
        place += " " + _("(new place)", locale=locale)
    lines.append(place)
    lines += [
        "",
        _("Your answer stays as it was; if it no longer suits you, press a button below.", locale=locale),
    ]
    return "\n".join(lines)


def cancelled_text(event: Event, locale: str) -> str:
    return "\n\n".join(
        [
            _("❌ <b>The meeting is cancelled.</b>", locale=locale),
            event_summary(event, locale),
            _("We are sorry for the change of plans. Thank you for answering.", locale=locale),
        ]
    )


def promoted_text(event: Event, now: datetime, locale: str) -> str:
    return "\n\n".join(
        [
            _("🎉 <b>A place has become free: you are on the list!</b>", locale=locale),
            event_summary(event, locale),
            _starts(event, now, locale),
            _can_not_come(event, locale),
        ]
    )


def notice_text(event: Event, kind: str, ref: str, now: datetime, locale: str) -> str:
    if kind in REMINDERS:
        return reminder_text(event, kind, now, locale)
    if kind == NoticeKind.CHANGED:
        return changed_text(event, ref, locale)
    if kind == NoticeKind.CANCELLED:
        return cancelled_text(event, locale)
    if kind == NoticeKind.PROMOTED:
        return promoted_text(event, now, locale)
    return event_summary(event, locale)


__all__ = ["cancelled_text", "changed_text", "notice_text", "promoted_text", "reminder_text"]
