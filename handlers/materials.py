"""/materials: what exists per topic and language, a whole age group's pack as albums, and removal.

Any staff member may look and take a pack; removing is for coordinators (of the area the material came
from) and admins, checked again on every press because the material id comes from the client.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from enum import StrEnum

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackData
from aiogram.types import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaDocument,
    InputMediaPhoto,
    InputMediaVideo,
    Message,
)
from aiogram.utils.i18n import gettext as _

from bot.access import Access, Role
from bot.clock import Clock
from bot.content import Content
from bot.views.lessons import in_reader_language, material_caption
from bot.views.materials import (
    Section,
    material_gone_staff_text,
    overview_text,
    pack_busy_text,
    pack_empty_text,
    pack_failed_text,
    pack_intro_text,
    pack_links_text,
    removal_confirm_text,
    removal_label,
    removal_list_text,
    removal_refused_text,
    removed_text,
    removed_toast,
    section,
    section_of,
    section_text,
    sections,
    topic_title,
)
from bot.views.menu import stale_button_text
from bot.views.paging import page_arrows, paginate
from db.models import Material
from db.repositories import Repositories
from handlers.access import refuse_forged
from handlers.lessons import send_material_to

log = logging.getLogger(__name__)

COMMANDS = ("materials",)

# Telegram's limit of files in one album.
ALBUM_SIZE = 10
REMOVAL_PAGE = 8


class MatAction(StrEnum):
    overview = "o"
    section = "s"
    pack = "p"
    removal_list = "l"
    ask_remove = "r"
    remove = "y"


class MaterialsCb(CallbackData, prefix="mats"):
    action: MatAction
    section: str = ""
    material: int = 0
    page: int = 0


CALLBACKS: tuple[type[CallbackData], ...] = (MaterialsCb,)


# Keyboards -----------------------------------------------------------------------------------------


def overview_keyboard(parts: Sequence[Section]) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(
            text=part.title, callback_data=MaterialsCb(action=MatAction.section, section=part.key).pack()
        )
        for part in parts
    ]
    return InlineKeyboardMarkup(inline_keyboard=[buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def section_keyboard(part: Section, can_remove: bool, locale: str) -> InlineKeyboardMarkup:
    rows = []
    if part.is_age_group:
        rows.append(
            [
                InlineKeyboardButton(
                    text=_("📦 Pack of all files", locale=locale),
                    callback_data=MaterialsCb(action=MatAction.pack, section=part.key).pack(),
                )
            ]
        )
    if can_remove:
        rows.append(
            [
                InlineKeyboardButton(
                    text=_("🗑 Remove a material", locale=locale),
                    callback_data=MaterialsCb(action=MatAction.removal_list, section=part.key).pack(),
                )
            ]
        )
    rows.append([back_to_overview(locale)])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def back_to_overview(locale: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        text=_("⬅️ All sections", locale=locale), callback_data=MaterialsCb(action=MatAction.overview).pack()
    )


def removal_keyboard(
    part: Section, materials: list[Material], page_number: int, locale: str
) -> InlineKeyboardMarkup:
    page = paginate(materials, page_number, REMOVAL_PAGE)
    rows = [
        [
            InlineKeyboardButton(
                text=removal_label(m, locale),
                callback_data=MaterialsCb(action=MatAction.ask_remove, material=m.id).pack(),
            )
        ]
        for m in page.items
    ]
    arrows = page_arrows(page, lambda n: MaterialsCb(action=MatAction.removal_list, section=part.key, page=n))
    if arrows:
        rows.append(arrows)
    rows.append(
        [
            InlineKeyboardButton(
                text=_("⬅️ Back", locale=locale),
                callback_data=MaterialsCb(action=MatAction.section, section=part.key).pack(),
            )
        ]
    )
    return InlineKeyboardMarkup(inline_keyboard=rows)


def confirm_keyboard(part: Section, material: Material, locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(
                    text=_("🗑 Yes, remove", locale=locale),
                    callback_data=MaterialsCb(action=MatAction.remove, material=material.id).pack(),
                ),
                InlineKeyboardButton(
                    text=_("Cancel", locale=locale),
                    callback_data=MaterialsCb(action=MatAction.removal_list, section=part.key).pack(),
                ),
            ]
        ]
    )


# Screens ---------------------------------------------------------------------------------------------


async def overview(repo: Repositories, content: Content, locale: str) -> tuple[str, InlineKeyboardMarkup]:
    parts = sections(content, locale)
    lessons = await repo.material_catalogue.coverage("lesson")
    memos = await repo.material_catalogue.coverage("memo")
    pending = await repo.materials.count_pending_in(None)
    text = overview_text([(p, lessons if p.is_age_group else memos) for p in parts], pending, locale)
    return text, overview_keyboard(parts)


async def show_overview(message: Message, repo: Repositories, content: Content, locale: str) -> None:
    text, markup = await overview(repo, content, locale)
    await message.answer(text, reply_markup=markup)


async def edit_screen(message: Message, text: str, markup: InlineKeyboardMarkup) -> None:
    """Edits the screen in place; a press that changes nothing (a repeated one) edits nothing."""
    # Compared as data: objects that came with an update carry the bot they are bound to.
    shown = message.reply_markup.model_dump(exclude_none=True) if message.reply_markup else None
    if message.html_text == text and shown == markup.model_dump(exclude_none=True):
        return
    try:
        await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as error:
        # Two quick presses of one button: the first already drew this screen.
        if "message is not modified" not in str(error):
            raise


async def on_overview(query: CallbackQuery, repo: Repositories, content: Content, locale: str) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return  # a message too old to edit: the press is answered, nothing to redraw
    await edit_screen(query.message, *await overview(repo, content, locale))


async def on_section(
    query: CallbackQuery,
    callback_data: MaterialsCb,
    access: Access,
    repo: Repositories,
    content: Content,
    locale: str,
) -> None:
    part = section(content, callback_data.section, locale)
    if part is None:
        await query.answer(stale_button_text(locale))
        return
    await query.answer()
    if not isinstance(query.message, Message):
        return
    coverage = await repo.material_catalogue.coverage(part.target)
    await edit_screen(
        query.message,
        section_text(part, coverage, locale),
        section_keyboard(part, access.is_coordinator, locale),
    )


# Removal ---------------------------------------------------------------------------------------------


async def removable_codes(access: Access, repo: Repositories) -> set[str] | None:
    """Organisation codes whose materials this user may remove; None for all (an admin)."""
    if access.is_admin:
        return None
    scopes = [g.scope_code for g in access.grants if g.role is Role.COORDINATOR]
    return await repo.orgs.within(scopes)


def may_remove(material: Material, codes: set[str] | None) -> bool:
    return codes is None or (material.org_code is not None and material.org_code in codes)


async def refuse(query: CallbackQuery, repo: Repositories, clock: Clock, locale: str) -> None:
    await refuse_forged(query, repo, clock, "refused.button", removal_refused_text(locale))


async def show_removal_list(
    message: Message,
    part: Section,
    page: int,
    codes: set[str] | None,
    repo: Repositories,
    locale: str,
    notice: str = "",
) -> None:
    slugs = [slug for slug, _title in part.topics]
    materials = [
        m for m in await repo.material_catalogue.for_topics(slugs, part.target) if may_remove(m, codes)
    ]
    text = removal_list_text(part, len(materials), locale)
    await edit_screen(
        message, f"{notice}\n\n{text}" if notice else text, removal_keyboard(part, materials, page, locale)
    )


async def on_removal_list(
    query: CallbackQuery,
    callback_data: MaterialsCb,
    access: Access,
    repo: Repositories,
    content: Content,
    clock: Clock,
    locale: str,
) -> None:
    if not access.is_coordinator:
        await refuse(query, repo, clock, locale)
        return
    part = section(content, callback_data.section, locale)
    if part is None:
        await query.answer(stale_button_text(locale))
        return
    await query.answer()
    if not isinstance(query.message, Message):
        return
    codes = await removable_codes(access, repo)
    await show_removal_list(query.message, part, callback_data.page, codes, repo, locale)


async def _removable(
    query: CallbackQuery,
    callback_data: MaterialsCb,
    access: Access,
    repo: Repositories,
    content: Content,
    clock: Clock,
    locale: str,
) -> tuple[Material, Section, set[str] | None] | None:
    """The material a remove button names, if it still stands and the presser may remove it; else answered."""
    if not access.is_coordinator:
        await refuse(query, repo, clock, locale)
        return None
    material = await repo.material_catalogue.approved(callback_data.material)
    part = section_of(content, material, locale) if material is not None else None
    if material is None or part is None:
        await query.answer(material_gone_staff_text(locale))
        return None
    codes = await removable_codes(access, repo)
    if not may_remove(material, codes):
        await refuse(query, repo, clock, locale)
        return None
    return material, part, codes


async def on_ask_remove(
    query: CallbackQuery,
    callback_data: MaterialsCb,
    access: Access,
    repo: Repositories,
    content: Content,
    clock: Clock,
    locale: str,
) -> None:
    found = await _removable(query, callback_data, access, repo, content, clock, locale)
    if found is None:
        return
    material, part, _codes = found
    await query.answer()
    if not isinstance(query.message, Message):
        return
    text = removal_confirm_text(material, topic_title(content, material, locale), locale)
    await edit_screen(query.message, text, confirm_keyboard(part, material, locale))


async def on_remove(
    query: CallbackQuery,
    callback_data: MaterialsCb,
    access: Access,
    repo: Repositories,
    content: Content,
    clock: Clock,
    locale: str,
) -> None:
    found = await _removable(query, callback_data, access, repo, content, clock, locale)
    if found is None:
        return
    material, part, codes = found
    now = clock.now()
    if not await repo.material_catalogue.remove(material.id, query.from_user.id, now):
        # Another coordinator was a moment faster: it is gone, and audited once, by them.
        await query.answer(material_gone_staff_text(locale))
        return
    await repo.audit.record(query.from_user.id, "material.removed", now, detail=f"material {material.id}")
    await query.answer(removed_toast(locale))
    if not isinstance(query.message, Message):
        return
    await show_removal_list(
        query.message, part, 0, codes, repo, locale, notice=removed_text(material, locale)
    )


# The pack --------------------------------------------------------------------------------------------


def pack_choice(materials: list[Material], part: Section, locale: str) -> list[Material]:
    """Per topic, the files in the viewer's language; the other language only where a topic has no other."""
    chosen: list[Material] = []
    for slug, _title in part.topics:
        of_topic = [m for m in materials if m.slug == slug]
        own = [m for m in of_topic if in_reader_language(m, locale)]
        chosen.extend(own or of_topic)
    return chosen


