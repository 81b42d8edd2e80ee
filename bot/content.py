"""Loads and validates the long content in content/: one entry per language, checked at start-up."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class HelplineText(_Strict):
    name: str = Field(min_length=1)
    purpose: str = Field(min_length=1)
    hours: str = Field(min_length=1)


class Source(_Strict):
    title: str = Field(min_length=1)
    url: str | None = None
    checked: date


class Helpline(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]{1,32}$")
    phone: str | None = Field(default=None, pattern=r"^\d{2,15}$")
    url: str | None = Field(default=None, pattern=r"^https://\S+$")
    emergency: bool = False
    free: bool | None = None
    anonymous: bool | None = None
    around_the_clock: bool | None = None
    source: Source
    kk: HelplineText
    ru: HelplineText

    def text(self, locale: str) -> HelplineText:
        return self.kk if locale == "kk" else self.ru


class HelplinesFile(_Strict):
    version: int
    helplines: list[Helpline] = Field(min_length=1)

    @field_validator("helplines")
    @classmethod
    def _unique_ids(cls, items: list[Helpline]) -> list[Helpline]:
        ids = [h.id for h in items]
        if len(ids) != len(set(ids)):
            raise ValueError("helpline ids must be unique")
        return items


class PerLocale(_Strict):
    kk: str = Field(min_length=1)
    ru: str = Field(min_length=1)

    def get(self, locale: str) -> str:
        return self.kk if locale == "kk" else self.ru


class PhraseLists(_Strict):
    kk: list[str] = Field(min_length=1)
    ru: list[str] = Field(min_length=1)


class CrisisFile(_Strict):
    version: int
    reply: PerLocale
    phrases: PhraseLists


class Content(_Strict):
    helplines: tuple[Helpline, ...]
    crisis: CrisisFile

    @classmethod
    def load(cls, directory: Path = CONTENT_DIR) -> Content:
        helplines = HelplinesFile.model_validate(_read_yaml(directory / "helplines.yaml"))
        crisis = CrisisFile.model_validate(_read_yaml(directory / "crisis.yaml"))
        return cls(helplines=tuple(helplines.helplines), crisis=crisis)

    def helpline(self, helpline_id: str) -> Helpline | None:
        return next((h for h in self.helplines if h.id == helpline_id), None)

    def helplines_matching(self, query: str, locale: str) -> list[Helpline]:
        """Helplines whose number, name or purpose contains the query (for inline mode)."""
        words = [w for w in re.split(r"\s+", query.casefold().strip()) if w]
        if not words:
            return list(self.helplines)

        def haystack(h: Helpline) -> str:
            t = h.text(locale)
            return " ".join(filter(None, (h.phone, h.id, t.name, t.purpose))).casefold()

        return [h for h in self.helplines if all(w in haystack(h) for w in words)]


def _read_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)

