"""/upload's questions and its summary: each step asked on the way forward, again by ⬅️ Back from the step
after it, or again for a part changed from the summary's ✏️ Change (handlers/material_upload_change.py).

Every question after the first has ⬅️ Back and ✖️ Cancel. The first question of a part being changed has
⬅️ Back to the menu of ✏️ Change, which puts the part back as it was; a later question of that part (the
topic after the age group, the titles after the language) goes back to the one before it, as on the way
forward.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup

from bot.access import Access
from bot.content import AgeGroup, Content
from bot.flows import revise
from bot.flows.wizard import Step, WizardTexts, step_over
from bot.views import material_upload as v
from bot.views import upload_keyboards as kb
from db.models import Material
from db.repositories.materials import NewMaterial
from domain.enums import MaterialTarget
from handlers.material_review import review_codes


class MaterialAuthoring(StatesGroup):
    target = State()
    group = State()
    topic = State()
    category = State()
    memo = State()
    file = State()
    language = State()
    title = State()  # the Kazakh title of a material in both languages, else its only one
    title_ru = State()
    age = State()
    preview = State()
    revise = State()  # the menu of the summary's ✏️ Change


TEXTS = WizardTexts(step_over("upload"), v.cancelled_text, v.already_saved_text, command="upload")
# What the draft holds of a material; who proposes it and from where come from the access.
DRAFT_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(NewMaterial)
    if f.name not in ("proposed_by", "org_code", "territory_code")
)
# The part of ✏️ Change (bot/views/upload_keyboards.py, PARTS) each of its first questions begins.
BEGINS = {"target": "for", "file": "file", "language": "titles", "age": "age"}


def new_material(data: dict[str, Any], access: Access) -> NewMaterial:
    # Where the material comes from: the first organisation the user works for (none for an admin). A
    # coordinator's own upload reaches their first area; an admin's, everyone; a proposal, what its reviewer
    # approves it for.
    scopes = access.scope_codes
    areas = access.coordinator_areas
    territory = areas[0] if areas else None
    fields: dict[str, Any] = {name: data.get(name) for name in DRAFT_FIELDS}
    if fields["language"] != "both":
        fields["title_ru"] = None
    return NewMaterial(
        **fields, proposed_by=access.user_id, org_code=scopes[0] if scopes else None, territory_code=territory
    )


def _first_of_part(data: dict[str, Any], name: str) -> bool:
    """Whether step `name` is the first question of the part being changed from the summary."""
    part = BEGINS.get(name)
    return part is not None and revise.revising(data) == part


async def back_of(step: Step, name: str) -> CallbackData:
    """⬅️ Back of step `name`: to the menu of ✏️ Change at a part's first question, else to the step before."""
    return revise.back_for(await step.data(), BEGINS.get(name), kb.TO_MENU, kb.BACK)


async def ask(step: Step, name: str, body: str, markup: InlineKeyboardMarkup, *, edit: bool) -> None:
    """A step's question under its number among the steps this uploader sees. A part's first question
    carries the menu of ✏️ Change from now on: its ⬅️ Back counts on this message."""
    data = await step.data()
    steps = await step.counted(name, v.upload_steps(data))
    shown = await step.show(v.step_text(name, steps, body, step.locale), markup, edit=edit)
    if _first_of_part(data, name):
        await revise.counts_on(step, shown)


def _note(body: str, note: str) -> str:
    return f"{body}\n{note}" if note else body


async def ask_target(step: Step, *, edit: bool, note: str = "") -> None:
    # Review waits behind its own button only on the way forward: from the summary it would end the draft.
    changing = revise.revising(await step.data()) is not None
    pending = 0
    if step.access.is_coordinator and not changing:
        pending = await step.repo.materials.count_pending_in(await review_codes(step.access, step.repo))
    await step.state.set_state(MaterialAuthoring.target)
    back = await back_of(step, "target") if changing else None
    markup = kb.target_keyboard(pending, step.locale, back)
    await ask(step, "target", _note(v.ask_target(step.locale), note), markup, edit=edit)


async def ask_group(step: Step, content: Content) -> None:
    await step.state.set_state(MaterialAuthoring.group)
    markup = kb.groups_keyboard(content, step.locale)
    await ask(step, "group", v.ask_group(step.locale), markup, edit=True)


async def ask_topic(step: Step, group: AgeGroup) -> None:
    await step.state.update_data(group=group.slug)
    await step.state.set_state(MaterialAuthoring.topic)
    markup = kb.topics_keyboard(group, step.locale)
    await ask(step, "topic", v.ask_topic(group, step.locale), markup, edit=True)


async def ask_category(step: Step, content: Content) -> None:
    await step.state.set_state(MaterialAuthoring.category)
    markup = kb.categories_keyboard(content, step.locale)
    await ask(step, "category", v.ask_category(step.locale), markup, edit=True)


