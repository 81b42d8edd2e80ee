from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from icalendar import Calendar

from bot.clock import KZ
from bot.events.ics import event_ics
from bot.i18n import create_i18n
from db.models import Event
from domain.enums import EventKind, EventStatus


def _event(**changes: object) -> Event:
    values: dict[str, object] = {
        "id": 41,
        "kind": EventKind.FAMILY_HOUR,
        "organiser_id": 5,
        "scope_code": "t-dis-s1",
        "audience": {"orgs": None, "grades": ["5"]},
        "topic_kk": "Баланың қауіпсіздігі",
        "topic_ru": "Безопасность ребёнка",
        "place": "Мектеп, акт залы",
        "starts_at": datetime(2026, 12, 5, 18, 0, tzinfo=KZ),
        "duration_min": 90,
        "capacity": 40,
        "status": EventStatus.SCHEDULED,
        "revision": 1,
        "created_at": datetime(2026, 12, 2, 10, 0, tzinfo=KZ),
    }
    values.update(changes)
    return Event(**values)


def _parse(event: Event, locale: str) -> tuple[Calendar, object]:
    with create_i18n("kk").context():
        data = event_ics(event, locale)
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return calendar, events[0]


def test_times_are_in_almaty_time_with_a_vtimezone() -> None:
    calendar, vevent = _parse(_event(), "kk")
    assert calendar["VERSION"] == "2.0"
    assert "Outreach bot" in str(calendar["PRODID"])
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Almaty"]
    start = vevent.start
    assert start.tzinfo.key == "Asia/Almaty"
    assert start.utcoffset() == timedelta(hours=5)
    assert (start.hour, start.minute) == (18, 0)
    assert vevent.end - start == timedelta(minutes=90)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Almaty"
    assert start == datetime(2026, 12, 5, 13, 0, tzinfo=UTC)


def test_summary_follows_the_language_and_uid_is_stable() -> None:
    _cal, kk = _parse(_event(), "kk")
    _cal, ru = _parse(_event(revision=3), "ru")
    assert str(kk["SUMMARY"]) == "«Отбасы сағаты»: Баланың қауіпсіздігі"
    assert str(ru["SUMMARY"]) == "«Отбасы сағаты»: Безопасность ребёнка"
    assert str(kk["UID"]) == str(ru["UID"]) == "event-41@outreach-bot"
    assert kk["SEQUENCE"] == 1 and ru["SEQUENCE"] == 3
    assert str(kk["LOCATION"]) == "Мектеп, акт залы"
    assert "URL" not in kk
    assert str(kk["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in kk
    (alarm,) = kk.walk("VALARM")
    assert alarm["TRIGGER"].dt == -timedelta(hours=2)


@pytest.mark.parametrize(
    "kind, ru_label",
    [(EventKind.SEMINAR, "Семинар для родителей"), (EventKind.PARENT_CLUB, "Встреча родительского клуба")],
)
def test_other_kinds(kind: EventKind, ru_label: str) -> None:
    _cal, ru = _parse(_event(kind=kind), "ru")
    assert str(ru["SUMMARY"]).startswith(ru_label + ": ")


def test_online_link_and_cancelled_event() -> None:
    link = "https://meet.example.org/abc"
    _cal, vevent = _parse(_event(place=link, status=EventStatus.CANCELLED, revision=2), "ru")
    assert str(vevent["LOCATION"]) == link
    assert str(vevent["URL"]) == link
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent["SEQUENCE"] == 2
    assert vevent.walk("VALARM") == []


def test_same_event_gives_the_same_bytes() -> None:
    with create_i18n("kk").context():
        assert event_ics(_event(), "kk") == event_ics(_event(), "kk")
