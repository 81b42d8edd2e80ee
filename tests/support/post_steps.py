"""/post driven through the emulator to its confirmation, in the language the author chose, with the bot's own
translations: a school post at a set time, an area post that waits for approval."""

from __future__ import annotations

import re
from typing import Any

from tests.support.app import RunningApp
from tests.support.chat import button_with, next_with
from tests.support.post_wizard import write_post

AWAITING = "Sent for approval. You will get a message when another coordinator or an admin approves it."
CARD = (
    "<b>A post needs your approval</b>\nFrom: {author}\nTo: {audience} ({n})\nSending: {when}\n"
    "Mode: {mode}\nThe post itself is above."
)
TEXTS = ("Ертең ата-аналар жиналысы болады.", "Завтра родительское собрание.")


def t(app: RunningApp, msgid: str, locale: str, **values: Any) -> str:
    """The translation as the chat shows it: Telegram HTML's tags become entities, not text."""
    text = str(app.dp["i18n"].gettext(msgid, locale=locale))
    return re.sub(r"<[^>]+>", "", text.format(**values) if values else text)


def card_head(app: RunningApp, locale: str) -> str:
    """The first line of the approval card of a post."""
    return t(app, CARD, locale).split("\n")[0]


async def school_post(
    app: RunningApp, staff: Any, locale: str, *, at: str | None = None, grade: str = "5"
) -> dict[str, Any]:
    """A silent post to one grade of the author's school, now or `at`; returns the message confirming it."""
    await write_post(staff, *TEXTS)
    grades = await staff.next_message()
    await staff.press(grades, button_with(grades, t(app, "grade {n}", locale, n=grade)))
    grades = await staff.wait_edit(grades)
    await staff.press(grades, button_with(grades, t(app, "Done", locale)))
    urgency = await staff.wait_edit(grades)
    return await _when_and_confirm(app, staff, urgency, "Silent", locale, at, "✅")


async def area_post(app: RunningApp, staff: Any, locale: str, *, urgency: str = "Silent") -> dict[str, Any]:
    """A post to the whole of the author's district, now; returns the message saying it went for approval."""
    await write_post(staff, *TEXTS)
    orgs = await staff.next_message()
    everyone = t(app, "Everyone in {scope}", locale).split("{scope}")[0]
    await staff.press(orgs, button_with(orgs, everyone))
    grades = await staff.wait_edit(orgs)
    await staff.press(grades, button_with(grades, t(app, "All grades", locale)))
    asked = await staff.wait_edit(grades)
    sent = t(app, AWAITING, locale).split(".")[0]
    return await _when_and_confirm(app, staff, asked, urgency, locale, None, sent)


async def _when_and_confirm(
    app: RunningApp,
    staff: Any,
    asked: dict[str, Any],
    urgency: str,
    locale: str,
    at: str | None,
    told: str,
) -> dict[str, Any]:
    """The urgency, when (now, or `at` typed as «dd.mm.yyyy hh:mm»), Confirm; the message with `told`."""
    await staff.press(asked, button_with(asked, t(app, urgency, locale)))
    when = await staff.wait_edit(asked)
    if at is None:
        await staff.press(when, button_with(when, t(app, "Now", locale)))
    else:
        await staff.press(when, button_with(when, t(app, "At a set time", locale)))
        await staff.wait_edit(when)
        await staff.send(at)
    summary = await next_with(staff, t(app, "<b>Check before sending</b>", locale))
    await staff.press(summary, button_with(summary, t(app, "Confirm", locale)))
    return await next_with(staff, told)
