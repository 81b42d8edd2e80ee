"""Every catalog entry whose msgid has {placeholders} is flagged python-brace-format in the file itself, in kk
and ru, as the catalogs' other brace entries are (Babel adds the flag when it reads an entry, so the file's
own text is read here). The draft notes' entries lacked it."""

from __future__ import annotations

import re

import pytest

from bot.i18n import LOCALES, po_path

pytestmark = pytest.mark.no_database

PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*\}")
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _entries(text: str) -> list[tuple[str, str]]:
    """(flags line, msgid) of each entry of a .po file."""
    found = []
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        flags = " ".join(line for line in lines if line.startswith("#,"))
        msgid, reading = [], False
        for line in lines:
            if line.startswith("msgid "):
                reading = True
            elif not line.startswith('"'):
                reading = False
            if reading:
                msgid.extend(QUOTED.findall(line))
        if msgid:
            found.append((flags, "".join(msgid)))
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_brace_entries_are_flagged(locale: str) -> None:
    entries = _entries(po_path(locale).read_text(encoding="utf-8"))
    assert len(entries) > 100
    unflagged = [
        msgid for flags, msgid in entries if PLACEHOLDER.search(msgid) and "python-brace-format" not in flags
    ]
    assert unflagged == []
