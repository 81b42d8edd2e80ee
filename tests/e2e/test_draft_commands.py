"""A command typed during a staff wizard's draft is never the answer to its step, and never drops the draft
unsaid: another wizard's command (or the same one) says the draft is not finished, with Continue and Cancel;
a command that only shows something (/helplines, /stats) answers, reminds that the draft is open and leaves
it as it was; /cancel ends it. Through the emulator, in Kazakh and Russian."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.views import post_flow as post_views
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.org_tree import SCHOOL, add_tree, grant

PSY = 8951
HEADER = re.compile(r"(\d+)/(\d+)-қадам|шаг (\d+) из (\d+)")
KK_TEXT, RU_TEXT = "Ертең ата-аналар жиналысы болады.", "Завтра родительское собрание."
Message = dict[str, Any]
# The note as the catalogs have it (with the step's number, and without), and Continue's answer.
AT_STEP = (
    "✋ Your /{command} draft is not finished: step {step} of {steps}. Continue it, or cancel it and send "
    "/{typed} again."
)
UNNUMBERED = "✋ Your /{command} draft is not finished. Continue it, or cancel it and send /{typed} again."
GO_ON = "▶️ Go on with the draft: answer the question above."


def plain(text: str) -> str:
    """A view's Telegram HTML as the chat shows it."""
    return re.sub(r"<[^>]+>", "", text)


def t(app: RunningApp, msgid: str, locale: str) -> str:
    return plain(str(app.dp["i18n"].gettext(msgid, locale=locale)))


def header(message: Message) -> tuple[int, int]:
    found = HEADER.search(str(message["text"]))
    assert found, f"no step number in {message['text']!r}"
    number, total = (int(g) for g in found.groups() if g is not None)
    return number, total


async def _psychologist(app: RunningApp, locale: str) -> Any:
    """A psychologist of one school: /post asks for the Kazakh text at once."""
    await add_tree(app.dp["sessionmaker"])
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL)
    user = app.emu.user(PSY)
    await pick_language(user, locale)
    return user


async def unfinished(
    app: RunningApp, user: Any, typed: str, command: str, at: tuple[int, int] | None, locale: str
) -> Message:
    """/`typed` during the /`command` draft: the note (with the step when `at`), Continue and ✖️ Cancel."""
    await app.idle()
    await user.send(f"/{typed}")
    note = await user.next_message()
    values = {"command": command, "typed": typed}
    if at is not None:
        values.update(step=str(at[0]), steps=str(at[1]))
    expected = t(app, AT_STEP if at is not None else UNNUMBERED, locale).format(**values)
    assert note["text"] == expected, (note["text"], expected)
    labels = button_texts(note)
    assert labels == ["▶️ " + t(app, "Continue", locale), "✖️ " + t(app, "Cancel", locale)], labels
    return note


