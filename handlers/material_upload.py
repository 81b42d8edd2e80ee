"""/upload: staff attach files and links to lesson topics and memos; school staff proposals await review.

The bot keeps Telegram's file_id with the file's name, size, MIME type and sha256; the bytes are downloaded
only to be hashed, and never opened, parsed or stored. Coordinators and admins publish at once; a school
psychologist, social pedagogue or deputy director proposes, and a coordinator over their organisation
approves or rejects with a reason (handlers/material_review.py).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any, TypeVar

from aiogram import F, Router
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.access import Access
from bot.content import Content
from bot.flows.bilingual import kazakh_taken, russian_taken
from bot.flows.typed_input import typed_line
from bot.flows.wizard import Step, StepOf, Unsaved, Wizard, WizardTexts, step_over
from bot.materials.allowlist import MAX_BYTES
from bot.materials.checksum import DownloadFailed, sha256_of
from bot.materials.intake import draft_fields
from bot.settings import Settings
from bot.views import material_upload as v
from bot.views import upload_keyboards as kb
from bot.views.material_titles import UploadKeepTitleCb, keep_title_keyboard
from bot.views.upload_keyboards import (
    Decision,
    Pick,
    ReviewCb,
    UploadAct,
    UploadCb,
    UploadLanguageCb,
    UploadPickCb,
)
from db.models import Material
from db.repositories.materials import NewMaterial
from domain.enums import MaterialTarget
from handlers import material_review
from handlers.material_review import MaterialReviewAuthoring, ask_reviewers, review_codes, send_review_card

__all__ = ["Decision", "ReviewCb", "build_router"]

log = logging.getLogger(__name__)

PENDING_PAGE = 5
T = TypeVar("T")


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


TEXTS = WizardTexts(step_over("upload"), v.cancelled_text, v.already_saved_text, command="upload")
# What the draft holds of a material; who proposes it and from where come from the access.
DRAFT_FIELDS = tuple(
    f.name
    for f in dataclasses.fields(NewMaterial)
    if f.name not in ("proposed_by", "org_code", "territory_code")
)


def _new_material(data: dict[str, Any], access: Access) -> NewMaterial:
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


async def _ask(step: Step, name: str, body: str, markup: InlineKeyboardMarkup, *, edit: bool) -> None:
    """A step's question under its number among the steps this uploader sees."""
    steps = await step.counted(name, v.upload_steps(await step.data()))
    await step.show(v.step_text(name, steps, body, step.locale), markup, edit=edit)


# --- typed steps ----------------------------------------------------------------------------------------


async def start_upload(message: Message, step: Step) -> None:
    await step.state.clear()
    pending = 0
    if step.access.is_coordinator:
        pending = await step.repo.materials.count_pending_in(await review_codes(step.access, step.repo))
    await step.state.set_state(MaterialAuthoring.target)
    await _ask(
        step, "target", v.ask_target(step.locale), kb.target_keyboard(pending, step.locale), edit=False
    )


async def got_file(message: Message, step: Step, content: Content) -> None:
    data, locale, materials = await step.data(), step.locale, step.repo.materials
    found = draft_fields(message, locale)
    if isinstance(found, str):  # why it is refused
        await message.answer(found, reply_markup=kb.cancel_keyboard(locale))
        return
    if found.get("url"):
        existing = await materials.same_link_on(data["target"], data["slug"], found["url"])
    else:
        try:
            found["checksum"] = await sha256_of(step.bot, found["file_id"], MAX_BYTES)
        except DownloadFailed as exc:
            log.info("material download failed: %s", exc)
            await message.answer(v.download_failed_text(locale), reply_markup=kb.cancel_keyboard(locale))
            return
        existing = await materials.same_file_on(data["target"], data["slug"], found["checksum"])
    if existing is not None:
        target = v.target_title(content, data["target"], data["slug"], locale)
        await message.answer(
            v.duplicate_text(target, existing, locale), reply_markup=kb.cancel_keyboard(locale)
        )
        return
    await step.state.update_data(**found)
    await step.state.set_state(MaterialAuthoring.language)
    await _ask(step, "language", v.ask_language(locale), kb.language_keyboard(locale), edit=False)


async def _typed_title(message: Message, step: Step) -> str | None:
    # One line: it becomes a button label.
    return await step.accept(typed_line(message), v.TITLE_LIMIT, v.title_expected, v.title_too_long)


async def got_title(message: Message, step: Step, content: Content) -> None:
    if (title := await _typed_title(message, step)) is not None:
        await _title_taken(step, content, title, edit=False)


async def got_title_ru(message: Message, step: Step, content: Content) -> None:
    if (title := await _typed_title(message, step)) is not None:
        await _russian_title_taken(step, content, title, edit=False)


