"""Shared pieces of the content models: strict parsing and one entry per language."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

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


# A one-column inline button shows about this many characters on a phone before the client cuts it
# mid-word; a longer title gets a label written for the button.
BUTTON_LIMIT = 30


class Labelled(Strict):
    """A title with an optional shorter label for its button; a title too long for a button needs one."""

    title: str = Field(min_length=1, max_length=80)
    button: str | None = Field(default=None, min_length=1, max_length=BUTTON_LIMIT)

    @model_validator(mode="after")
    def _fits_a_button(self) -> Labelled:
        if self.button is None and len(self.title) > BUTTON_LIMIT:
            raise ValueError(f"title {self.title!r} is too long for a button: give it a button label")
        return self

    @property
    def label(self) -> str:
        return self.button or self.title


# libyaml's parser, where PyYAML was built with it, reads the content about ten times faster; the bot (and
# every test) reads all of content/ at start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_LOADER)


def read_yaml(path: Path) -> object:
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)
