"""Organisation names in the reader's language."""

from __future__ import annotations

from typing import Protocol


class Named(Protocol):
    name_kk: str
    name_ru: str


def org_name(org: Named, locale: str) -> str:
    return org.name_ru if locale == "ru" else org.name_kk
