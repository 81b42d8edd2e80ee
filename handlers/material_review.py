"""The review of materials school staff propose through /upload: a coordinator over the proposer's
organisation (or an admin) approves, or rejects with a reason the author gets."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import get_i18n

from bot.access import Access
from bot.clock import Clock
from bot.content import Content
from bot.flows.reason import ReasonCb, ReasonStep, ReasonTexts
from bot.flows.wizard import Step
from bot.i18n import stored_locale
from bot.materials.sending import send_material
from bot.views import material_upload as v
from bot.views.orgs import org_html
from bot.views.phrases import not_your_role
from bot.views.upload_keyboards import Decision, ReviewCb, review_keyboard
from db.models import Material
from db.repositories import Repositories
from domain.enums import MaterialStatus

log = logging.getLogger(__name__)


class MaterialReviewAuthoring(StatesGroup):
    """A coordinator types the reason for a rejection (free text: the crisis lane leaves it alone)."""

    reason = State()


class MaterialReasonCb(ReasonCb, prefix="mrvn"):
    """The buttons of the reason's question (Cancel: the material goes on waiting)."""


# A material is never rejected without a reason: its author needs to know what to change.
REASONS = ReasonStep(
    "material", MaterialReasonCb, MaterialReviewAuthoring.reason, ReasonTexts(v.reason_cancelled)
)


async def review_codes(access: Access, repo: Repositories) -> set[str] | None:
    """The organisations whose proposals this user reviews and whose materials they may remove (/materials):
    everything under their coordinator areas (None: all, for an admin)."""
    if access.is_admin:
        return None
    return await repo.orgs.within(access.coordinator_areas)


async def _may_review(access: Access, material: Material, repo: Repositories) -> bool:
    # A coordinator grant must cover the proposer's school: a psychologist's own school grant does not count.
    if access.is_admin:
        return True
    if material.org_code is None:
        return False
    return await repo.orgs.is_within(material.org_code, access.coordinator_areas)


async def approval_territory(access: Access, material: Material, repo: Repositories) -> str | None:
    """The territory a material is approved for: the reviewer's narrowest coordinator area over the proposer's
    organisation, whose parents then get it; an admin approves it for the proposer's own organisation."""
    if material.org_code is None:
        return None
    areas = set(access.coordinator_areas)
    covering = [o.code for o in await repo.orgs.path(material.org_code) if o.code in areas]
    return covering[-1] if covering else material.org_code


async def _request_text(material: Material, repo: Repositories, content: Content, locale: str) -> str:
    """The review card's text, naming the proposer's organisation."""
    org = await repo.orgs.get(material.org_code) if material.org_code else None
    return v.review_request_text(content, material, org_html(org, locale) if org is not None else "—", locale)


async def send_review_card(
    bot: Bot, chat_id: int, material: Material, repo: Repositories, content: Content, locale: str
) -> None:
    if material.file_id is not None:  # a link has no file to show
        await send_material(bot, chat_id, material)
    text = await _request_text(material, repo, content, locale)
    await bot.send_message(chat_id, text, reply_markup=review_keyboard(material.id, locale))


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
        for reviewer_id, speaks in sorted((await repo.users.speaks(group)).items()):
            try:
                locale = stored_locale(speaks, get_i18n().default_locale)
                await send_review_card(bot, reviewer_id, material, repo, content, locale)
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


async def refuse(
    query: CallbackQuery, repo: Repositories, clock: Clock, material_id: int, locale: str
) -> None:
    await repo.audit.record(
        query.from_user.id, "material.forged", clock.now(), detail=f"material {material_id}"
    )
    await query.answer(not_your_role(locale), show_alert=True)


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
        await refuse(query, repo, clock, callback_data.material_id, locale)
        return
    if material.proposed_by == query.from_user.id:
        await query.answer(v.own_material_text(locale), show_alert=True)
        return
    if material.status != MaterialStatus.PENDING:
        await query.answer(v.already_reviewed_text(locale), show_alert=True)
        return
    if callback_data.decision is Decision.reject:
        question = v.ask_reason(material.title_in(locale), locale)
        await REASONS.ask(query, state, bot, material.id, question, locale)
        return
    now = clock.now()
    territory = await approval_territory(access, material, repo)
    if not await repo.materials.approve(material.id, query.from_user.id, now, territory):
        await query.answer(v.already_reviewed_text(locale), show_alert=True)
        return
    await repo.audit.record(query.from_user.id, "material.approved", now, detail=f"material {material.id}")
    await query.answer()
    if isinstance(query.message, Message):
        request = await _request_text(material, repo, content, locale)
        await query.message.edit_text(f"{request}\n\n{v.approved_for_reviewer(locale)}")
    target, lang = await _proposer_target(material, repo, content)
    await _tell_proposer(bot, material, v.approved_for_proposer(material.title_in(lang), target, lang))


async def _proposer_target(material: Material, repo: Repositories, content: Content) -> tuple[str, str]:
    """What the material is for, in its proposer's language, and that language."""
    lang = stored_locale(await repo.users.speaks_of(material.proposed_by), get_i18n().default_locale)
    return v.target_title(content, material.target, material.slug, lang), lang


async def _tell_proposer(bot: Bot, material: Material, text: str) -> None:
    try:
        await bot.send_message(material.proposed_by, text)
    except TelegramAPIError as exc:
        log.info("decision on material %s not delivered to its author: %s", material.id, exc.message)


async def got_reason(message: Message, step: Step, content: Content) -> None:
    reason = await REASONS.typed(message, step)
    if reason is None or reason.text is None:
        return
    repo, clock, bot, locale = step.repo, step.clock, step.bot, step.locale
    material = await repo.materials.get(reason.subject_id)
    # Rights are checked again: a role may have been revoked while the reason was being typed.
    if material is None or not await _may_review(step.access, material, repo):
        await repo.audit.record(
            message.chat.id, "material.forged", clock.now(), detail=f"material {reason.subject_id}"
        )
        await message.answer(not_your_role(locale))
        return
    now = clock.now()
    # A material's reason stays on its row (reject_reason) and goes with it.
    if not await repo.materials.reject(material.id, message.chat.id, reason.text, now):
        await message.answer(v.already_reviewed_text(locale))
        return
    await repo.audit.record(message.chat.id, "material.rejected", now, detail=f"material {material.id}")
    await message.answer(v.rejected_for_reviewer(locale))
    if reason.card is not None:
        card = await _request_text(material, repo, content, locale)
        try:
            await bot.edit_message_text(
                f"{card}\n\n{v.rejected_for_reviewer(locale)}",
                chat_id=reason.card[0],
                message_id=reason.card[1],
            )
        except TelegramAPIError as exc:
            log.info("review card of material %s not updated: %s", material.id, exc.message)
    target, lang = await _proposer_target(material, repo, content)
    told = v.rejected_for_proposer(material.title_in(lang), target, reason.text, lang)
    await _tell_proposer(bot, material, told)


def register(router: Router) -> None:
    """On /upload's router: the reason's Cancel is an /upload button, and its /cancel ends both."""
    REASONS.register(router, got_reason)
    router.callback_query.register(on_review, ReviewCb.filter())
