"""/materials: what exists per topic and language, a whole age group's pack as albums, and removal.

Any staff member may look and take a pack; removing is for coordinators (over the territory the material was
approved for) and admins, checked again on every press because the material id comes from the client.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import F, Router
from aiogram.filters import Command, Filter
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

from bot.access import Access
from bot.clock import Clock
from bot.content import Content
from bot.flows.screen import redraw
from bot.flows.wizard import Step, StepOf
from bot.materials.sending import pack_choice, send_pack
from bot.turns import Turn
from bot.views.materials import (
    Section,
    material_gone_staff_text,
    overview_text,
    pack_busy_text,
    pack_empty_text,
    removal_confirm_text,
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
from bot.views.materials_keyboards import (
    MatAction,
    MaterialsCb,
    confirm_keyboard,
    overview_keyboard,
    removal_keyboard,
    section_keyboard,
)
from bot.views.menu import stale_button_text
from db.models import Material
from db.repositories import Repositories
from domain.enums import MaterialTarget
from handlers.access import refuse_forged
from handlers.material_review import review_codes

FLOW = "materials"  # screens whose presses get a Step (a message that can still be edited)


# Screens ---------------------------------------------------------------------------------------------


async def overview(repo: Repositories, content: Content, locale: str) -> tuple[str, InlineKeyboardMarkup]:
    parts = sections(content, locale)
    lessons = await repo.material_catalogue.coverage(MaterialTarget.LESSON)
    memos = await repo.material_catalogue.coverage(MaterialTarget.MEMO)
    pending = await repo.materials.count_pending_in(None)
    text = overview_text([(p, lessons if p.is_age_group else memos) for p in parts], pending, locale)
    return text, overview_keyboard(parts)


async def show_overview(message: Message, repo: Repositories, content: Content, locale: str) -> None:
    text, markup = await overview(repo, content, locale)
    await message.answer(text, reply_markup=markup)


async def on_overview(query: CallbackQuery, repo: Repositories, content: Content, locale: str) -> None:
    await query.answer()
    if not isinstance(query.message, Message):
        return  # a message too old to edit: the press is answered, nothing to redraw
    await redraw(query.message, *await overview(repo, content, locale))


async def on_section(query: CallbackQuery, callback_data: MaterialsCb, step: Step, content: Content) -> None:
    part = section(content, callback_data.section, step.locale)
    if part is None:
        await query.answer(stale_button_text(step.locale))
        return
    await query.answer()
    coverage = await step.repo.material_catalogue.coverage(part.target)
    text = section_text(part, coverage, step.locale)
    await redraw(step.message, text, section_keyboard(part, step.access.is_coordinator, step.locale))


# Removal ---------------------------------------------------------------------------------------------


def may_remove(material: Material, codes: set[str] | None) -> bool:
    """Coordinators over the territory it was approved for; a national one (no territory) is the admins'."""
    return codes is None or (material.territory_code is not None and material.territory_code in codes)


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
    await redraw(
        message, f"{notice}\n\n{text}" if notice else text, removal_keyboard(part, materials, page, locale)
    )


async def on_removal_list(
    query: CallbackQuery, callback_data: MaterialsCb, step: Step, content: Content
) -> None:
    if not step.access.is_coordinator:
        await refuse(query, step.repo, step.clock, step.locale)
        return
    part = section(content, callback_data.section, step.locale)
    if part is None:
        await query.answer(stale_button_text(step.locale))
        return
    await query.answer()
    codes = await review_codes(step.access, step.repo)
    await show_removal_list(step.message, part, callback_data.page, codes, step.repo, step.locale)


@dataclass(frozen=True, slots=True)
class Removal:
    material: Material
    part: Section
    codes: set[str] | None  # what else the presser may remove (None: everything)


