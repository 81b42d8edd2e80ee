"""/upload: staff attach files and links to lesson topics and memos; school staff proposals await review.

The bot keeps Telegram's file_id with the file's name, size, MIME type and sha256; the bytes are downloaded
only to be hashed, and never opened, parsed or stored. Coordinators and admins publish at once; a school
psychologist, social pedagogue or deputy director proposes, and a coordinator over their organisation
approves or rejects with a reason.
"""

from __future__ import annotations

import dataclasses
import logging
from enum import StrEnum
from typing import Any

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.access import Access, Role
from bot.clock import Clock
from bot.content import Content
from bot.materials.allowlist import (
    MAX_BYTES,
    Accepted,
    Kind,
    Refused,
    check_document,
    check_photo,
    check_video,
    link,
    looks_like_link,
    stem,
)
from bot.materials.checksum import DownloadFailed, sha256_of
from bot.settings import Settings
from bot.views import material_upload as v
from bot.views.orgs import org_name
from db.models import Material
from db.repositories import Repositories
from db.repositories.materials import PENDING, NewMaterial
from handlers.lessons import send_material

log = logging.getLogger(__name__)

LANGUAGES = ("kk", "ru", "both")
PENDING_PAGE = 5
FILE_NAME_LIMIT = 255  # the column's width; Telegram does not promise shorter names


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


class MaterialReviewAuthoring(StatesGroup):
    """A coordinator types the reason for a rejection (free text: the crisis lane leaves it alone)."""

    reason = State()


class Act(StrEnum):
    lesson = "l"
    memo = "m"
    pending = "pd"
    group = "g"
    topic = "t"
    category = "c"
    memo_pick = "p"
    language = "lg"
    title = "ti"
    age = "a"
    confirm = "ok"
    cancel = "x"


class UploadCb(CallbackData, prefix="mup"):
    act: Act
    value: str = ""


class Decision(StrEnum):
    approve = "a"
    reject = "r"


class ReviewCb(CallbackData, prefix="mrv"):
    decision: Decision
    material_id: int


COMMANDS = ("upload",)
CALLBACKS = (UploadCb, ReviewCb)

# Which step each button belongs to: a press from an older step is out of date.
EXPECTED = {
    Act.lesson: MaterialAuthoring.target,
    Act.memo: MaterialAuthoring.target,
    Act.pending: MaterialAuthoring.target,
    Act.group: MaterialAuthoring.group,
    Act.topic: MaterialAuthoring.topic,
    Act.category: MaterialAuthoring.category,
    Act.memo_pick: MaterialAuthoring.memo,
    Act.language: MaterialAuthoring.language,
    Act.title: MaterialAuthoring.title,
    Act.age: MaterialAuthoring.age,
    Act.confirm: MaterialAuthoring.preview,
}
MY_GROUPS = (MaterialAuthoring.__full_group_name__, MaterialReviewAuthoring.__full_group_name__)


def _is_mine(state_name: str | None) -> bool:
    return state_name is not None and state_name.split(":", 1)[0] in MY_GROUPS


def _coordinator_scopes(access: Access) -> list[str]:
    return [g.scope_code for g in access.grants if g.role is Role.COORDINATOR]


async def _review_codes(access: Access, repo: Repositories) -> set[str] | None:
    """The organisations whose proposals this user reviews (None: all, for an admin)."""
    if access.is_admin:
        return None
    return await repo.orgs.within(_coordinator_scopes(access))


async def _may_review(access: Access, material: Material, repo: Repositories) -> bool:
    # A coordinator grant must cover the proposer's school: a psychologist's own school grant does not count.
    if access.is_admin:
        return True
    if material.org_code is None:
        return False
    return await repo.orgs.is_within(material.org_code, _coordinator_scopes(access))


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
        pending = await repo.materials.count_pending_in(await _review_codes(access, repo))
    await state.set_state(MaterialAuthoring.target)
    await message.answer(v.ask_target(locale), reply_markup=v.target_keyboard(pending, locale))


