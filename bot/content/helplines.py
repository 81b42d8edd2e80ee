from __future__ import annotations

from datetime import date

from pydantic import Field, field_validator

from bot.content.base import Bilingual, Strict


class HelplineText(Strict):
    name: str = Field(min_length=1)
    purpose: str = Field(min_length=1)
    hours: str = Field(min_length=1)


class Source(Strict):
    title: str = Field(min_length=1)
    url: str | None = None
    checked: date


class Helpline(Bilingual[HelplineText]):
    id: str = Field(pattern=r"^[a-z0-9_]{1,32}$")
    phone: str | None = Field(default=None, pattern=r"^\d{2,15}$")
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    emergency: bool = False
    free: bool | None = None
    anonymous: bool | None = None
    around_the_clock: bool | None = None
    source: Source

    def text(self, locale: str) -> HelplineText:
        return self.get(locale)


class HelplinesFile(Strict):
    version: int
    helplines: list[Helpline] = Field(min_length=1)

    @field_validator("helplines")
    @classmethod
    def _unique_ids(cls, items: list[Helpline]) -> list[Helpline]:
        ids = [h.id for h in items]
        if len(ids) != len(set(ids)):
            raise ValueError("helpline ids must be unique")
        return items
