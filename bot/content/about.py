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


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class AboutFile(Bilingual[AboutText]):
    version: int
    figures: dict[str, int]
    percent: dict[str, float] = Field(default_factory=dict)
    dates: dict[str, date] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _placeholders_known(self) -> AboutFile:
        known = set(self.figures) | set(self.percent) | set(self.dates)
        for locale in ("kk", "ru"):
            used = set().union(*(placeholders(p) for p in self.text(locale).parts()))
            if used - known:
                raise ValueError(f"{locale}: unknown placeholders {sorted(used - known)}")
        return self

    def text(self, locale: str) -> AboutText:
        return self.get(locale)
