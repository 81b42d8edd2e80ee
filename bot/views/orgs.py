"""Organisation names in the reader's language: `org_name` for buttons and plain text, `org_html` for
messages (Telegram HTML), since a name may hold «&» or «<» (the import refuses markup, not these)."""

from __future__ import annotations

import html
from typing import Protocol


class Named(Protocol):
    name_kk: str
    name_ru: str


def org_name(org: Named, locale: str) -> str:
    return org.name_ru if locale == "ru" else org.name_kk


def org_html(org: Named, locale: str) -> str:
    return html.escape(org_name(org, locale), quote=False)
