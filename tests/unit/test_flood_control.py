import pytest

from bot.middlewares.throttling import FloodControl

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


def test_twenty_in_ten_seconds_pass_then_warn_once_then_drop() -> None:
    flood = FloodControl(limit=20, window=10)
    verdicts = [flood.check(1, now=i * 0.1) for i in range(23)]
    assert verdicts[:20] == ["ok"] * 20
    assert verdicts[20:] == ["warn", "drop", "drop"]


def test_other_users_unaffected_and_window_slides() -> None:
    flood = FloodControl(limit=3, window=10)
    for i in range(5):
        flood.check(1, now=float(i))
    assert flood.check(2, now=5.0) == "ok"
    assert flood.check(1, now=11.5) == "ok"  # the first two hits have left the window


def test_memory_is_bounded() -> None:
    flood = FloodControl(limit=3, window=1, max_users=100)
    for uid in range(1000):
        flood.check(uid, now=uid * 2.0)
    assert len(flood._hits) <= 101