async def cancel(message: Message, state: FSMContext, locale: str) -> None:
    await state.clear()
    await message.answer(v.cancelled_text(locale))


async def buttons_expected(message: Message, locale: str) -> None:
    await message.answer(v.buttons_expected(locale))


async def got_file(
    message: Message, state: FSMContext, repo: Repositories, bot: Bot, content: Content, locale: str
) -> None:
    data = await state.get_data()
    found = await _take_file(message, locale)
    if found is None:
        return
    if found.get("url"):
        existing = await repo.materials.same_link_on(data["target"], data["slug"], found["url"])
    else:
        try:
            found["checksum"] = await sha256_of(bot, found["file_id"], MAX_BYTES)
        except DownloadFailed as exc:
            log.info("material download failed: %s", exc)
            await message.answer(v.download_failed_text(locale), reply_markup=v.cancel_keyboard(locale))
            return
        existing = await repo.materials.same_file_on(data["target"], data["slug"], found["checksum"])
    if existing is not None:
        target = v.target_title(content, data["target"], data["slug"], locale)
        await message.answer(
            v.duplicate_text(target, existing, locale), reply_markup=v.cancel_keyboard(locale)
        )
        return
    await state.update_data(**found)
    await state.set_state(MaterialAuthoring.language)
    await message.answer(v.ask_language(locale), reply_markup=v.language_keyboard(locale))


async def _take_file(message: Message, locale: str) -> dict[str, Any] | None:
    """What the message attaches, as draft fields; None after telling the user why it is refused."""
    verdict: Accepted | Refused
    if message.animation is not None:
        # A GIF arrives as an MP4 document too; it is an animation, not a lesson video.
        await message.answer(
            v.message_kind_refusal("animation", locale), reply_markup=v.cancel_keyboard(locale)
        )
        return None
    if message.document is not None:
        doc = message.document
        verdict = check_document(doc.file_name, doc.mime_type, doc.file_size)
        held: Any = doc
        name = doc.file_name
    elif message.photo:
        held = message.photo[-1]  # the largest size
        verdict = check_photo(held.file_size)
        name = None
    elif message.video is not None:
        held = message.video
        verdict = check_video(held.mime_type, held.file_size, held.duration)
        name = held.file_name
    elif message.text is not None:
        return await _take_link(message, locale)
    else:
        await message.answer(
            v.message_kind_refusal(message.content_type, locale), reply_markup=v.cancel_keyboard(locale)
        )
        return None
    if isinstance(verdict, Refused):
        await message.answer(
            v.refusal_text(verdict.reason, verdict.what, held.file_size, locale),
            reply_markup=v.cancel_keyboard(locale),
        )
        return None
    suggestion = stem(name)[: v.TITLE_LIMIT].strip()
    return {
        "kind": verdict.kind.value,
        "media_type": verdict.media_type.value,
        "mime_type": verdict.mime_type,
        "file_id": held.file_id,
        "file_unique_id": held.file_unique_id,
        "file_name": name[:FILE_NAME_LIMIT] if name else None,
        "file_size": held.file_size,
        "url": None,
        "suggested_title": suggestion or None,
    }


async def _take_link(message: Message, locale: str) -> dict[str, Any] | None:
    text = message.text or ""
    url = link(text)
    if url is None:
        note = v.bad_link_text(locale) if looks_like_link(text) else v.file_expected_text(locale)
        await message.answer(note, reply_markup=v.cancel_keyboard(locale))
        return None
    return {
        "kind": Kind.LINK.value,
        "media_type": None,
        "mime_type": None,
        "file_id": None,
        "file_unique_id": None,
        "file_name": None,
        "file_size": None,
        "checksum": None,
        "url": url,
        "suggested_title": None,
    }


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
    await _say(message, v.ask_age(locale), v.age_keyboard(content, locale), edit)


