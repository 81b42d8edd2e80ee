"""When event reminders go: 3 days and 2 hours before, never in parents' quiet hours (22:00-08:00 KZ)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import KZ
from bot.events.notifier import notice_due, reminder_due, reminder_ref
from db.repositories.event_notices import change_ref, parse_change_ref
from domain.enums import NoticeKind


def kz(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=KZ)


@pytest.mark.parametrize(
    ("starts", "kind", "due"),
    [
        (kz(12, 18), NoticeKind.REMIND_3D, kz(9, 18)),  # an ordinary evening meeting
        (kz(12, 18), NoticeKind.REMIND_2H, kz(12, 16)),
        (kz(12, 10), NoticeKind.REMIND_2H, kz(12, 8)),  # 08:00 is no longer quiet
        (kz(12, 9), NoticeKind.REMIND_2H, kz(12, 8)),  # 07:00 -> 08:00, still an hour before
        (kz(12, 9, 30), NoticeKind.REMIND_2H, kz(12, 8)),
        # 06:30 -> 08:00 is too late: 21:00 the evening before
        (kz(12, 8, 30), NoticeKind.REMIND_2H, kz(11, 21)),
        (kz(12, 0, 30), NoticeKind.REMIND_2H, kz(11, 21)),  # 22:30 -> the same evening, 21:00
        (kz(12, 6, 30), NoticeKind.REMIND_3D, kz(9, 8)),  # 06:30 three days before -> 08:00 that morning
        (kz(12, 23), NoticeKind.REMIND_3D, kz(10, 8)),  # 23:00 -> the next morning
        (kz(12, 22), NoticeKind.REMIND_2H, kz(12, 20)),  # 20:00, not quiet
        (kz(13, 0, 0), NoticeKind.REMIND_2H, kz(12, 21)),  # 22:00 sharp is quiet already
    ],
)
def test_reminder_moments(starts: datetime, kind: str, due: datetime) -> None:
    assert reminder_due(starts, kind) == due


def test_no_reminder_moment_is_ever_in_quiet_hours() -> None:
    from bot.quiet_hours import in_quiet_hours

    start = kz(12, 0)
    for minutes in range(0, 24 * 60, 10):
        starts = start + timedelta(minutes=minutes)
        for kind in (NoticeKind.REMIND_3D, NoticeKind.REMIND_2H):
            due = reminder_due(starts, kind)
            assert not in_quiet_hours(due), (starts, kind, due)
            assert due < starts


def test_changes_wait_for_the_morning_only_when_the_event_can_wait() -> None:
    assert notice_due(kz(5, 15), kz(12, 18)) == kz(5, 15)  # daytime: at once
    assert notice_due(kz(5, 23), kz(12, 18)) == kz(6, 8)  # night, the event is days away: 08:00
    assert notice_due(kz(5, 23), kz(6, 8, 30)) == kz(5, 23)  # night, the event is at 08:30: now


def test_refs() -> None:
    assert reminder_ref(kz(12, 18)) == "2026-12-12T13:00:00Z"
    ref = change_ref(4, kz(12, 18), True)
    assert ref == "4:t202612121300:p" and len(ref) <= 32
    change = parse_change_ref(ref)
    assert change.old_starts_at == datetime(2026, 12, 12, 13, 0, tzinfo=UTC) and change.place_changed
    assert parse_change_ref("5") == parse_change_ref("5:junk")
    assert parse_change_ref(change_ref(6, None, True)).old_starts_at is None