async def _title_taken(step: Step, content: Content, title: str, *, edit: bool) -> None:
    """The one title; or the Kazakh one of a material in both languages, and then the Russian one is asked
    (a new message, with the file name offered again), as /post and /event ask their two texts."""
    data = await step.data()
    if data.get("language") != "both":
        await step.state.update_data(title=title)
        await _after_title(step, content, edit=edit)
        return
    suggestion, locale = data.get("suggested_title"), step.locale
    steps = await step.counted("title_ru", v.upload_steps(data))
    ask_ru = v.step_text("title_ru", steps, v.ask_title(suggestion, locale, "ru"), locale)
    markup = kb.title_keyboard(suggestion, locale)
    await kazakh_taken(step, "title", title, ask_ru, MaterialAuthoring.title_ru, markup)
    if edit and await step.state.get_state() == MaterialAuthoring.title_ru.state:
        # The Kazakh question's file-name button would otherwise answer the Russian step.
        await step.message.edit_reply_markup(reply_markup=None)


async def _russian_title_taken(step: Step, content: Content, title: str, *, edit: bool) -> None:
    """Kept unless it has no words or the two titles look like one language: then the uploader sends it
    again or keeps it (`on_keep_title`)."""
    if await russian_taken(step, ("title", "title_ru"), title, keep_title_keyboard(step.locale)):
        await _after_title(step, content, edit=edit)


async def _after_title(step: Step, content: Content, *, edit: bool) -> None:
    if (await step.data())["target"] == MaterialTarget.LESSON:
        # A lesson topic belongs to one age group: nothing to ask.
        await _show_preview(step, content, edit=edit)
        return
    await step.state.set_state(MaterialAuthoring.age)
    await _ask(step, "age", v.ask_age(step.locale), kb.age_keyboard(content, step.locale), edit=edit)


async def _show_preview(step: Step, content: Content, *, edit: bool) -> None:
    await step.state.set_state(MaterialAuthoring.preview)
    # An unsaved Material, so the preview goes through the very texts the review card uses.
    draft = Material(**dataclasses.asdict(_new_material(await step.data(), step.access)))
    text = v.preview_text(content, draft, step.access.is_coordinator, step.locale)
    await step.show(text, kb.confirm_keyboard(step.locale), edit=edit)


async def _ask_file(step: Step, content: Content, **draft: Any) -> None:
    await step.state.update_data(**draft)
    await step.state.set_state(MaterialAuthoring.file)
    target = v.target_title(content, draft["target"], draft["slug"], step.locale)
    await _ask(step, "file", v.ask_file(target, step.locale), kb.cancel_keyboard(step.locale), edit=True)


# --- buttons: one handler per press, each registered for its own step -----------------------------------


async def on_target(query: CallbackQuery, callback_data: UploadCb, step: Step, content: Content) -> None:
    await query.answer()
    if callback_data.act is UploadAct.lesson:
        await step.state.update_data(way="lesson")
        await step.state.set_state(MaterialAuthoring.group)
        await _ask(
            step, "group", v.ask_group(step.locale), kb.groups_keyboard(content, step.locale), edit=True
        )
    else:
        await step.state.update_data(way="memo")
        await step.state.set_state(MaterialAuthoring.category)
        markup = kb.categories_keyboard(content, step.locale)
        await _ask(step, "category", v.ask_category(step.locale), markup, edit=True)


async def _found(query: CallbackQuery, step: Step, item: T | None) -> T | None:
    """`item`, with the press answered; None, after an alert, when content no longer has what it names."""
    if item is None:
        await query.answer(TEXTS.step_over(step.locale), show_alert=True)
    else:
        await query.answer()
    return item


async def on_group(query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content) -> None:
    if (group := await _found(query, step, content.age_group(callback_data.slug))) is not None:
        await step.state.set_state(MaterialAuthoring.topic)
        markup = kb.topics_keyboard(group, step.locale)
        await _ask(step, "topic", v.ask_topic(group, step.locale), markup, edit=True)


async def on_topic(query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content) -> None:
    if (found := await _found(query, step, content.topic(callback_data.slug))) is not None:
        group, topic = found
        await _ask_file(step, content, target=MaterialTarget.LESSON, slug=topic.slug, age_group=group.slug)


async def on_category(
    query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content
) -> None:
    if (category := await _found(query, step, content.category(callback_data.slug))) is not None:
        await step.state.set_state(MaterialAuthoring.memo)
        markup = kb.memos_keyboard(content, category.slug, step.locale)
        await _ask(step, "memo", v.ask_memo(category, step.locale), markup, edit=True)


async def on_memo(query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content) -> None:
    if (memo := await _found(query, step, content.memo(callback_data.slug))) is not None:
        await _ask_file(step, content, target=MaterialTarget.MEMO, slug=memo.slug, age_group=None)


async def on_age(query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content) -> None:
    slug = callback_data.slug  # "" is every age
    if await _found(query, step, slug == "" or content.age_group(slug)) is not None:
        await step.state.update_data(age_group=slug or None)
        await _show_preview(step, content, edit=True)


async def on_language(query: CallbackQuery, callback_data: UploadLanguageCb, step: Step) -> None:
    language = callback_data.language
    data = await step.state.update_data(language=language)
    await step.state.set_state(MaterialAuthoring.title)
    await query.answer()
    suggestion = data.get("suggested_title")
    markup = kb.title_keyboard(suggestion, step.locale)
    question = v.ask_title(suggestion, step.locale, "kk" if language == "both" else "")
    await _ask(step, "title", question, markup, edit=True)