async def _show_preview(
    message: Message, state: FSMContext, access: Access, content: Content, locale: str, edit: bool
) -> None:
    await state.set_state(MaterialAuthoring.preview)
    draft = _draft_material(await state.get_data(), access)
    text = v.preview_text(content, draft, access.is_coordinator, locale)
    await _say(message, text, v.confirm_keyboard(locale), edit)


async def _say(message: Message, text: str, markup: Any, edit: bool) -> None:
    if edit:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


async def _ask_file(message: Message, state: FSMContext, content: Content, locale: str, **draft: Any) -> None:
    await state.update_data(**draft)
    await state.set_state(MaterialAuthoring.file)
    target = v.target_title(content, draft["target"], draft["slug"], locale)
    await message.edit_text(v.ask_file(target, locale), reply_markup=v.cancel_keyboard(locale))


# --- the conversation's buttons ------------------------------------------------------------------------


async def on_upload_button(
    query: CallbackQuery,
    callback_data: UploadCb,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    content: Content,
    locale: str,
) -> None:
    message = query.message
    if not isinstance(message, Message):
        await query.answer()
        return
    act, value = callback_data.act, callback_data.value
    current = await state.get_state()
    if act is Act.cancel:
        if _is_mine(current):  # an old Cancel must not end another conversation
            await state.clear()
        await query.answer()
        await message.edit_text(v.cancelled_text(locale))
        return
    if current != EXPECTED[act].state:
        text = v.already_saved_text(locale) if act is Act.confirm else v.step_over_text(locale)
        await query.answer(text, show_alert=True)
        return
    if act is Act.confirm:
        # Cleared before anything else is awaited: a second tap finds no draft.
        data = await state.get_data()
        await state.clear()
        await _confirm(query, message, data, access, repo, clock, bot, settings, content, locale)
        return
    if act is Act.pending:
        await _show_pending(query, message, state, access, repo, clock, bot, content, locale)
        return
    if await _step(message, state, act, value, access, content, locale):
        await query.answer()
    else:
        await query.answer(v.step_over_text(locale), show_alert=True)


async def _step(
    message: Message, state: FSMContext, act: Act, value: str, access: Access, content: Content, locale: str
) -> bool:
    """One step of the conversation; False when the button names something that no longer exists."""
    if act is Act.lesson:
        await state.set_state(MaterialAuthoring.group)
        await message.edit_text(v.ask_group(locale), reply_markup=v.groups_keyboard(content, locale))
    elif act is Act.memo:
        await state.set_state(MaterialAuthoring.category)
        await message.edit_text(v.ask_category(locale), reply_markup=v.categories_keyboard(content, locale))
    elif act is Act.group:
        group = content.age_group(value)
        if group is None:
            return False
        await state.set_state(MaterialAuthoring.topic)
        await message.edit_text(v.ask_topic(group, locale), reply_markup=v.topics_keyboard(group, locale))
    elif act is Act.topic:
        found = content.topic(value)
        if found is None:
            return False
        group, topic = found
        await _ask_file(
            message, state, content, locale, target="lesson", slug=topic.slug, age_group=group.slug
        )
    elif act is Act.category:
        category = content.category(value)
        if category is None:
            return False
        await state.set_state(MaterialAuthoring.memo)
        await message.edit_text(
            v.ask_memo(category, locale), reply_markup=v.memos_keyboard(content, category.slug, locale)
        )
    elif act is Act.memo_pick:
        memo = content.memo(value)
        if memo is None:
            return False
        await _ask_file(message, state, content, locale, target="memo", slug=memo.slug, age_group=None)
    elif act is Act.language:
        if value not in LANGUAGES:
            return False
        await state.update_data(language=value)
        await state.set_state(MaterialAuthoring.title)
        suggestion = (await state.get_data()).get("suggested_title")
        await message.edit_text(
            v.ask_title(suggestion, locale), reply_markup=v.title_keyboard(suggestion, locale)
        )
    elif act is Act.title:
        suggestion = (await state.get_data()).get("suggested_title")
        if not suggestion:
            return False
        await state.update_data(title=suggestion)
        await _after_title(message, state, access, content, locale, edit=True)
    elif act is Act.age:
        if value and content.age_group(value) is None:
            return False
        await state.update_data(age_group=value or None)
        await _show_preview(message, state, access, content, locale, edit=True)
    return True


