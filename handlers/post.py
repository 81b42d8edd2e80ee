"""/post: a guided conversation that ends in a confirmed (or approval-bound) post in the outbox's hands."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.access import Access
from bot.broadcast import BroadcastSender
from bot.clock import Clock
from bot.events import EventStatus
from bot.flows.grades import GRADES, GradeAct, grades_of, toggled
from bot.flows.moments import MomentError, Problem, parse_moment
from bot.flows.org_picker import OrgAct
from bot.flows.publish import Confirmed, ask_approvers, audience_of, publish_or_ask
from bot.flows.wizard import Wizard, WizardTexts, show, typed_html
from bot.quiet_hours import Urgency, effective_send_at
from bot.settings import Settings
from bot.views import post_flow as v
from bot.views import post_keyboards as kb
from bot.views.paging import paginate
from bot.views.post_keyboards import (
    ApprovalCb,
    Decision,
    PostAct,
    PostCb,
    PostGradeCb,
    PostOrgCb,
    PostPageCb,
    PostScopeCb,
    PostUrgencyCb,
)
from bot.views.post_preview import send_preview
from bot.views.posts import visible_length
from db.models import Organisation, Post
from db.repositories import Repositories
from db.repositories.drafts import NewPost
from db.repositories.orgs import AREA_KINDS
from handlers.access import refuse_forged

__all__ = ["CALLBACKS", "COMMANDS", "ask_approvers", "build_router"]


class PostAuthoring(StatesGroup):
    scope = State()
    text_kk = State()
    text_ru = State()
    media = State()
    orgs = State()
    grades = State()
    urgency = State()
    when = State()
    time = State()
    preview = State()


COMMANDS = ("post",)
CALLBACKS = (PostCb, ApprovalCb)
TEXTS = WizardTexts(
    step_over=v.step_over_text, cancelled=v.cancelled_text, already_done=v.already_confirmed_text
)


async def _scope_options(access: Access, repo: Repositories) -> list[Organisation]:
    if access.is_admin:
        return await repo.orgs.regions()
    return await repo.orgs.many(access.scope_codes)


async def _refuse(query: CallbackQuery, repo: Repositories, clock: Clock, locale: str) -> None:
    await refuse_forged(
        query, repo, clock, "post.forged", _("You cannot do this with your role.", locale=locale)
    )


# --- typed steps ----------------------------------------------------------------------------------------


async def start_post(
    message: Message, state: FSMContext, access: Access, repo: Repositories, locale: str
) -> None:
    await state.clear()
    options = await _scope_options(access, repo)
    if not options:
        await message.answer(
            _("No organisations are set up yet, so there is no one to post to.", locale=locale)
        )
        return
    await state.update_data(draft_key=secrets.token_hex(8))
    if len(options) == 1:
        await _use_scope(message, state, options[0], locale)
        return
    await state.set_state(PostAuthoring.scope)
    await message.answer(v.ask_scope(locale), reply_markup=kb.scope_keyboard(options, locale))


async def _use_scope(message: Message, state: FSMContext, scope: Organisation, locale: str) -> None:
    await state.update_data(scope=scope.code)
    await state.set_state(PostAuthoring.text_kk)
    await message.answer(v.ask_text_kk(locale), reply_markup=kb.cancel_keyboard(locale))


async def cancel(message: Message, state: FSMContext, locale: str) -> None:
    if await state.get_state() is None:
        await message.answer(v.nothing_to_cancel(locale))
        return
    await state.clear()
    await message.answer(v.cancelled_text(locale))


async def _accepted_text(message: Message, locale: str) -> str | None:
    """The post text as Telegram HTML, or None after telling the author what was wrong with it."""
    text = typed_html(message)
    if text is None:
        await message.answer(v.text_expected(locale))
        return None
    if visible_length(text) > v.POST_TEXT_LIMIT:
        await message.answer(v.too_long_text(visible_length(text), locale))
        return None
    return text


async def got_text_kk(message: Message, state: FSMContext, locale: str) -> None:
    text = await _accepted_text(message, locale)
    if text is None:
        return
    await state.update_data(text_kk=text)
    await state.set_state(PostAuthoring.text_ru)
    await message.answer(v.ask_text_ru(locale), reply_markup=kb.cancel_keyboard(locale))


async def got_text_ru(message: Message, state: FSMContext, locale: str) -> None:
    text = await _accepted_text(message, locale)
    if text is None:
        return
    data = await state.update_data(text_ru=text)
    if v.looks_like_same_language(data["text_kk"], text):
        await message.answer(v.same_language_warning(locale), reply_markup=kb.keep_keyboard(locale))
        return
    await _ask_media(message, state, locale)


async def _ask_media(message: Message, state: FSMContext, locale: str) -> None:
    await state.set_state(PostAuthoring.media)
    await message.answer(v.ask_media(locale), reply_markup=kb.media_keyboard(locale))


async def got_media(
    message: Message, state: FSMContext, access: Access, repo: Repositories, locale: str
) -> None:
    if message.photo:
        await state.update_data(media_kind="photo", media_file_id=message.photo[-1].file_id)
    elif message.document:
        await state.update_data(media_kind="document", media_file_id=message.document.file_id)
    else:
        await message.answer(v.media_expected(locale), reply_markup=kb.media_keyboard(locale))
        return
    await _ask_orgs(message, state, access, repo, locale, edit=False)


async def _ask_orgs(
    message: Message, state: FSMContext, access: Access, repo: Repositories, locale: str, *, edit: bool
) -> None:
    data = await state.get_data()
    scope = await repo.orgs.get(data["scope"])
    if scope is None:
        await state.clear()
        await message.answer(v.step_over_text(locale))
        return
    if scope.kind not in AREA_KINDS:
        await state.update_data(orgs=None)
        await _ask_grades(message, state, access, scope, locale, edit=edit)
        return
    await state.set_state(PostAuthoring.orgs)
    page = paginate(await repo.orgs.children(scope.code), data.get("page", 0))
    chosen = set(data.get("orgs") or [])
    await show(
        message, v.ask_orgs(len(chosen), locale), kb.orgs_keyboard(scope, page, chosen, locale), edit=edit
    )


async def _ask_grades(
    message: Message, state: FSMContext, access: Access, scope: Organisation, locale: str, *, edit: bool
) -> None:
    grades = grades_of(scope.kind)
    if len(grades) == 1:
        await state.update_data(grades=list(grades))
        await _ask_urgency(message, state, access, locale, edit=edit)
        return
    await state.set_state(PostAuthoring.grades)
    chosen = set((await state.get_data()).get("grades") or [])
    await show(message, v.ask_grades(locale), kb.grades_keyboard_of(grades, chosen, locale), edit=edit)


async def _ask_urgency(
    message: Message, state: FSMContext, access: Access, locale: str, *, edit: bool
) -> None:
    await state.set_state(PostAuthoring.urgency)
    may_urgent = access.may_mark_urgent
    text, markup = v.ask_urgency(may_urgent, locale), kb.urgency_keyboard(may_urgent, locale)
    await show(message, text, markup, edit=edit)


async def got_time(
    message: Message,
    state: FSMContext,
    access: Access,
    clock: Clock,
    repo: Repositories,
    bot: Bot,
    locale: str,
) -> None:
    try:
        when = parse_moment(message.text or "", clock.now())
    except MomentError as error:
        past = error.problem is Problem.PAST
        await message.answer(v.time_in_past(locale) if past else v.time_not_understood(locale))
        return
    await state.update_data(send_at=when.isoformat())
    await _show_preview(message, state, access, repo, clock, bot, locale)


def _draft_post(data: dict[str, Any], author_id: int) -> Post:
    """An unsaved Post, so the preview goes through the very renderer the sender uses."""
    return Post(author_id=author_id, status="draft", **_post_fields(data))


def _post_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "scope_code": data["scope"],
        "text_kk": data["text_kk"],
        "text_ru": data["text_ru"],
        "media_kind": data.get("media_kind"),
        "media_file_id": data.get("media_file_id"),
        "audience": {"orgs": data.get("orgs"), "grades": data.get("grades")},
        "urgent": data.get("urgency") == Urgency.URGENT,
        "silent": data.get("urgency") == Urgency.SILENT,
    }


async def _audience(
    data: dict[str, Any], access: Access, repo: Repositories, locale: str
) -> tuple[str, int, bool]:
    """Who gets the post in words, how many they are now, and whether it needs approval."""
    audience = await audience_of(data.get("orgs") or [data["scope"]], data.get("grades"), repo, locale)
    return audience.names, audience.recipients, audience.wide and not access.is_admin


def _send_at(data: dict[str, Any], now: datetime) -> datetime | None:
    requested = datetime.fromisoformat(data["send_at"]) if data.get("send_at") else None
    return effective_send_at(requested, now, Urgency(data.get("urgency", Urgency.NORMAL)))


async def _show_preview(
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    locale: str,
) -> None:
    data = await state.get_data()
    await state.set_state(PostAuthoring.preview)
    scope = await repo.orgs.get(data["scope"])
    await message.answer(v.preview_intro(locale))
    await send_preview(bot, message.chat.id, _draft_post(data, message.chat.id), scope)
    audience, recipients, needs_approval = await _audience(data, access, repo, locale)
    summary = v.preview_summary(
        audience,
        recipients,
        v.when_text(_send_at(data, clock.now()), locale),
        v.urgency_name(data.get("urgency", Urgency.NORMAL), locale),
        needs_approval,
        locale,
    )
    await message.answer(summary, reply_markup=kb.confirm_keyboard(locale))


# --- buttons: one handler per press, each registered for its own step -----------------------------------


async def on_scope(
    query: CallbackQuery,
    callback_data: PostScopeCb,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    code = callback_data.code
    org = await repo.orgs.get(code)
    if org is None or not (access.covers(code) and (access.is_admin or code in access.scope_codes)):
        await _refuse(query, repo, clock, locale)
        return
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    await _use_scope(message, state, org, locale)


async def on_keep(query: CallbackQuery, message: Message, state: FSMContext, locale: str) -> None:
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    await _ask_media(message, state, locale)


async def on_no_media(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    locale: str,
) -> None:
    await query.answer()
    await state.update_data(media_kind=None, media_file_id=None)
    await message.edit_reply_markup(reply_markup=None)
    await _ask_orgs(message, state, access, repo, locale, edit=False)


async def on_org_tick(
    query: CallbackQuery,
    callback_data: PostOrgCb,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    code = callback_data.code
    if not access.covers(code) or (await repo.orgs.get(code)) is None:
        await _refuse(query, repo, clock, locale)
        return
    chosen = set((await state.get_data()).get("orgs") or []) ^ {code}
    await state.update_data(orgs=sorted(chosen))
    await query.answer()
    await _ask_orgs(message, state, access, repo, locale, edit=True)


async def on_org_page(
    query: CallbackQuery,
    callback_data: PostPageCb,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    locale: str,
) -> None:
    await state.update_data(page=max(0, callback_data.page))
    await query.answer()
    await _ask_orgs(message, state, access, repo, locale, edit=True)


async def on_orgs_chosen(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    callback_data: PostCb | PostOrgCb,
    locale: str,
) -> None:
    """«Everyone in» the scope, or Done with the ticked organisations."""
    data = await state.get_data()
    if isinstance(callback_data, PostOrgCb):  # «Everyone in» the scope
        data = await state.update_data(orgs=None)
    scope = await repo.orgs.get(data["scope"])
    await query.answer()
    if scope is None:
        await state.clear()
        await message.edit_text(v.step_over_text(locale))
        return
    await _ask_grades(message, state, access, scope, locale, edit=True)


async def on_grade_tick(
    query: CallbackQuery,
    callback_data: PostGradeCb,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    data = await state.get_data()
    scope = await repo.orgs.get(data["scope"])
    grade = callback_data.grade
    if scope is None or grade is None or grade not in grades_of(scope.kind):
        await _refuse(query, repo, clock, locale)
        return
    await state.update_data(grades=toggled(data.get("grades"), grade, GRADES))
    await query.answer()
    await _ask_grades(message, state, access, scope, locale, edit=True)


async def on_grades_chosen(
    query: CallbackQuery,
    callback_data: PostGradeCb,
    message: Message,
    state: FSMContext,
    access: Access,
    locale: str,
) -> None:
    if callback_data.act is GradeAct.all:
        await state.update_data(grades=None)
    await query.answer()
    await _ask_urgency(message, state, access, locale, edit=True)


async def on_urgency(
    query: CallbackQuery,
    callback_data: PostUrgencyCb,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    if callback_data.urgency is Urgency.URGENT and not access.may_mark_urgent:
        await _refuse(query, repo, clock, locale)
        return
    await state.update_data(urgency=callback_data.urgency.value)
    await state.set_state(PostAuthoring.when)
    await query.answer()
    await message.edit_text(v.ask_when(locale), reply_markup=kb.when_keyboard(locale))


async def on_now(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    locale: str,
) -> None:
    await state.update_data(send_at=None)
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    await _show_preview(message, state, access, repo, clock, bot, locale)


async def on_later(
    query: CallbackQuery, message: Message, state: FSMContext, clock: Clock, locale: str
) -> None:
    await state.set_state(PostAuthoring.time)
    await query.answer()
    await message.edit_text(v.ask_time(clock.now(), locale))


async def on_confirm(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    settings: Settings,
    broadcaster: BroadcastSender,
    locale: str,
) -> None:
    # Cleared first: a second tap, even one already on its way, finds no draft (and the draft key, if it
    # raced past, finds the post taken).
    data = await state.get_data()
    await state.clear()
    now = clock.now()
    audience, recipients, needs_approval = await _audience(data, access, repo, locale)
    send_at = _send_at(data, now)
    post_id = await repo.drafts.confirm(
        NewPost(
            draft_key=data["draft_key"],
            author_id=query.from_user.id,
            send_at=send_at,
            needs_approval=needs_approval,
            **_post_fields(data),
        ),
        now,
    )
    if post_id is None:
        await query.answer(v.already_confirmed_text(locale), show_alert=True)
        return
    await repo.audit.record(query.from_user.id, "post.created", now, post_id=post_id, detail=audience[:300])
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    queued = v.queued_text(recipients, v.when_text(send_at, locale), locale)
    confirmed = Confirmed(post_id, recipients, send_at, needs_approval)
    if await publish_or_ask(message, confirmed, queued, repo, broadcaster, settings.admin_ids, locale):
        await repo.audit.record(query.from_user.id, "post.scheduled", now, post_id=post_id)


# --- approval -------------------------------------------------------------------------------------------


async def _event_still_ahead(repo: Repositories, event_id: int, now: datetime) -> bool:
    event = await repo.events.get(event_id)
    return event is not None and event.status == EventStatus.SCHEDULED and event.starts_at > now


async def on_approval(
    query: CallbackQuery,
    callback_data: ApprovalCb,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    broadcaster: BroadcastSender,
    locale: str,
) -> None:
    post = await repo.drafts.get(callback_data.post_id)
    now = clock.now()
    may_approve = post is not None and (
        access.is_admin or (access.is_coordinator and access.covers(post.scope_code))
    )
    if post is None or not may_approve:
        await repo.audit.record(query.from_user.id, "approval.forged", now, detail=callback_data.pack())
        await query.answer(_("You cannot do this with your role.", locale=locale), show_alert=True)
        return
    if post.author_id == query.from_user.id:
        await query.answer(v.own_post_text(locale), show_alert=True)
        return
    author_locale = await repo.users.language_of(post.author_id) or "kk"
    if callback_data.decision is Decision.reject:
        if not await repo.drafts.reject(post.id):
            await query.answer(v.already_decided_text(locale), show_alert=True)
            return
        await repo.audit.record(query.from_user.id, "post.rejected", now, post_id=post.id)
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_text(v.rejected_text(locale))
        await bot.send_message(post.author_id, v.author_rejected_text(author_locale))
        return
    if post.event_id is not None and not await _event_still_ahead(repo, post.event_id, now):
        # An announcement approved too late would invite parents to something already over or cancelled.
        await repo.drafts.reject(post.id)
        await repo.audit.record(
            query.from_user.id, "post.rejected", now, post_id=post.id, detail="event over"
        )
        await query.answer(v.event_over_text(locale), show_alert=True)
        if isinstance(query.message, Message):
            await query.message.edit_text(v.event_over_text(locale))
        return
    urgency = Urgency.URGENT if post.urgent else Urgency.SILENT if post.silent else Urgency.NORMAL
    send_at = effective_send_at(post.send_at, now, urgency)
    if not await repo.drafts.approve(post.id, query.from_user.id, send_at):
        await query.answer(v.already_decided_text(locale), show_alert=True)
        return
    await repo.audit.record(query.from_user.id, "post.approved", now, post_id=post.id)
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_text(v.approved_text(locale))
    audience_codes = post.audience.get("orgs") or [post.scope_code]
    recipients = await repo.audience.count(audience_codes, post.audience.get("grades"))
    progress = await bot.send_message(
        post.author_id, v.queued_text(recipients, v.when_text(send_at, author_locale), author_locale)
    )
    await repo.drafts.attach_progress_message(post.id, progress.chat.id, progress.message_id)
    broadcaster.wake()


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start_post, Command("post"))
    router.message.register(cancel, Command("cancel"))
    router.message.register(got_text_kk, StateFilter(PostAuthoring.text_kk))
    router.message.register(got_text_ru, StateFilter(PostAuthoring.text_ru))
    router.message.register(got_media, StateFilter(PostAuthoring.media))
    router.message.register(got_time, StateFilter(PostAuthoring.time), F.text)
    flow = Wizard(router, PostAuthoring, PostCb.__prefix__, TEXTS)
    flow.cancel_button(PostCb.filter(F.act == PostAct.cancel))
    flow.button(on_scope, PostScopeCb.filter(), PostAuthoring.scope)
    flow.button(on_keep, PostCb.filter(F.act == PostAct.keep), PostAuthoring.text_ru)
    flow.button(on_no_media, PostCb.filter(F.act == PostAct.no_media), PostAuthoring.media)
    flow.button(on_org_tick, PostOrgCb.filter(F.act == OrgAct.tick), PostAuthoring.orgs)
    flow.button(on_org_page, PostPageCb.filter(), PostAuthoring.orgs)
    flow.button(on_orgs_chosen, PostOrgCb.filter(F.act == OrgAct.whole), PostAuthoring.orgs)
    flow.button(on_orgs_chosen, PostCb.filter(F.act == PostAct.orgs_done), PostAuthoring.orgs)
    flow.button(on_grade_tick, PostGradeCb.filter(F.act == GradeAct.toggle), PostAuthoring.grades)
    flow.button(on_grades_chosen, PostGradeCb.filter(F.act != GradeAct.toggle), PostAuthoring.grades)
    flow.button(on_urgency, PostUrgencyCb.filter(), PostAuthoring.urgency)
    flow.button(on_now, PostCb.filter(F.act == PostAct.now), PostAuthoring.when)
    flow.button(on_later, PostCb.filter(F.act == PostAct.later), PostAuthoring.when)
    flow.button(on_confirm, PostCb.filter(F.act == PostAct.confirm), PostAuthoring.preview)
    flow.close(PostCb.filter(F.act == PostAct.confirm))
    router.callback_query.register(on_approval, ApprovalCb.filter())
    return router
