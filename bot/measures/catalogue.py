"""The catalogue of roadmap measures: one YAML file per plan in content/measures/.

Each plan (Karaganda 2023-2025 now; another region or period later) is a file of its own; measure numbers
are unique within a plan.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field

from bot.content import CONTENT_DIR
from bot.content.base import Bilingual, Strict, read_yaml

MEASURES_DIR = CONTENT_DIR / "measures"
FIGURE_KEY = r"^[a-z_]{2,30}$"


class Deadline(Strict):
    """When a measure is due.

    once: by `on`. yearly: by `month`/`day` every year of the plan. semiannual: every June and December
    (or the `months` given). quarterly: by the end of each quarter. school_year: by the end of each school
    year (31 May). continuous: all through the plan, reported each `months` (default December).
    """

    kind: Literal["once", "yearly", "semiannual", "quarterly", "school_year", "continuous"]
    on: date | None = None
    months: tuple[int, ...] = ()
    text: Bilingual[str]  # the deadline as the roadmap words it, in each language


class Section(Strict):
    number: int = Field(ge=1)
    title: Bilingual[str]


class Measure(Strict):
    number: int = Field(ge=1)
    section: int = Field(ge=1)
    title: Bilingual[str]  # short, in our own words
    form: Bilingual[str]  # how completion is shown (information to the Ministry, an order, a report...)
    deadline: Deadline
    responsible: str  # the bodies, abbreviated as in the roadmap
    parent_facing: bool = False
    figures: tuple[str, ...] = ()  # keys of countable results staff report, e.g. participants, stands


class Plan(Strict):
    code: str = Field(pattern=r"^[a-z0-9-]{3,40}$")
    region: str  # organisation code of the region the plan covers
    title: Bilingual[str]
    starts: date
    ends: date
    sections: tuple[Section, ...]
    measures: tuple[Measure, ...]

    def measure(self, number: int) -> Measure | None:
        return next((m for m in self.measures if m.number == number), None)

    def in_section(self, section: int) -> list[Measure]:
        return [m for m in self.measures if m.section == section]


class Catalogue(Strict):
    plans: tuple[Plan, ...]

    def plan(self, code: str) -> Plan | None:
        return next((p for p in self.plans if p.code == code), None)

    def plan_for_region(self, region_code: str) -> Plan | None:
        return next((p for p in self.plans if p.region == region_code), None)


def load_catalogue(directory: Path = MEASURES_DIR) -> Catalogue:
    plans = [Plan.model_validate(read_yaml(path)) for path in sorted(directory.glob("*.yaml"))]
    return Catalogue(plans=tuple(plans))
