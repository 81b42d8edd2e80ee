"""The grade multi-select of the staff wizards: which grades of an organisation a post or an event is for."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from db.repositories.orgs import COLLEGE, KINDERGARTEN

GRADES = ("pre", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "college")
Grade = Literal["pre", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "college"]


class GradeAct(StrEnum):
    toggle = "tg"
    all = "ag"
    done = "gd"


class GradeCb(CallbackData, prefix="grade"):
    """Subclassed by each wizard with its own prefix, so its stale-step guard sees these presses too."""

    act: GradeAct
    grade: Grade | None = None


def grade_name(grade: str, locale: str) -> str:
    if grade == "pre":
        return _("preschool", locale=locale)
    if grade == "college":
        return _("college", locale=locale)
    return _("grade {n}", locale=locale).format(n=grade)


def grades_of(kind: str) -> tuple[str, ...]:
    """The grades an organisation of this kind teaches; one grade means there is nothing to ask."""
    if kind == KINDERGARTEN:
        return ("pre",)
    if kind == COLLEGE:
        return ("college",)
    return GRADES


def toggled(chosen: list[str] | None, grade: str, grades: tuple[str, ...]) -> list[str]:
    """The chosen grades with one ticked or unticked, in school order."""
    picked = set(chosen or []) ^ {grade}
    return [g for g in grades if g in picked]


def grades_keyboard(
    cb: type[GradeCb],
    grades: tuple[str, ...],
    chosen: set[str],
    locale: str,
    nav: list[InlineKeyboardButton],
) -> InlineKeyboardMarkup:
    """Three grades a row, «All grades», «Done» once something is ticked, then `nav` (Back, Cancel)."""
    kb = InlineKeyboardBuilder()
    for grade in grades:
        mark = "☑️ " if grade in chosen else ""
        kb.button(text=mark + grade_name(grade, locale), callback_data=cb(act=GradeAct.toggle, grade=grade))
    kb.adjust(3)
    kb.row(
        InlineKeyboardButton(text=_("All grades", locale=locale), callback_data=cb(act=GradeAct.all).pack())
    )
    if chosen:
        done = "✅ " + _("Done", locale=locale)
        kb.row(InlineKeyboardButton(text=done, callback_data=cb(act=GradeAct.done).pack()))
    kb.row(*nav)
    return kb.as_markup()
