"""The header of a question asked again from a summary's ✏️ Change (bot/flows/revise.py): it names the part
being changed instead of «step N of M», for the person is not on step N of a fresh walk.

Every wizard's question stands under one bold header line, «<b>New post · step 2 of 6</b>» (its view's
`step_text`). While a part is being changed, `Step.show` (bot/flows/wizard.py) puts «✏️ Changing: <part>»
where the step's number was and keeps the wizard's name: «<b>New post · ✏️ Changing: Recipients</b>». So
every wizard with a `Revision` gets it without doing anything; a text with no such header line (a warning, a
summary) is shown as it is. The reminders that a draft is still open leave out the step's number then too
(`draft_step`).
"""

from __future__ import annotations

import html
import re
from typing import Any

from bot.views.phrases import __

# The draft's key for the part being changed from the summary: its id (`part`), its label as the press that
# chose it read it (`label`), and what the part was before (revise.py).
CHANGING = "revising"
# A step's header: a line that is bold from end to end.
_HEADER = re.compile(r"<b>([^<>\n]+)</b>")
# Between a wizard's name and the step's number in every header, in every language.
_DOT = " · "

changing_text = __("✏️ Changing: {part}")


def changing_label(data: dict[str, Any]) -> str | None:
    """The label of the part being changed from the summary; None when no part is (or when a draft changed
    before labels were kept says none)."""
    label = (data.get(CHANGING) or {}).get("label")
    return label if isinstance(label, str) and label else None


def is_changing(data: dict[str, Any]) -> bool:
    """Whether a part of the draft is being changed from the summary."""
    return bool((data.get(CHANGING) or {}).get("part"))


def changing_header(text: str, label: str, locale: str) -> str:
    """`text` (a question under its header) with the header naming the part `label` being changed."""
    first, newline, body = text.partition("\n")
    found = _HEADER.fullmatch(first)
    if not newline or found is None:
        return text
    name, dot, _number = found.group(1).rpartition(_DOT)
    changing = changing_text(locale).format(part=html.escape(label, quote=False))
    header = f"{name}{_DOT}{changing}" if dot else changing
    return f"<b>{header}</b>\n{body}"
