"""The lesson menus staff and parents go through: /upload to a lesson topic's file step, /lessons to a topic's
materials. By default the age group grades 5-9 and the topic bullying, with the titles of `locale`."""

from __future__ import annotations

from typing import Any

from tests.support.app import RunningApp
from tests.support.chat import Message, button_with, pick_language
from tests.support.org_tree import SCHOOL, SCHOOL_2, add_parent


async def _group_and_topic(
    app: RunningApp, user: Any, groups: Message, locale: str, group: str, topic: str
) -> Message:
    """Presses `group` on `groups`, then `topic` on the message as edited; returns the message the topic was
    pressed on (what the press brings, an edit or a new message, is the caller's to wait for)."""
    content = app.dp["content"]
    await user.press(groups, button_with(groups, content.age_group(group).get(locale).title))
    topics = await user.wait_edit(groups)
    await user.press(topics, button_with(topics, content.topic(topic)[1].get(locale).title))
    return topics


async def upload_to_lesson_topic(
    app: RunningApp, staff: Any, locale: str, group: str = "grades_5_9", topic: str = "bullying"
) -> Message:
    """/upload → 📚 lesson → `group` → `topic`; returns the prompt for the file."""
    await staff.send("/upload")
    start = await staff.next_message()
    await staff.press(start, button_with(start, "📚"))
    groups = await staff.wait_edit(start)
    topics = await _group_and_topic(app, staff, groups, locale, group, topic)
    return await staff.wait_edit(topics)


async def open_lesson_topic(
    app: RunningApp, parent: Any, locale: str, group: str = "grades_5_9", topic: str = "bullying"
) -> Message:
    """/lessons → `group` → `topic`; returns the topic's message, its materials as buttons."""
    await parent.send("/lessons")
    groups = await parent.next_message()
    await _group_and_topic(app, parent, groups, locale, group, topic)
    return await parent.next_message()


async def lesson_readers(app: RunningApp, kk_id: int, ru_id: int) -> tuple[Any, Any]:
    """Two parents of the district's schools who have started the bot: `kk_id` reads in Kazakh (grade 6 of
    school 2), `ru_id` in Russian (grade 7 of school 1). The organisation tree must be in the database."""
    sm = app.dp["sessionmaker"]
    parent_kk, parent_ru = app.emu.user(kk_id), app.emu.user(ru_id)
    await pick_language(parent_kk, "kk")
    await pick_language(parent_ru, "ru")
    await add_parent(sm, kk_id, "kk", (SCHOOL_2, "6"))
    await add_parent(sm, ru_id, "ru", (SCHOOL, "7"))
    return parent_kk, parent_ru