def albums(files: list[Material]) -> list[list[Material]]:
    """Documents together, photos and videos together (Telegram mixes neither), ten at most per album."""
    documents = [m for m in files if media_type(m) == "document"]
    visual = [m for m in files if media_type(m) != "document"]
    return [kind[i : i + ALBUM_SIZE] for kind in (documents, visual) for i in range(0, len(kind), ALBUM_SIZE)]


def media_type(material: Material) -> str:
    return material.media_type or {"image": "photo", "video": "video"}.get(material.kind, "document")


def input_media(material: Material, caption: str) -> InputMediaDocument | InputMediaPhoto | InputMediaVideo:
    assert material.file_id is not None
    kind = media_type(material)
    if kind == "photo":
        return InputMediaPhoto(media=material.file_id, caption=caption)
    if kind == "video":
        return InputMediaVideo(media=material.file_id, caption=caption)
    return InputMediaDocument(media=material.file_id, caption=caption)


async def send_album(message: Message, album: list[Material], captions: list[str]) -> list[Material]:
    """Sends one album (or a lone file); returns the files Telegram refused."""
    try:
        if len(album) == 1:
            # An album needs two files at least.
            await send_material_to(message, album[0], captions[0])
        else:
            await message.answer_media_group(
                [input_media(m, c) for m, c in zip(album, captions, strict=True)]
            )
        return []
    except TelegramBadRequest as error:
        log.warning("album of materials %s refused: %s", [m.id for m in album], error.message)
        if len(album) == 1:
            return album
    # One bad file_id spoils the whole album: the rest still go, one by one.
    failed = []
    for material, caption in zip(album, captions, strict=True):
        try:
            await send_material_to(message, material, caption)
        except TelegramBadRequest:
            failed.append(material)
    return failed


