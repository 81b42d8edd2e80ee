"""A UI text that is one fixed sentence, in the reader's language: declared once, translated when shown."""

from __future__ import annotations

from aiogram.utils.i18n import gettext


class Phrase:
    """`__("...")` marks its text for the catalogs (`__` is one of their keywords), and the phrase is called
    with the reader's locale, as the one-line text functions were: `gone = __("This is gone.")`, then
    `gone(locale)`. It stands wherever a `Callable[[str], str]` is wanted (a wizard's texts)."""

    __slots__ = ("msgid",)

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid

    def __call__(self, locale: str) -> str:
        return gettext(self.msgid, locale=locale)

    def __repr__(self) -> str:
        return f"__({self.msgid!r})"


__ = Phrase

# Said alike by several features.
not_your_role = __("You cannot do this with your role.")
use_the_buttons = __("Please choose with the buttons above (or /cancel).")
cancelled_unchanged = __("Cancelled. Nothing was changed.")
