"""Grades: the one list per kind of organisation and the one name of each grade, for parents and staff;
the staff wizards' multi-select (which grades a post or an event is for); the parents' ticks, kept on the
server."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any, Literal

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.views.rows import button
from db.models import Organisation
from db.repositories import Repositories
from domain.enums import AREA_KINDS, OrgKind

SCHOOL_GRADES = ("pre", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11")
GRADES = (*SCHOOL_GRADES, "college")
Grade = Literal["pre", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "college"]
# The one list of grades per kind of organisation: what parents follow there and what staff address.
# A kindergarten and a college have one "grade" each, so neither asks.
GRADES_BY_KIND: dict[str, tuple[str, ...]] = {
    OrgKind.SCHOOL: SCHOOL_GRADES,
    OrgKind.KINDERGARTEN: ("pre",),
    OrgKind.COLLEGE: ("college",),
}


class GradeAct(StrEnum):
    toggle = "tg"
    all = "ag"
    done = "gd"


class GradeCb(CallbackData, prefix="grade"):
    """Subclassed by each wizard with its own prefix, so its stale-step guard sees these presses too."""

    act: GradeAct
    grade: Grade | None = None


def grade_name(grade: str, locale: str) -> str:
    """A grade's one name, for parents and staff alike, as it reads inside a sentence."""
    if grade == "pre":
        return _("preschool class", locale=locale)
    if grade == "college":
        return _("college", locale=locale)
    return _("grade {n}", locale=locale).format(n=grade)


def grade_button(grade: str, locale: str) -> str:
    name = grade_name(grade, locale)
    return name[:1].upper() + name[1:]


def grades_phrase(kind: str, grades: Iterable[str], locale: str) -> str:
    """'preschool class, grades 1, 3' at a school; empty at a kindergarten or college (one grade there)."""
    if kind != OrgKind.SCHOOL:
        return ""
    chosen = set(grades)
    ordered = [g for g in SCHOOL_GRADES if g in chosen]
    parts = [grade_name("pre", locale)] if "pre" in ordered else []
    numbers = [g for g in ordered if g != "pre"]
    if numbers:
        parts.append(
            ngettext("grade {grades}", "grades {grades}", len(numbers), locale=locale).format(
                grades=", ".join(numbers)
            )
        )
    return ", ".join(parts)


def grades_of(kind: str) -> tuple[str, ...]:
    """The grades an organisation of this kind teaches (an area: every kind). One grade: nothing to ask."""
    return GRADES_BY_KIND.get(kind, GRADES)


async def audience_grades(
    repo: Repositories, scope: Organisation, chosen: Sequence[str] | None
) -> tuple[str, ...]:
    """The grades taught somewhere in an audience: the union over the kinds of the organisations in it
    (the chosen ones of an area, or all of it), so a district post to schools only offers no college."""
    if scope.kind not in AREA_KINDS:
        return grades_of(scope.kind)
    codes = await repo.orgs.within(chosen or [scope.code])
    kinds = {org.kind for org in await repo.orgs.many(codes) if org.kind not in AREA_KINDS}
    taught = {grade for kind in kinds for grade in grades_of(kind)}
    # An area with no organisations in it yet: every grade, as before.
    return tuple(grade for grade in GRADES if grade in taught) or GRADES


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
        kb.button(text=mark + grade_button(grade, locale), callback_data=cb(act=GradeAct.toggle, grade=grade))
    kb.adjust(3)
    kb.row(button(_("All grades", locale=locale), cb(act=GradeAct.all)))
    if chosen:
        kb.row(button("✅ " + _("Done", locale=locale), cb(act=GradeAct.done)))
    kb.row(*nav)
    return kb.as_markup()


# The parents' grade step keeps its ticks on the server (FSM data, so they survive a restart), not in the
# keyboard: two quick taps on one old keyboard both count, one at a time (bot/turns.py).


async def kept_ticks(state: FSMContext, key: str, org_code: str) -> set[str] | None:
    """The grades ticked so far on this organisation's grade step, None if nothing is kept for it."""
    kept: dict[str, Any] = (await state.get_data()).get(key) or {}
    return set(kept.get("grades") or []) if kept.get("code") == org_code else None


async def keep_ticks(state: FSMContext, key: str, org_code: str, grades: set[str]) -> None:
    await state.update_data({key: {"code": org_code, "grades": sorted(grades)}})
