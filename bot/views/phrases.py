"""A UI text that is one fixed sentence, in the reader's language: declared once, translated when shown.

`__("...")` marks its text for the catalogs and gives a `Phrase`, called with the reader's locale as the
one-line text functions were: `gone = __("This is gone.")`, then `gone(locale)`. A phrase stands wherever a
`Callable[[str], str]` is wanted (a wizard's texts). `__(singular, plural)` gives a `Counted`, called with
the number and the locale (`bot.i18n_workflow.KEYWORDS` extracts the two forms as one plural entry).
"""

from __future__ import annotations

from typing import overload

from aiogram.utils.i18n import gettext, ngettext

from bot.views.formats import grouped as grouped  # a count in a phrase is grouped like every number


class Phrase:
    __slots__ = ("msgid",)

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid

    def __call__(self, locale: str) -> str:
        return gettext(self.msgid, locale=locale)

    def __repr__(self) -> str:
        return f"__({self.msgid!r})"


class Counted:
    """A sentence whose form follows a number: formatted with the number as {n} (or as the name given by
    `bind`), with `bind`'s fixed values, and with what the call adds."""

    __slots__ = ("fixed", "number_as", "plural", "singular")

    def __init__(self, singular: str, plural: str, number_as: str = "n", **fixed: object) -> None:
        self.singular, self.plural, self.number_as, self.fixed = singular, plural, number_as, fixed

    def bind(self, number_as: str = "n", **fixed: object) -> Counted:
        return Counted(self.singular, self.plural, number_as, **fixed)

    def __call__(self, number: int, locale: str, **values: object) -> str:
        text = ngettext(self.singular, self.plural, number, locale=locale)
        return text.format(**{self.number_as: grouped(number, locale)}, **self.fixed, **values)

    def __repr__(self) -> str:
        return f"__({self.singular!r}, {self.plural!r})"


@overload
def __(msgid: str) -> Phrase: ...
@overload
def __(msgid: str, plural: str) -> Counted: ...
def __(msgid: str, plural: str | None = None) -> Phrase | Counted:
    return Phrase(msgid) if plural is None else Counted(msgid, plural)


# Said alike by several features.
not_your_role = __("You cannot do this with your role.")
cancelled_unchanged = __("Cancelled. Nothing was changed.")
