from __future__ import annotations

import string
from datetime import date

from pydantic import Field, model_validator

from bot.content.base import BUTTON_LIMIT, Bilingual, Strict


class AboutText(Strict):
    title: str = Field(min_length=1)
    # The label of the button that opens the details, written to fit a phone button.
    more: str = Field(min_length=1, max_length=BUTTON_LIMIT)
    plan: str = Field(min_length=1)
    bot: str = Field(min_length=1)
    help: str = Field(min_length=1)
    sections: str = Field(min_length=1)
    figures: str = Field(min_length=1)
    results: str = Field(min_length=1)

    def first(self) -> list[str]:
        """The first message: what the roadmap is, what this bot is for, where to call."""
        return [self.plan, self.bot, self.help]

    def details(self) -> list[str]:
        """Behind the button: the sections, the figures and the expected results."""
        return [self.sections, self.figures, self.results]

    def parts(self) -> list[str]:
        return [*self.first(), *self.details()]


# Where the bot puts what followed the roadmap in its region on the day the page is shown.
SUCCESSOR = "successor"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class AboutFile(Bilingual[AboutText]):
    version: int
    # The catalogue's code of the roadmap the page describes (content/measures/); its region's roadmaps on the
    # day tell what followed it.
    plan: str = Field(pattern=r"^[a-z0-9-]{3,40}$")
    figures: dict[str, int]
    percent: dict[str, float] = Field(default_factory=dict)
    dates: dict[str, date] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _placeholders_known(self) -> AboutFile:
        known = set(self.figures) | set(self.percent) | set(self.dates)
        for locale in ("kk", "ru"):
            t = self.text(locale)
            used = set().union(*(placeholders(p) for p in t.parts()))
            if used - known - {SUCCESSOR}:
                raise ValueError(f"{locale}: unknown placeholders {sorted(used - known - {SUCCESSOR})}")
            # Said once, on the first screen, where the roadmap's end is told.
            marker = "{" + SUCCESSOR + "}"
            if t.plan.count(marker) != 1 or sum(p.count(marker) for p in t.parts()) != 1:
                raise ValueError(f"{locale}: {marker} belongs once in `plan` and nowhere else")
        return self

    def text(self, locale: str) -> AboutText:
        return self.get(locale)
