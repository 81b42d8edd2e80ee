"""Tells Kazakh text from Russian by Kazakh-specific letters, ignoring Kazakh names used in Russian."""

from __future__ import annotations

from bot.content import CONTENT_DIR
from bot.content_check import KAZAKH_LETTERS, Allowlist

NAMES = Allowlist.load(CONTENT_DIR / "spelling_allowlist.yaml").names_in_russian


def has_kazakh_letters(text: str) -> bool:
    for name in NAMES:
        text = text.replace(name, "")
    return bool(KAZAKH_LETTERS & set(text))
