"""/upload: staff attach files and links to lesson topics and memos; school staff proposals await review.

The bot keeps Telegram's file_id with the file's name, size, MIME type and sha256; the bytes are downloaded
only to be hashed, and never opened, parsed or stored. Coordinators and admins publish at once; a school
psychologist, social pedagogue or deputy director proposes, and a coordinator over their organisation
approves or rejects with a reason (handlers/material_review.py).
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.access import Access
from bot.clock import Clock
from bot.content import Content
from bot.flows.wizard import Wizard, WizardTexts, show
from bot.materials.allowlist import MAX_BYTES
from bot.materials.checksum import DownloadFailed, sha256_of
from bot.materials.intake import draft_fields
from bot.settings import Settings
from bot.views import material_upload as v
from bot.views import upload_keyboards as kb
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
from db.repositories import Repositories
from db.repositories.materials import NewMaterial
from handlers import material_review
from handlers.material_review import MaterialReviewAuthoring, ask_reviewers, review_codes, send_review_card

__all__ = ["CALLBACKS", "COMMANDS", "Decision", "ReviewCb", "build_router"]

log = logging.getLogger(__name__)

PENDING_PAGE = 5


class MaterialAuthoring(StatesGroup):
    target = State()
    group = State()
    topic = State()
    category = State()
    memo = State()
    file = State()
    language = State()
    title = State()
    age = State()
    preview = State()


COMMANDS = ("upload",)
CALLBACKS = (UploadCb, ReviewCb)
TEXTS = WizardTexts(step_over=v.step_over_text, cancelled=v.cancelled_text, already_done=v.already_saved_text)


def _own_org(access: Access) -> str | None:
    """Where the material comes from: the first organisation the user works for (none for an admin)."""
    scopes = access.scope_codes
    return scopes[0] if scopes else None


def _new_material(data: dict[str, Any], access: Access) -> NewMaterial:
    return NewMaterial(
        target=data["target"],
        slug=data["slug"],
        age_group=data.get("age_group"),
        language=data["language"],
        title=data["title"],
        kind=data["kind"],
        media_type=data.get("media_type"),
        file_id=data.get("file_id"),
        file_unique_id=data.get("file_unique_id"),
        file_name=data.get("file_name"),
        file_size=data.get("file_size"),
        mime_type=data.get("mime_type"),
        checksum=data.get("checksum"),
        url=data.get("url"),
        proposed_by=access.user_id,
        org_code=_own_org(access),
    )


def _draft_material(data: dict[str, Any], access: Access) -> Material:
    """An unsaved Material, so the preview goes through the very texts the review card uses."""
    return Material(**dataclasses.asdict(_new_material(data, access)))


# --- the conversation -------------------------------------------------------------------------------


async def start_upload(
    message: Message, state: FSMContext, access: Access, repo: Repositories, locale: str
) -> None:
    await state.clear()
    pending = 0
    if access.is_coordinator:
        pending = await repo.materials.count_pending_in(await review_codes(access, repo))
    await state.set_state(MaterialAuthoring.target)
    await message.answer(v.ask_target(locale), reply_markup=kb.target_keyboard(pending, locale))


async def cancel(message: Message, state: FSMContext, locale: str) -> None:
    await state.clear()
    await message.answer(v.cancelled_text(locale))


async def buttons_expected(message: Message, locale: str) -> None:
    await message.answer(v.buttons_expected(locale))


async def got_file(
    message: Message, state: FSMContext, repo: Repositories, bot: Bot, content: Content, locale: str
) -> None:
    data = await state.get_data()
    found = draft_fields(message, locale)
    if isinstance(found, str):  # why it is refused
        await message.answer(found, reply_markup=kb.cancel_keyboard(locale))
        return
    if found.get("url"):
        existing = await repo.materials.same_link_on(data["target"], data["slug"], found["url"])
    else:
        try:
            found["checksum"] = await sha256_of(bot, found["file_id"], MAX_BYTES)
        except DownloadFailed as exc:
            log.info("material download failed: %s", exc)
            await message.answer(v.download_failed_text(locale), reply_markup=kb.cancel_keyboard(locale))
            return
        existing = await repo.materials.same_file_on(data["target"], data["slug"], found["checksum"])
    if existing is not None:
        target = v.target_title(content, data["target"], data["slug"], locale)
        await message.answer(
            v.duplicate_text(target, existing, locale), reply_markup=kb.cancel_keyboard(locale)
        )
        return
    await state.update_data(**found)
    await state.set_state(MaterialAuthoring.language)
    await message.answer(v.ask_language(locale), reply_markup=kb.language_keyboard(locale))


async def got_title(
    message: Message, state: FSMContext, access: Access, content: Content, locale: str
) -> None:
    text = message.text
    if text is None or text.startswith("/") or not text.strip():
        await message.answer(v.title_expected(locale))
        return
    title = " ".join(text.split())  # one line: it becomes a button label
    if len(title) > v.TITLE_LIMIT:
        await message.answer(v.title_too_long(len(title), locale))
        return
    await state.update_data(title=title)
    await _after_title(message, state, access, content, locale, edit=False)


async def _after_title(
    message: Message, state: FSMContext, access: Access, content: Content, locale: str, edit: bool
) -> None:
    data = await state.get_data()
    if data["target"] == "lesson":
        # A lesson topic belongs to one age group: nothing to ask.
        await _show_preview(message, state, access, content, locale, edit)
        return
    await state.set_state(MaterialAuthoring.age)
    await show(message, v.ask_age(locale), kb.age_keyboard(content, locale), edit=edit)


async def _show_preview(
    message: Message, state: FSMContext, access: Access, content: Content, locale: str, edit: bool
) -> None:
    await state.set_state(MaterialAuthoring.preview)
    draft = _draft_material(await state.get_data(), access)
    text = v.preview_text(content, draft, access.is_coordinator, locale)
    await show(message, text, kb.confirm_keyboard(locale), edit=edit)


async def _ask_file(message: Message, state: FSMContext, content: Content, locale: str, **draft: Any) -> None:
    await state.update_data(**draft)
    await state.set_state(MaterialAuthoring.file)
    target = v.target_title(content, draft["target"], draft["slug"], locale)
    await message.edit_text(v.ask_file(target, locale), reply_markup=kb.cancel_keyboard(locale))


# --- buttons: one handler per press, each registered for its own step -----------------------------------


async def on_target(
    query: CallbackQuery,
    callback_data: UploadCb,
    message: Message,
    state: FSMContext,
    content: Content,
    locale: str,
) -> None:
    await query.answer()
    if callback_data.act is UploadAct.lesson:
        await state.set_state(MaterialAuthoring.group)
        await message.edit_text(v.ask_group(locale), reply_markup=kb.groups_keyboard(content, locale))
    else:
        await state.set_state(MaterialAuthoring.category)
        await message.edit_text(v.ask_category(locale), reply_markup=kb.categories_keyboard(content, locale))


async def _gone(query: CallbackQuery, locale: str) -> None:
    """The button names something content no longer has."""
    await query.answer(v.step_over_text(locale), show_alert=True)


async def on_group(
    query: CallbackQuery,
    callback_data: UploadPickCb,
    message: Message,
    state: FSMContext,
    content: Content,
    locale: str,
) -> None:
    group = content.age_group(callback_data.slug)
    if group is None:
        await _gone(query, locale)
        return
    await query.answer()
    await state.set_state(MaterialAuthoring.topic)
    await message.edit_text(v.ask_topic(group, locale), reply_markup=kb.topics_keyboard(group, locale))


async def on_topic(
    query: CallbackQuery,
    callback_data: UploadPickCb,
    message: Message,
    state: FSMContext,
    content: Content,
    locale: str,
) -> None:
    found = content.topic(callback_data.slug)
    if found is None:
        await _gone(query, locale)
        return
    await query.answer()
    group, topic = found
    await _ask_file(message, state, content, locale, target="lesson", slug=topic.slug, age_group=group.slug)


async def on_category(
    query: CallbackQuery,
    callback_data: UploadPickCb,
    message: Message,
    state: FSMContext,
    content: Content,
    locale: str,
) -> None:
    category = content.category(callback_data.slug)
    if category is None:
        await _gone(query, locale)
        return
    await query.answer()
    await state.set_state(MaterialAuthoring.memo)
    markup = kb.memos_keyboard(content, category.slug, locale)
    await message.edit_text(v.ask_memo(category, locale), reply_markup=markup)


async def on_memo(
    query: CallbackQuery,
    callback_data: UploadPickCb,
    message: Message,
    state: FSMContext,
    content: Content,
    locale: str,
) -> None:
    memo = content.memo(callback_data.slug)
    if memo is None:
        await _gone(query, locale)
        return
    await query.answer()
    await _ask_file(message, state, content, locale, target="memo", slug=memo.slug, age_group=None)


async def on_age(
    query: CallbackQuery,
    callback_data: UploadPickCb,
    message: Message,
    state: FSMContext,
    access: Access,
    content: Content,
    locale: str,
) -> None:
    slug = callback_data.slug  # "" is every age
    if slug and content.age_group(slug) is None:
        await _gone(query, locale)
        return
    await query.answer()
    await state.update_data(age_group=slug or None)
    await _show_preview(message, state, access, content, locale, edit=True)


async def on_language(
    query: CallbackQuery, callback_data: UploadLanguageCb, message: Message, state: FSMContext, locale: str
) -> None:
    data = await state.update_data(language=callback_data.language)
    await state.set_state(MaterialAuthoring.title)
    await query.answer()
    suggestion = data.get("suggested_title")
    await message.edit_text(
        v.ask_title(suggestion, locale), reply_markup=kb.title_keyboard(suggestion, locale)
    )


async def on_suggested_title(
    query: CallbackQuery, message: Message, state: FSMContext, access: Access, content: Content, locale: str
) -> None:
    suggestion = (await state.get_data()).get("suggested_title")
    if not suggestion:
        await query.answer(v.step_over_text(locale), show_alert=True)
        return
    await state.update_data(title=suggestion)
    await query.answer()
    await _after_title(message, state, access, content, locale, edit=True)


async def on_pending(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    content: Content,
    locale: str,
) -> None:
    if not access.is_coordinator:
        await material_review.refuse(query, repo, clock, 0, locale)
        return
    await state.clear()
    codes = await review_codes(access, repo)
    total = await repo.materials.count_pending_in(codes)
    # A few cards at a time: each is two paced messages, and /upload shows what is left.
    pending = await repo.materials.pending_in(codes, limit=PENDING_PAGE)
    await query.answer()
    await message.edit_text(v.pending_intro(total, locale))
    for material in pending:
        await send_review_card(bot, message.chat.id, material, repo, content, locale)


async def on_confirm(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    content: Content,
    locale: str,
) -> None:
    # Cleared before anything else is awaited: a second tap finds no draft.
    data = await state.get_data()
    await state.clear()
    now = clock.now()
    # Someone may have attached the same file while this draft waited.
    if data.get("url"):
        existing = await repo.materials.same_link_on(data["target"], data["slug"], data["url"])
    else:
        existing = await repo.materials.same_file_on(data["target"], data["slug"], data["checksum"])
    target = v.target_title(content, data["target"], data["slug"], locale)
    if existing is not None:
        await query.answer()
        await message.edit_text(v.duplicate_text(target, existing, locale))
        return
    reviewed = access.is_coordinator
    material = await repo.materials.add(
        _new_material(data, access), now, approved_by=query.from_user.id if reviewed else None
    )
    action = "material.added" if reviewed else "material.proposed"
    await repo.audit.record(query.from_user.id, action, now, detail=f"material {material.id}")
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    if reviewed:
        await message.answer(v.saved_text(target, locale))
        return
    await message.answer(v.proposed_text(locale))
    if not await ask_reviewers(material, repo, bot, content, settings.admin_ids):
        await message.answer(v.no_reviewer_text(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start_upload, Command("upload"))
    # /cancel usually reaches /post's handler first (it ends any conversation); this one is the fallback.
    router.message.register(
        cancel, Command("cancel"), StateFilter(MaterialAuthoring, MaterialReviewAuthoring)
    )
    router.message.register(got_file, StateFilter(MaterialAuthoring.file))
    router.message.register(got_title, StateFilter(MaterialAuthoring.title))
    material_review.register(router)
    router.message.register(buttons_expected, StateFilter(MaterialAuthoring))
    flow = Wizard(router, MaterialAuthoring, UploadCb.__prefix__, TEXTS, also=(MaterialReviewAuthoring,))
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
    flow.button(on_suggested_title, UploadCb.filter(F.act == UploadAct.title), MaterialAuthoring.title)
    flow.button(on_confirm, UploadCb.filter(F.act == UploadAct.confirm), MaterialAuthoring.preview)
    flow.close(UploadCb.filter(F.act == UploadAct.confirm))
    return router
