"""Numbers from people and buttons are ASCII digits; a pop-up shows plain text."""

import pytest

from bot.numbers import ascii_int
from handlers.errors import plain, sorry_text

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    ("text", "signed", "expected"),
    [
        ("12", False, 12),
        ("007", False, 7),
        ("-100123", True, -100123),
        ("-5", False, None),
        ("²", False, None),
        ("٣", False, None),
        ("1²", False, None),
        ("１２", False, None),  # full-width digits
        ("", False, None),
        (None, False, None),
        (" 12", False, None),
        ("1234567890", False, None),
    ],
)
def test_ascii_int(text: str | None, signed: bool, expected: int | None) -> None:
    assert ascii_int(text, signed=signed) == expected


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_the_apology_pop_up_is_plain_text(locale: str) -> None:
    from bot.i18n import create_i18n

    i18n = create_i18n("kk")
    with i18n.context(), i18n.use_locale(locale):
        text = plain(sorry_text(locale))
    assert "<" not in text and "111" in text
    assert plain("a &lt;b&gt; <b>111</b> &amp;") == "a <b> 111 &"
