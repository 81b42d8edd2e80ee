"""✏️ Change on the /upload summary (bot/flows/revise.py): the section (lesson topic or memo), the file or
link, the language with the titles, and a memo's age group, each asked again saying what is there now; then
straight back to a fresh summary with the rest of the draft kept.

A part goes on through the steps it is made of: a new topic is chosen by its age group, a new memo by its
category (a lesson topic changed into a memo is asked its age too, a lesson having none to keep), the titles
after the language. A new file is a new document or link, checked as on the way forward; its language and
titles stay.
"""

from __future__ import annotations

from html import escape

from bot.flows.revise import Part, Revision
from bot.flows.wizard import Step, Wizard
from bot.views import material_upload as v
from bot.views import now_notes as notes
from bot.views import upload_keyboards as kb
from domain.enums import MaterialTarget
from handlers.material_upload_ask import (
    MaterialAuthoring,
    ask_age,
    ask_file,
    ask_language,
    ask_target,
    show_preview,
)


async def _parts(step: Step) -> list[Part]:
    """What ✏️ Change offers this draft: the age group only for a memo."""
    memo = (await step.data()).get("target") == MaterialTarget.MEMO
    return [part for part in kb.PARTS if part.id != "age" or memo]


async def _ask_again(step: Step, part: str) -> None:
    """A part asked again in place of the menu, its first question saying what is there now."""
    data, locale, content = await step.data(), step.locale, step.content
    if part == "for":
        now = v.target_title(content, data["target"], data["slug"], locale)
        await ask_target(step, edit=True, note=notes.now_note(now, locale))
    elif part == "file":
        now = v.attached_name(data.get("url"), data.get("file_name"), data.get("media_type"), locale)
        await ask_file(step, content, note=notes.now_note(now, locale))
    elif part == "titles":
        both = data.get("language") == "both"
        titles = [data.get("title") or "", *([data.get("title_ru") or ""] if both else [])]
        quoted = " / ".join(f"«{escape(title)}»" for title in titles)
        now = f"{v.language_name(data.get('language') or '', locale)}, {quoted}"
        await ask_language(step, edit=True, note=notes.now_note(now, locale))
    else:
        now = v.age_name(content, data.get("age_group"), locale)
        await ask_age(step, content, edit=True, note=notes.now_note(now, locale))


async def _summary(step: Step) -> None:
    await show_preview(step, step.content, edit=True)


def register(flow: Wizard) -> None:
    """✏️ Change on /upload's summary; ⬅️ Back to its menu at the first question of each part."""
    m = MaterialAuthoring
    changes = Revision(
        flow, kb.UploadReviseCb, kb.CANCEL, (m.preview, m.revise), _parts, _ask_again, _summary
    )
    changes.register(m.target, m.file, m.language, m.age)
