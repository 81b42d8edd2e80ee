import pytest

from bot.i18n import locale_for

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    ("chosen", "telegram", "expected"),
    [
        (None, "kk", "kk"),
        (None, "ru", "ru"),
        (None, "ru-RU", "ru"),
        (None, "en", "kk"),
        (None, None, "kk"),
        (None, "uz", "kk"),
        ("ru", "kk", "ru"),
        ("kk", "ru", "kk"),
    ],
)
def test_locale_resolution(chosen: str | None, telegram: str | None, expected: str) -> None:
    assert locale_for(chosen, telegram, "kk") == expected