async def on_suggested_title(query: CallbackQuery, step: Step, content: Content) -> None:
    """The file name as the title of the step the draft is at: the one or Kazakh one, or the Russian one."""
    if (suggestion := await _found(query, step, (await step.data()).get("suggested_title") or None)) is None:
        return
    if await step.state.get_state() == MaterialAuthoring.title_ru.state:
        await _russian_title_taken(step, content, suggestion, edit=True)
    else:
        await _title_taken(step, content, suggestion, edit=True)


async def on_keep_title(query: CallbackQuery, step: Step, content: Content) -> None:
    await step.taken(query)
    await _after_title(step, content, edit=False)


async def on_pending(query: CallbackQuery, step: Step, content: Content) -> None:
    if not step.access.is_coordinator:
        await material_review.refuse(query, step.repo, step.clock, 0, step.locale)
        return
    await step.state.clear()
    codes = await review_codes(step.access, step.repo)
    total = await step.repo.materials.count_pending_in(codes)
    # A few cards at a time: each is two paced messages, and /upload shows what is left.
    pending = await step.repo.materials.pending_in(codes, limit=PENDING_PAGE)
    await query.answer()
    await step.message.edit_text(v.pending_intro(total, step.locale))
    for material in pending:
        await send_review_card(step.bot, step.message.chat.id, material, step.repo, content, step.locale)


async def on_confirm(query: CallbackQuery, step: Step, settings: Settings, content: Content) -> None:
    data = await step.data()
    now, locale, repo, message = step.clock.now(), step.locale, step.repo, step.message
    # Someone may have attached the same file while this draft waited.
    if data.get("url"):
        existing = await repo.materials.same_link_on(data["target"], data["slug"], data["url"])
    else:
        existing = await repo.materials.same_file_on(data["target"], data["slug"], data["checksum"])
    target = v.target_title(content, data["target"], data["slug"], locale)
    if existing is not None:
        await step.state.clear()
        await query.answer()
        await message.edit_text(v.duplicate_text(target, existing, locale))
        return
    reviewed = step.access.is_coordinator
    approver = query.from_user.id if reviewed else None
    # The draft stays until the material is saved (a failed insert keeps it).
    material = await step.save(
        query, repo.materials.add(_new_material(data, step.access), now, approved_by=approver)
    )
    if isinstance(material, Unsaved):
        return
    await step.finish()
    action = "material.added" if reviewed else "material.proposed"
    await repo.audit.record(query.from_user.id, action, now, detail=f"material {material.id}")
    await step.taken(query)
    if reviewed:
        await message.answer(v.saved_text(target, locale))
        return
    await message.answer(v.proposed_text(locale))
    if not await ask_reviewers(material, repo, step.bot, content, settings.admin_ids):
        await message.answer(v.no_reviewer_text(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    flow = Wizard(router, "material", UploadCb.__prefix__, TEXTS, MaterialAuthoring, MaterialReviewAuthoring)
    # A reviewer's reason for a refusal is no /upload draft.
    flow.start(start_upload, "upload", StepOf("material"), drafts=MaterialAuthoring.__all_states__)
    # The reviewer's reason step first: its /cancel answers in its own words (nothing rejected).
    material_review.register(router)
    flow.cancel_command()
    flow.typed(got_file, MaterialAuthoring.file)
    flow.typed(got_title, MaterialAuthoring.title)
    flow.typed(got_title_ru, MaterialAuthoring.title_ru)
    flow.cancel_button(UploadCb.filter(F.act == UploadAct.cancel))
    target = MaterialAuthoring.target
    flow.button(on_target, UploadCb.filter(F.act.in_({UploadAct.lesson, UploadAct.memo})), target)
    flow.button(on_pending, UploadCb.filter(F.act == UploadAct.pending), target)
    flow.button(on_group, UploadPickCb.filter(F.act == Pick.group), MaterialAuthoring.group)
    flow.button(on_topic, UploadPickCb.filter(F.act == Pick.topic), MaterialAuthoring.topic)
    flow.button(on_category, UploadPickCb.filter(F.act == Pick.category), MaterialAuthoring.category)
    flow.button(on_memo, UploadPickCb.filter(F.act == Pick.memo), MaterialAuthoring.memo)
    flow.button(on_age, UploadPickCb.filter(F.act == Pick.age), MaterialAuthoring.age)
    flow.button(on_language, UploadLanguageCb.filter(), MaterialAuthoring.language)
    titles = (MaterialAuthoring.title, MaterialAuthoring.title_ru)
    flow.button(on_suggested_title, UploadCb.filter(F.act == UploadAct.suggested_title), *titles)
    flow.button(on_keep_title, UploadKeepTitleCb.filter(), MaterialAuthoring.title_ru)
    flow.button(on_confirm, UploadCb.filter(F.act == UploadAct.confirm), MaterialAuthoring.preview)
    flow.close(UploadCb.filter(F.act == UploadAct.confirm))
    return router