async def _confirm(
    query: CallbackQuery,
    message: Message,
    data: dict[str, Any],
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    content: Content,
    locale: str,
) -> None:
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


# --- review -------------------------------------------------------------------------------------------


async def _org_label(material: Material, repo: Repositories, locale: str) -> str:
    org = await repo.orgs.get(material.org_code) if material.org_code else None
    return org_name(org, locale) if org is not None else "—"


async def _send_review_card(
    bot: Bot, chat_id: int, material: Material, repo: Repositories, content: Content, locale: str
) -> None:
    if material.file_id is not None:  # a link has no file to show
        await send_material(bot, chat_id, material)
    text = v.review_request_text(content, material, await _org_label(material, repo, locale), locale)
    await bot.send_message(chat_id, text, reply_markup=v.review_keyboard(material.id, locale))


async def ask_reviewers(
    material: Material, repo: Repositories, bot: Bot, content: Content, admin_ids: frozenset[int]
) -> int:
    """Sends the file and Approve / Reject to the coordinators over the proposer's organisation (the admins
    when none of them can be reached); returns how many got it."""
    chain = [o.code for o in await repo.orgs.path(material.org_code)] if material.org_code else []
    coordinators = set(await repo.staff.coordinators_for(chain)) if chain else set()
    for group in (coordinators, set(admin_ids)):
        group.discard(material.proposed_by)
        reached = 0
        for reviewer_id, language in sorted((await repo.users.known_languages(frozenset(group))).items()):
            try:
                await _send_review_card(bot, reviewer_id, material, repo, content, language or "kk")
            except TelegramAPIError as exc:
                # One reviewer who blocked the bot must not keep the others from being asked.
                log.info(
                    "review of material %s not delivered to %s: %s", material.id, reviewer_id, exc.message
                )
                continue
            reached += 1
        if reached:
            return reached
    return 0