async def go_on(app: RunningApp, user: Any, note: Message, question: Message, locale: str) -> None:
    """Continue: the note's buttons go, and the answer quotes the step's question."""
    await user.press(note, button_with(note, t(app, "Continue", locale)))
    assert not (await user.wait_edit(note)).get("reply_markup")
    reply = await user.next_message()
    assert reply["text"] == t(app, GO_ON, locale)
    assert (reply.get("reply_to_message") or {}).get("message_id") == question["message_id"]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_command_is_no_post_text(app: RunningApp, locale: str) -> None:
    """/event at /post's Kazakh text step and /update at its Russian one are not the post's text and do not
    start over it: the note names the step; Continue brings the question back; the draft goes on to the
    end with the texts typed after."""
    user = await _psychologist(app, locale)
    await user.send("/post")
    text_kk = await user.next_message()
    note = await unfinished(app, user, "event", "post", header(text_kk), locale)
    await go_on(app, user, note, text_kk, locale)
    await user.send(KK_TEXT)
    text_ru = await user.next_message()
    assert header(text_ru)[0] == header(text_kk)[0] + 1
    await unfinished(app, user, "update", "post", header(text_ru), locale)
    await unfinished(app, user, "post", "post", header(text_ru), locale)  # the same wizard again
    await user.send(RU_TEXT)
    media = await user.next_message()
    await user.press(media, 0)  # no attachment
    grades = await user.next_message()
    await user.press(grades, button_with(grades, t(app, "All grades", locale)))
    urgency = await user.wait_edit(grades)
    await user.press(urgency, button_with(urgency, t(app, "Normal", locale)))
    when = await user.wait_edit(urgency)
    await user.press(when, button_with(when, t(app, "Now", locale)))
    shown = [await user.next_message()]  # the post as it will look, then the summary
    while t(app, "<b>Check before sending</b>", locale) not in shown[-1]["text"]:
        shown.append(await user.next_message())
    post = "\n".join(message["text"] for message in shown[:-1])
    assert (KK_TEXT if locale == "kk" else RU_TEXT) in post
    assert "/event" not in post and "/update" not in post and "/post" not in post
    summary = shown[-1]
    await unfinished(app, user, "event", "post", None, locale)  # the summary has no step number
    await user.press(summary, button_with(summary, t(app, "Confirm", locale)))
    await next_with(user, "✅")
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_another_wizards_command_at_a_buttons_step(app: RunningApp, locale: str) -> None:
    """/post at /event's grades step (answered by its buttons alone) keeps the event's draft: Continue quotes
    the grades question and its buttons still work; /post again, then the note's Cancel ends the event's
    draft in its own words, and /post then starts."""
    user = await _psychologist(app, locale)
    await user.send("/event")
    await user.next_message()
    for typed in ("Қауіпсіз интернет", "Безопасный интернет", "20.12.2026 18:30", "Актовый зал"):
        await user.send(typed)
        grades = await user.next_message()
    at = header(grades)  # the chat's copy of the message changes as the bot edits it
    note = await unfinished(app, user, "post", "event", at, locale)
    await go_on(app, user, note, grades, locale)
    await user.press(grades, button_with(grades, t(app, "All grades", locale)))
    capacity = await user.wait_edit(grades)  # the capacity, asked in its place
    assert header(capacity)[0] == at[0] + 1
    note = await unfinished(app, user, "post", "event", header(capacity), locale)
    await user.press(note, button_with(note, t(app, "Cancel", locale)))
    cancelled = await user.wait_edit(note)
    with app.dp["i18n"].context():
        assert cancelled["text"] == plain(post_views.cancelled_text(locale))
    assert not cancelled.get("reply_markup")
    await user.send("/post")
    assert header(await user.next_message())[0] == 1  # the post's Kazakh text
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_showing_commands_keep_the_draft(app: RunningApp, locale: str) -> None:
    """/helplines and /stats at /post's text step answer as always (111 and 112; the post history), each
    followed by the reminder that the draft is still open (tests/e2e/test_draft_reminder.py), and the draft
    stays at its step: the text typed next is the post's Kazakh text."""
    user = await _psychologist(app, locale)
    await user.send("/post")
    text_kk = await user.next_message()
    await user.send("/helplines")
    helplines = await user.next_message()
    assert "111" in helplines["text"] and "112" in helplines["text"]
    assert (await user.next_message())["text"].startswith("📝")
    await user.send("/stats")
    stats = await user.next_message()
    with app.dp["i18n"].context():
        assert stats["text"] != plain(post_views.text_expected(locale))
    assert "111" not in stats["text"]
    assert (await user.next_message())["text"].startswith("📝")
    await user.send(KK_TEXT)
    text_ru = await user.next_message()
    assert header(text_ru)[0] == header(text_kk)[0] + 1
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_cancel_still_ends_the_draft(app: RunningApp, locale: str) -> None:
    """/cancel at /post's text step ends the draft in /post's words; nothing is left to cancel after."""
    user = await _psychologist(app, locale)
    await user.send("/post")
    await user.next_message()
    await user.send("/cancel")
    with app.dp["i18n"].context():
        assert (await user.next_message())["text"] == plain(post_views.cancelled_text(locale))
        await user.send("/cancel")
        assert (await user.next_message())["text"] == plain(post_views.nothing_to_cancel(locale))
