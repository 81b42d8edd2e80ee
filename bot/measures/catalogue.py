"""The catalogue of roadmap measures: one YAML file per plan in content/measures/.

Each plan (Karaganda 2023-2025 now; another region or period later) is a file of its own; measure numbers
are unique within a plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from bot.content import CONTENT_DIR
from bot.content.base import Bilingual, Strict, read_yaml

MEASURES_DIR = CONTENT_DIR / "measures"
# One responsible body as the roadmaps write it: "ПД (келісім бойынша)", "ББД ОӘО", "облыс әкімдігі".
_BODY = re.compile(r"^(?P<name>[^()]+?)\s*(?:\((?P<note>[^()]*)\))?$")


TITLE_MAX = 90
DEFAULT_MONTHS = {"yearly": (12,), "semiannual": (6, 12), "quarterly": (3, 6, 9, 12), "continuous": (12,)}


class Deadline(Strict):
    """When a measure is due.

    once: by `on`. yearly: by the end of each of `months` every year of the plan (default December), so a
    measure due in October, December, March and May is yearly with four months. semiannual: every June and
    December. quarterly: by the end of each quarter. school_year: by the end of each school year (31 May).
    continuous: all through the plan, reported each `months` (default December).
    """

    kind: Literal["once", "yearly", "semiannual", "quarterly", "school_year", "continuous"]
    on: date | None = None
    months: tuple[int, ...] = ()
    text: Bilingual[str]  # the deadline as the roadmap words it, in each language

    @model_validator(mode="after")
    def _consistent(self) -> Deadline:
        if (self.kind == "once") != (self.on is not None):
            raise ValueError("a once deadline needs `on`, and only a once deadline has one")
        if any(not 1 <= m <= 12 for m in self.months) or len(set(self.months)) != len(self.months):
            raise ValueError("months must be distinct numbers 1..12")
        if self.months and self.kind in ("once", "school_year"):
            raise ValueError(f"a {self.kind} deadline takes no months")
        return self

    def due_months(self) -> tuple[int, ...]:
        """The months (of every year) by whose last day a report is due; empty for once and school_year."""
        if self.kind in ("once", "school_year"):
            return ()
        return tuple(sorted(self.months)) or DEFAULT_MONTHS[self.kind]


class Section(Strict):
    number: int = Field(ge=1)
    title: Bilingual[str]

    def get(self, locale: str) -> str:
        return self.title.get(locale)


class Measure(Strict):
    number: int = Field(ge=1)
    section: int = Field(ge=1)
    title: Bilingual[str]  # short, in our own words
    form: Bilingual[str]  # how completion is shown (information to the Ministry, an order, a report...)
    deadline: Deadline
    responsible: Bilingual[str]  # the bodies, comma-separated and abbreviated as in each language's roadmap
    parent_facing: bool = False
    figures: tuple[str, ...] = ()  # keys of countable results staff report, e.g. participants, stands

    @model_validator(mode="after")
    def _short(self) -> Measure:
        for locale in ("kk", "ru"):
            if len(self.title.get(locale)) > TITLE_MAX:
                raise ValueError(f"measure {self.number}: the {locale} title is over {TITLE_MAX} characters")
            if not self.responsible.get(locale).strip(" ,"):
                raise ValueError(f"measure {self.number}: no responsible body in {locale}")
        return self


@dataclass(frozen=True)
class Body:
    """A responsible body of a measure in one language, with what its abbreviation stands for if known."""

    name: str  # as the roadmap writes it: "ПД"
    note: str  # the roadmap's remark in brackets, "келісім бойынша", or ""
    full: str | None  # the plan's expansion of `name`

    @property
    def abbreviated(self) -> bool:
        return sum(c.isupper() for c in self.name) >= 2


class Plan(Strict):
    code: str = Field(pattern=r"^[a-z0-9-]{3,40}$")
    region: str  # organisation code of the region the plan covers
    title: Bilingual[str]
    starts: date
    ends: date
    sections: tuple[Section, ...]
    measures: tuple[Measure, ...]
    figure_labels: dict[str, Bilingual[str]] = Field(default_factory=dict)
    # What the bodies' abbreviations stand for, as the roadmap's own list gives them; a parent cannot guess.
    abbreviations: Bilingual[dict[str, str]] | None = None

    @model_validator(mode="after")
    def _coherent(self) -> Plan:
        if self.ends < self.starts:
            raise ValueError(f"plan {self.code} ends before it starts")
        numbers = [m.number for m in self.measures]
        if len(set(numbers)) != len(numbers):
            raise ValueError(f"plan {self.code}: a measure number is used twice")
        sections = {s.number for s in self.sections}
        for m in self.measures:
            if m.section not in sections:
                raise ValueError(f"plan {self.code}: measure {m.number} is in unknown section {m.section}")
            missing = [f for f in m.figures if f not in self.figure_labels]
            if missing:
                raise ValueError(f"plan {self.code}: measure {m.number} figures without a label: {missing}")
        return self

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def figure_label(self, key: str, locale: str) -> str:
        label = self.figure_labels.get(key)
        return label.get(locale) if label is not None else key

    def bodies(self, measure: Measure, locale: str) -> list[Body]:
        legend = self.abbreviations.get(locale) if self.abbreviations is not None else {}
        known = {key.casefold(): full for key, full in legend.items()}
        result = []
        for part in measure.responsible.get(locale).split(","):
            part = part.strip()
            if not part:
                continue
            match = _BODY.match(part)
            name, note = (match["name"], match["note"] or "") if match else (part, "")
            result.append(Body(name=name, note=note.strip(), full=known.get(name.casefold())))
        return result

    def measure(self, number: int) -> Measure | None:
        return next((m for m in self.measures if m.number == number), None)

    def in_section(self, section: int) -> list[Measure]:
        return [m for m in self.measures if m.section == section]

    def holds(self, day: date) -> bool:
        return self.starts <= day <= self.ends

    def ended(self, day: date) -> bool:
        return self.ends < day


class Catalogue(Strict):
    """Every plan, of every region and period. A region adopts a plan every few years: the one whose period
    holds today is current, those that ended are its archive, and an imported one waits for its start."""

    plans: tuple[Plan, ...]

    def plan(self, code: str) -> Plan | None:
        return next((p for p in self.plans if p.code == code), None)

    def _of(self, region_code: str | None) -> list[Plan]:
        return [p for p in self.plans if region_code is None or p.region == region_code]

    def of_region(self, region_code: str) -> list[Plan]:
        """The region's plans, the earliest first."""
        return sorted(self._of(region_code), key=lambda p: p.starts)

    def plan_for_region(self, region_code: str, day: date | None = None) -> Plan | None:
        """The region's plan in force on `day`; without a day, its first plan (callers that predate plans
        ending)."""
        if day is None:
            return next(iter(self._of(region_code)), None)
        return self.current(day, region_code)

    def current(self, day: date, region_code: str | None = None) -> Plan | None:
        # Should two plans overlap (a new one adopted before the old one's end), the newer one is current.
        holding = [p for p in self._of(region_code) if p.holds(day)]
        return max(holding, key=lambda p: p.starts, default=None)

    def archived(self, day: date, region_code: str | None = None) -> list[Plan]:
        """Plans that began before `day` and are not current (ended, or replaced by a newer one), the latest
        first."""
        current = self.current(day, region_code)
        return sorted(
            (p for p in self._of(region_code) if p.starts <= day and p is not current),
            key=lambda p: (p.ends, p.starts),
            reverse=True,
        )

    def upcoming(self, day: date, region_code: str | None = None) -> list[Plan]:
        """Plans imported ahead of their start, the soonest first."""
        return sorted((p for p in self._of(region_code) if p.starts > day), key=lambda p: p.starts)

    def for_period(self, region_code: str, start: date, end: date) -> Plan | None:
        """The region's plan a report on start..end is about: the one overlapping it most (the newer on a
        tie); None when no plan touches the period."""
        best: tuple[int, date, Plan] | None = None
        for p in self._of(region_code):
            overlap = (min(end, p.ends) - max(start, p.starts)).days + 1
            if overlap > 0 and (best is None or (overlap, p.starts) > best[:2]):
                best = (overlap, p.starts, p)
        return best[2] if best else None


def load_catalogue(directory: Path = MEASURES_DIR) -> Catalogue:
    plans = [Plan.model_validate(read_yaml(path)) for path in sorted(directory.glob("*.yaml"))]
    return Catalogue(plans=tuple(plans))
