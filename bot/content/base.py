"""Shared pieces of the content models: strict parsing and one entry per language."""

from __future__ import annotations

from pathlib import Path
from typing import Generic, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")
SLUG = r"^[a-z0-9_]{1,40}$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(Strict, Generic[T]):
    """The same item in Kazakh and Russian; a missing language fails at load."""

    kk: T
    ru: T

    def get(self, locale: str) -> T:
        return self.kk if locale == "kk" else self.ru


class Title(Strict):
    title: str = Field(min_length=1, max_length=80)


def read_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