async def send_pack(message: Message, part: Section, chosen: list[Material], locale: str) -> None:
    titles = dict(part.topics)
    files = [m for m in chosen if m.file_id]
    links = [(m, titles.get(m.slug, m.slug)) for m in chosen if not m.file_id and m.url]
    sent = await message.answer(pack_intro_text(part, len(files), len(links), locale))
    # The pace (about a message a second in one chat, each file of an album counted) is the shared
    # limiter's: see bot/middlewares/pacing.py.
    failed: list[Material] = []
    for album in albums(files):
        refused = await send_album(
            sent, album, [material_caption(m, locale, titles.get(m.slug)) for m in album]
        )
        failed.extend(refused)
    if links:
        await sent.answer(pack_links_text(links, locale))
    if failed:
        await sent.answer(pack_failed_text(failed, locale))


def build_router() -> Router:
    router = Router(name=__name__)
    # Users whose pack is being sent: a second press meanwhile would only double the wait and the files.
    sending: set[int] = set()

    async def on_pack(
        query: CallbackQuery, callback_data: MaterialsCb, repo: Repositories, content: Content, locale: str
    ) -> None:
        part = section(content, callback_data.section, locale)
        if part is None or not part.is_age_group:
            await query.answer(stale_button_text(locale))
            return
        if query.from_user.id in sending:
            await query.answer(pack_busy_text(locale))
            return
        if not isinstance(query.message, Message):
            await query.answer(stale_button_text(locale))
            return
        # Claimed before the first await, so two quick presses cannot both pass the check.
        sending.add(query.from_user.id)
        try:
            slugs = [slug for slug, _title in part.topics]
            chosen = pack_choice(await repo.material_catalogue.for_topics(slugs), part, locale)
            await query.answer()
            if not chosen:
                await query.message.answer(pack_empty_text(part, locale))
                return
            await send_pack(query.message, part, chosen, locale)
        finally:
            sending.discard(query.from_user.id)

    router.message.register(show_overview, Command("materials"))
    on = router.callback_query.register
    on(on_overview, MaterialsCb.filter(F.action == MatAction.overview))
    on(on_section, MaterialsCb.filter(F.action == MatAction.section))
    on(on_pack, MaterialsCb.filter(F.action == MatAction.pack))
    on(on_removal_list, MaterialsCb.filter(F.action == MatAction.removal_list))
    on(on_ask_remove, MaterialsCb.filter(F.action == MatAction.ask_remove))
    on(on_remove, MaterialsCb.filter(F.action == MatAction.remove))
    return router