async def _show_pending(
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
        await _forged(query, repo, clock, 0, locale)
        return
    await state.clear()
    codes = await _review_codes(access, repo)
    total = await repo.materials.count_pending_in(codes)
    # A few cards at a time: each is two paced messages, and /upload shows what is left.
    pending = await repo.materials.pending_in(codes, limit=PENDING_PAGE)
    await query.answer()
    await message.edit_text(v.pending_intro(total, locale))
    for material in pending:
        await _send_review_card(bot, message.chat.id, material, repo, content, locale)


async def _forged(
    query: CallbackQuery, repo: Repositories, clock: Clock, material_id: int, locale: str
) -> None:
    await repo.audit.record(
        query.from_user.id, "material.forged", clock.now(), detail=f"material {material_id}"
    )
    await query.answer(v.not_allowed_text(locale), show_alert=True)


async def on_review(
    query: CallbackQuery,
    callback_data: ReviewCb,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    content: Content,
    locale: str,
) -> None:
    material = await repo.materials.get(callback_data.material_id)
    if material is None or not await _may_review(access, material, repo):
        await _forged(query, repo, clock, callback_data.material_id, locale)
        return
    if material.proposed_by == query.from_user.id:
        await query.answer(v.own_material_text(locale), show_alert=True)
        return
    if material.status != PENDING:
        await query.answer(v.already_reviewed_text(locale), show_alert=True)
        return
    if callback_data.decision is Decision.reject:
        await state.set_state(MaterialReviewAuthoring.reason)
        card = query.message
        await state.update_data(
            material_id=material.id,
            card_chat=card.chat.id if isinstance(card, Message) else None,
            card_message=card.message_id if isinstance(card, Message) else None,
        )
        await query.answer()
        await bot.send_message(
            query.from_user.id, v.ask_reason(material.title, locale), reply_markup=v.cancel_keyboard(locale)
        )
        return
    now = clock.now()
    if not await repo.materials.approve(material.id, query.from_user.id, now):
        await query.answer(v.already_reviewed_text(locale), show_alert=True)
        return
    await repo.audit.record(query.from_user.id, "material.approved", now, detail=f"material {material.id}")
    await query.answer()
    if isinstance(query.message, Message):
        card = v.review_request_text(content, material, await _org_label(material, repo, locale), locale)
        await query.message.edit_text(f"{card}\n\n{v.approved_for_reviewer(locale)}")
    proposer_locale = await repo.users.language_of(material.proposed_by) or "kk"
    target = v.target_title(content, material.target, material.slug, proposer_locale)
    await _tell_proposer(bot, material, v.approved_for_proposer(material.title, target, proposer_locale))


async def _tell_proposer(bot: Bot, material: Material, text: str) -> None:
    try:
        await bot.send_message(material.proposed_by, text)
    except TelegramAPIError as exc:
        log.info("decision on material %s not delivered to its author: %s", material.id, exc.message)


async def got_reason(
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    content: Content,
    locale: str,
) -> None:
    text = message.text
    if text is None or text.startswith("/") or not text.strip():
        await message.answer(v.reason_expected(locale))
        return
    reason = text.strip()
    if len(reason) > v.REASON_LIMIT:
        await message.answer(v.reason_too_long(len(reason), locale))
        return
    data = await state.get_data()
    await state.clear()
    material = await repo.materials.get(int(data.get("material_id") or 0))
    # Rights are checked again: a role may have been revoked while the reason was being typed.
    if material is None or not await _may_review(access, material, repo):
        await repo.audit.record(
            message.chat.id, "material.forged", clock.now(), detail=f"material {data.get('material_id')}"
        )
        await message.answer(v.not_allowed_text(locale))
        return
    now = clock.now()
    if not await repo.materials.reject(material.id, message.chat.id, reason, now):
        await message.answer(v.already_reviewed_text(locale))
        return
    await repo.audit.record(message.chat.id, "material.rejected", now, detail=f"material {material.id}")
    await message.answer(v.rejected_for_reviewer(locale))
    if data.get("card_chat") and data.get("card_message"):
        card = v.review_request_text(content, material, await _org_label(material, repo, locale), locale)
        try:
            await bot.edit_message_text(
                f"{card}\n\n{v.rejected_for_reviewer(locale)}",
                chat_id=data["card_chat"],
                message_id=data["card_message"],
            )
        except TelegramAPIError as exc:
            log.info("review card of material %s not updated: %s", material.id, exc.message)
    proposer_locale = await repo.users.language_of(material.proposed_by) or "kk"
    target = v.target_title(content, material.target, material.slug, proposer_locale)
    await _tell_proposer(
        bot, material, v.rejected_for_proposer(material.title, target, reason, proposer_locale)
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start_upload, Command("upload"))
    # /cancel usually reaches /post's handler first (it ends any conversation); this one is the fallback.
    router.message.register(
        cancel, Command("cancel"), StateFilter(MaterialAuthoring, MaterialReviewAuthoring)
    )
    router.message.register(got_file, StateFilter(MaterialAuthoring.file))
    router.message.register(got_title, StateFilter(MaterialAuthoring.title))
    router.message.register(got_reason, StateFilter(MaterialReviewAuthoring.reason))
    router.message.register(buttons_expected, StateFilter(MaterialAuthoring))
    router.callback_query.register(on_upload_button, UploadCb.filter())
    router.callback_query.register(on_review, ReviewCb.filter())
    return router