class Removable(Filter):
    """Hands a remove button's handler its `removal`: the material, if it still stands and the presser may
    remove it; else None, the press already answered here (refused and audited, or told it is gone). It
    never lets the press fall through: the refusal router would answer it a second time."""

    async def __call__(
        self,
        query: CallbackQuery,
        callback_data: MaterialsCb,
        access: Access,
        repo: Repositories,
        content: Content,
        clock: Clock,
        locale: str,
    ) -> dict[str, Removal | None]:
        if not access.is_coordinator:
            await refuse(query, repo, clock, locale)
            return {"removal": None}
        material = await repo.material_catalogue.approved(callback_data.material, None)
        part = section_of(content, material, locale) if material is not None else None
        if material is None or part is None:
            # Removed meanwhile, or never approved: someone else's draft named by a forged press.
            await repo.audit.record(
                query.from_user.id, "material.gone", clock.now(), detail=callback_data.pack()
            )
            await query.answer(material_gone_staff_text(locale))
            return {"removal": None}
        codes = await review_codes(access, repo)
        if not may_remove(material, codes):
            await refuse(query, repo, clock, locale)
            return {"removal": None}
        return {"removal": Removal(material, part, codes)}


async def on_forged(query: CallbackQuery, repo: Repositories, clock: Clock, locale: str) -> None:
    await refuse_forged(query, repo, clock, "material.forged", removal_refused_text(locale))


async def on_ask_remove(query: CallbackQuery, removal: Removal | None, content: Content, locale: str) -> None:
    if removal is None:
        return
    await query.answer()
    if not isinstance(query.message, Message):
        return
    material = removal.material
    text = removal_confirm_text(material, topic_title(content, material, locale), locale)
    await redraw(query.message, text, confirm_keyboard(removal.part, material, locale))


async def on_remove(
    query: CallbackQuery, removal: Removal | None, repo: Repositories, clock: Clock, locale: str
) -> None:
    if removal is None:
        return
    material, now = removal.material, clock.now()
    if not await repo.material_catalogue.remove(material.id, query.from_user.id, now):
        # Another coordinator was a moment faster: it is gone, and audited once, by them.
        await query.answer(material_gone_staff_text(locale))
        return
    await repo.audit.record(query.from_user.id, "material.removed", now, detail=f"material {material.id}")
    await query.answer(removed_toast(locale))
    if not isinstance(query.message, Message):
        return
    notice = removed_text(material, locale)
    await show_removal_list(query.message, removal.part, 0, removal.codes, repo, locale, notice=notice)


def build_router() -> Router:
    router = Router(name=__name__)
    # Users whose pack is being sent: a second press meanwhile would only double the wait and the files.
    sending: set[int] = set()

    async def on_pack(
        query: CallbackQuery,
        callback_data: MaterialsCb,
        repo: Repositories,
        content: Content,
        locale: str,
        turn: Turn,
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
            # Sending takes a while (Telegram paces a chat): the person's other presses and messages need not
            # wait for it, and another press of this button is told the pack is on its way.
            await turn.end()
            await send_pack(query.message, part, chosen, locale)
        finally:
            sending.discard(query.from_user.id)

    router.message.register(show_overview, Command("materials"))
    on = router.callback_query.register
    # Only the remove buttons carry a material: one in any other press was not made by the bot.
    on(
        on_forged,
        MaterialsCb.filter((F.material != 0) & ~F.action.in_({MatAction.ask_remove, MatAction.remove})),
    )
    on(on_overview, MaterialsCb.filter(F.action == MatAction.overview))
    on(on_section, MaterialsCb.filter(F.action == MatAction.section), StepOf(FLOW))
    on(on_pack, MaterialsCb.filter(F.action == MatAction.pack))
    on(on_removal_list, MaterialsCb.filter(F.action == MatAction.removal_list), StepOf(FLOW))
    on(on_ask_remove, MaterialsCb.filter(F.action == MatAction.ask_remove), Removable())
    on(on_remove, MaterialsCb.filter(F.action == MatAction.remove), Removable())
    return router
