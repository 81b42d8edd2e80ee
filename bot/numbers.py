"""Numbers typed by people or carried in buttons: ASCII digits only.

str.isdigit() accepts «²», «٣» and other Unicode digits that int() then refuses or reads unexpectedly, so a
forged button or `/update ²` would raise instead of getting a polite answer.
"""

from __future__ import annotations

import re

_ASCII_INT = re.compile(r"-?[0-9]{1,9}")


def ascii_int(text: str | None, *, signed: bool = False) -> int | None:
    """The integer written in ``text`` with ASCII digits only (a leading minus when ``signed``), else None."""
    if not text or not _ASCII_INT.fullmatch(text) or (text.startswith("-") and not signed):
        return None
    return int(text)
