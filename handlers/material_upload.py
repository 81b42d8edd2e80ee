"""/upload: staff attach files and links to lesson topics and memos; school staff proposals await review.

The bot keeps Telegram's file_id with the file's name, size, MIME type and sha256; the bytes are downloaded
only to be hashed, and never opened, parsed or stored. Coordinators and admins publish at once; a school
psychologist, social pedagogue or deputy director proposes, and a coordinator over their organisation
approves or rejects with a reason (handlers/material_review.py).
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.content import Content
from bot.flows import revise
from bot.flows.bilingual import kazakh_taken, russian_taken
from bot.flows.revise import REVISING
from bot.flows.typed_input import typed_line
from bot.flows.wizard import Step, StepOf, Unsaved, Wizard
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
from domain.enums import MaterialTarget
from handlers import material_review, material_upload_change
from handlers.material_review import MaterialReviewAuthoring, ask_reviewers, review_codes, send_review_card
from handlers.material_upload_ask import (
    TEXTS,
    MaterialAuthoring,
    ask_age,
    ask_category,
    ask_file,
    ask_group,
    ask_language,
    ask_memo,
    ask_target,
    ask_title,
    ask_topic,
    new_material,
    on_back,
    question_states,
    show_preview,
)

__all__ = ["Decision", "ReviewCb", "build_router"]

log = logging.getLogger(__name__)

PENDING_PAGE = 5
T = TypeVar("T")


# --- typed steps ----------------------------------------------------------------------------------------


async def start_upload(message: Message, step: Step) -> None:
    await step.state.clear()
    await ask_target(step, edit=False)


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
    if revise.revising(data) == "file":  # a change from the summary: the language and titles stay
        await show_preview(step, content, edit=False)
        return
    await ask_language(step, edit=False)


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
    data = await step.data()
    # A lesson topic belongs to one age group: nothing to ask; the titles changed from the summary keep it.
    if data["target"] == MaterialTarget.LESSON or revise.revising(data) == "titles":
        await show_preview(step, content, edit=edit)
        return
    await ask_age(step, content, edit=edit)


async def _target_taken(step: Step, content: Content, **draft: Any) -> None:
    """The topic or memo: its file is asked; changed from the summary, the file stays, and a lesson topic
    changed into a memo is asked its age."""
    data = await step.state.update_data(**draft)
    if revise.revising(data) != "for":
        await ask_file(step, content)
    elif draft["target"] == MaterialTarget.MEMO and (data[REVISING].get("was") or {}).get("way") != "memo":
        await ask_age(step, content, edit=True)
    else:
        await show_preview(step, content, edit=True)


# --- buttons: one handler per press, each registered for its own step -----------------------------------


async def on_target(query: CallbackQuery, callback_data: UploadCb, step: Step, content: Content) -> None:
    await query.answer()
    if callback_data.act is UploadAct.lesson:
        await step.state.update_data(way="lesson")
        await ask_group(step, content)
    else:
        await step.state.update_data(way="memo")
        await ask_category(step, content)


async def _found(query: CallbackQuery, step: Step, item: T | None) -> T | None:
    """`item`, with the press answered; None, after an alert, when content no longer has what it names."""
    if item is None:
        await query.answer(TEXTS.step_over(step.locale), show_alert=True)
    else:
        await query.answer()
    return item


async def on_group(query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content) -> None:
    if (group := await _found(query, step, content.age_group(callback_data.slug))) is not None:
        await ask_topic(step, group)


async def on_topic(query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content) -> None:
    if (found := await _found(query, step, content.topic(callback_data.slug))) is not None:
        group, topic = found
        draft = {"target": MaterialTarget.LESSON, "slug": topic.slug, "age_group": group.slug}
        await _target_taken(step, content, **draft)


async def on_category(
    query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content
) -> None:
    if (category := await _found(query, step, content.category(callback_data.slug))) is not None:
        await ask_memo(step, content, category.slug)


async def on_memo(query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content) -> None:
    if (memo := await _found(query, step, content.memo(callback_data.slug))) is not None:
        await _target_taken(step, content, target=MaterialTarget.MEMO, slug=memo.slug, age_group=None)


async def on_age(query: CallbackQuery, callback_data: UploadPickCb, step: Step, content: Content) -> None:
    slug = callback_data.slug  # "" is every age
    if await _found(query, step, slug == "" or content.age_group(slug)) is not None:
        await step.state.update_data(age_group=slug or None)
        await show_preview(step, content, edit=True)


async def on_language(query: CallbackQuery, callback_data: UploadLanguageCb, step: Step) -> None:
    await step.state.update_data(language=callback_data.language)
    await query.answer()
    await ask_title(step)


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
        query, repo.materials.add(new_material(data, step.access), now, approved_by=approver)
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
    flow.button(on_back, UploadCb.filter(F.act == UploadAct.back), *question_states())
    flow.button(on_confirm, UploadCb.filter(F.act == UploadAct.confirm), MaterialAuthoring.preview)
    material_upload_change.register(flow)
    flow.close(UploadCb.filter(F.act == UploadAct.confirm))
    return router