async def ask_memo(step: Step, content: Content, slug: str) -> None:
    category = content.category(slug)
    if category is None:  # content no longer has it: the categories again
        await ask_category(step, content)
        return
    await step.state.update_data(category=slug)
    await step.state.set_state(MaterialAuthoring.memo)
    markup = kb.memos_keyboard(content, slug, step.locale)
    await ask(step, "memo", v.ask_memo(category, step.locale), markup, edit=True)


async def ask_file(step: Step, content: Content, *, note: str = "") -> None:
    data = await step.data()
    await step.state.set_state(MaterialAuthoring.file)
    target = v.target_title(content, data["target"], data["slug"], step.locale)
    markup = kb.cancel_keyboard(step.locale, await back_of(step, "file"))
    await ask(step, "file", _note(v.ask_file(target, step.locale), note), markup, edit=True)


async def ask_language(step: Step, *, edit: bool, note: str = "") -> None:
    await step.state.set_state(MaterialAuthoring.language)
    markup = kb.language_keyboard(step.locale, await back_of(step, "language"))
    await ask(step, "language", _note(v.ask_language(step.locale), note), markup, edit=edit)


async def ask_title(step: Step, *, russian: bool = False) -> None:
    """The one title, or the Kazakh one; with `russian`, the Russian one of a material in both languages."""
    data = await step.data()
    suggestion, both = data.get("suggested_title"), data.get("language") == "both"
    name = "title_ru" if russian else "title"
    await step.state.set_state(MaterialAuthoring.title_ru if russian else MaterialAuthoring.title)
    question = v.ask_title(suggestion, step.locale, ("ru" if russian else "kk") if both else "")
    await ask(step, name, question, kb.title_keyboard(suggestion, step.locale), edit=True)


async def ask_age(step: Step, content: Content, *, edit: bool, note: str = "") -> None:
    await step.state.set_state(MaterialAuthoring.age)
    markup = kb.age_keyboard(content, step.locale, await back_of(step, "age"))
    await ask(step, "age", _note(v.ask_age(step.locale), note), markup, edit=edit)


async def show_preview(step: Step, content: Content, *, edit: bool) -> None:
    """The summary, with Confirm and ✏️ Change: after the last step, or after a part changed from it."""
    await revise.done(step)
    await step.state.set_state(MaterialAuthoring.preview)
    # An unsaved Material, so the preview goes through the very texts the review card uses.
    draft = Material(**dataclasses.asdict(new_material(await step.data(), step.access)))
    text = v.preview_text(content, draft, step.access.is_coordinator, step.locale)
    shown = await step.show(text, kb.confirm_keyboard(step.locale), edit=edit)
    await revise.counts_on(step, shown)


async def on_back(query: CallbackQuery, step: Step, content: Content) -> None:
    """⬅️ Back: the question of the step before the one the draft is at, in place of this one."""
    data = await step.data()
    current = (await step.state.get_state() or "").rpartition(":")[2]
    if _first_of_part(data, current):
        # Its Back is the menu's (`TO_MENU`): this one is from a message the step has left.
        await query.answer(TEXTS.step_over(step.locale), show_alert=True)
        return
    await query.answer()
    lesson = data.get("target") == MaterialTarget.LESSON
    if current in ("group", "category"):
        await ask_target(step, edit=True)
    elif current == "topic" or (current == "file" and lesson):
        await _back_to_topics(step, content, data.get("group") or data.get("age_group"))
    elif current == "memo":
        await ask_category(step, content)
    elif current == "file":
        await ask_memo(step, content, data.get("category") or "")
    elif current == "language":
        await ask_file(step, content)
    elif current == "title":
        await ask_language(step, edit=True)
    elif current == "title_ru":
        await ask_title(step)
    elif revise.revising(data) == "for":  # the age of a lesson topic changed into a memo: the memo again
        await ask_memo(step, content, data.get("category") or "")
    else:  # the age: the title before it
        await ask_title(step, russian=data.get("language") == "both")


async def _back_to_topics(step: Step, content: Content, group_slug: str | None) -> None:
    """From the topics, the age groups; from the file of a lesson topic, the topics of its age group."""
    group = content.age_group(group_slug) if group_slug else None
    current = await step.state.get_state()
    if group is None or current == MaterialAuthoring.topic.state:
        await ask_group(step, content)
    else:
        await ask_topic(step, group)


def question_states() -> tuple[State, ...]:
    """The steps with ⬅️ Back: all but the first and the summary."""
    m = MaterialAuthoring
    return (m.group, m.topic, m.category, m.memo, m.file, m.language, m.title, m.title_ru, m.age)
