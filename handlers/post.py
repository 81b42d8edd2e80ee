"""/post: a guided conversation that ends in a confirmed (or approval-bound) post in the outbox's hands."""

from __future__ import annotations

import logging
import re
import secrets
from datetime import datetime
from enum import StrEnum
from typing import Any

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.access import Access
from bot.broadcast import BroadcastSender
from bot.clock import KZ, Clock
from bot.events import EventStatus
from bot.quiet_hours import Urgency, effective_send_at
from bot.settings import Settings
from bot.views import post_flow as v
from bot.views.orgs import org_name
from bot.views.post_preview import send_preview
from bot.views.posts import visible_length
from db.models import Organisation, Post
from db.repositories import Repositories
from db.repositories.drafts import NewPost
from db.repositories.orgs import AREA_KINDS, COLLEGE, KINDERGARTEN
from handlers.access import refuse_forged

log = logging.getLogger(__name__)

PAGE = 8
TIME = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})(?:\.(\d{4}))?\s+(\d{1,2})[:.](\d{2})\s*$")


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


class Act(StrEnum):
    scope = "s"
    keep = "k"
    no_media = "nm"
    all_orgs = "ao"
    toggle_org = "to"
    orgs_done = "od"
    page = "pg"
    toggle_grade = "tg"
    all_grades = "ag"
    grades_done = "gd"
    urgency = "u"
    now = "n"
    later = "l"
    confirm = "c"
    cancel = "x"


class PostCb(CallbackData, prefix="pst"):
    act: Act
    value: str = ""


class Decision(StrEnum):
    approve = "a"
    reject = "r"


class ApprovalCb(CallbackData, prefix="apr"):
    decision: Decision
    post_id: int


COMMANDS = ("post",)
CALLBACKS = (PostCb, ApprovalCb)


def _button(text: str, act: Act, value: str = "") -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=PostCb(act=act, value=value).pack())


def _cancel_row(locale: str) -> list[InlineKeyboardButton]:
    return [_button("✖️ " + _("Cancel", locale=locale), Act.cancel)]


def scope_keyboard(options: list[Organisation], locale: str) -> InlineKeyboardMarkup:
    rows = [[_button(org_name(o, locale), Act.scope, o.code)] for o in options]
    return InlineKeyboardMarkup(inline_keyboard=[*rows, _cancel_row(locale)])


def keep_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(_("Keep as it is", locale=locale), Act.keep)], _cancel_row(locale)]
    )


def media_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button(_("No attachment", locale=locale), Act.no_media)], _cancel_row(locale)]
    )


def orgs_keyboard(
    scope: Organisation, children: list[Organisation], chosen: set[str], page: int, locale: str
) -> InlineKeyboardMarkup:
    rows = [
        [
            _button(
                "📣 " + _("Everyone in {scope}", locale=locale).format(scope=org_name(scope, locale)),
                Act.all_orgs,
            )
        ]
    ]
    for child in children[page * PAGE : (page + 1) * PAGE]:
        mark = "☑️ " if child.code in chosen else "⬜ "
        rows.append([_button(mark + org_name(child, locale), Act.toggle_org, child.code)])
    nav = []
    if page > 0:
        nav.append(_button("◀️", Act.page, str(page - 1)))
    if (page + 1) * PAGE < len(children):
        nav.append(_button("▶️", Act.page, str(page + 1)))
    if nav:
        rows.append(nav)
    if chosen:
        rows.append([_button("✅ " + _("Done", locale=locale), Act.orgs_done)])
    rows.append(_cancel_row(locale))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def grades_keyboard(grades: tuple[str, ...], chosen: set[str], locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    for grade in grades:
        mark = "☑️ " if grade in chosen else ""
        kb.button(
            text=mark + v.grade_name(grade, locale), callback_data=PostCb(act=Act.toggle_grade, value=grade)
        )
    kb.adjust(3)
    kb.row(_button(_("All grades", locale=locale), Act.all_grades))
    if chosen:
        kb.row(_button("✅ " + _("Done", locale=locale), Act.grades_done))
    kb.row(*_cancel_row(locale))
    return kb.as_markup()


def urgency_keyboard(may_urgent: bool, locale: str) -> InlineKeyboardMarkup:
    rows = [
        [_button(_("Normal", locale=locale), Act.urgency, Urgency.NORMAL)],
        [_button(_("Silent", locale=locale), Act.urgency, Urgency.SILENT)],
    ]
    if may_urgent:
        rows.append([_button("⚡ " + _("Urgent", locale=locale), Act.urgency, Urgency.URGENT)])
    return InlineKeyboardMarkup(inline_keyboard=[*rows, _cancel_row(locale)])


def when_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                _button(_("Now", locale=locale), Act.now),
                _button(_("At a set time", locale=locale), Act.later),
            ],
            _cancel_row(locale),
        ]
    )


def confirm_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button("✅ " + _("Confirm", locale=locale), Act.confirm), *_cancel_row(locale)]]
    )


def approval_keyboard(post_id: int, locale: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(
        text="✅ " + _("Approve", locale=locale),
        callback_data=ApprovalCb(decision=Decision.approve, post_id=post_id),
    )
    kb.button(
        text="✖️ " + _("Reject", locale=locale),
        callback_data=ApprovalCb(decision=Decision.reject, post_id=post_id),
    )
    return kb.as_markup()


def grades_for(org: Organisation) -> tuple[str, ...]:
    if org.kind == KINDERGARTEN:
        return ("pre",)
    if org.kind == COLLEGE:
        return ("college",)
    return v.GRADES


async def _scope_options(access: Access, repo: Repositories) -> list[Organisation]:
    if access.is_admin:
        return await repo.orgs.regions()
    return await repo.orgs.many(access.scope_codes)


# --- the conversation -------------------------------------------------------------------------------


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
    await message.answer(v.ask_scope(locale), reply_markup=scope_keyboard(options, locale))


async def _use_scope(message: Message, state: FSMContext, scope: Organisation, locale: str) -> None:
    await state.update_data(scope=scope.code)
    await state.set_state(PostAuthoring.text_kk)
    await message.answer(
        v.ask_text_kk(locale), reply_markup=InlineKeyboardMarkup(inline_keyboard=[_cancel_row(locale)])
    )


async def cancel(message: Message, state: FSMContext, locale: str) -> None:
    if await state.get_state() is None:
        await message.answer(v.nothing_to_cancel(locale))
        return
    await state.clear()
    await message.answer(v.cancelled_text(locale))


def _post_text(message: Message) -> str | None:
    # html_text escapes what the user typed and turns Telegram's own formatting into HTML tags.
    if message.text is None or message.text.startswith("/"):
        return None
    return message.html_text


async def _accepted_text(message: Message, locale: str) -> str | None:
    """The post text as Telegram HTML, or None after telling the author what was wrong with it."""
    text = _post_text(message)
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
    await message.answer(
        v.ask_text_ru(locale), reply_markup=InlineKeyboardMarkup(inline_keyboard=[_cancel_row(locale)])
    )


async def got_text_ru(message: Message, state: FSMContext, locale: str) -> None:
    text = await _accepted_text(message, locale)
    if text is None:
        return
    data = await state.update_data(text_ru=text)
    if v.looks_like_same_language(data["text_kk"], text):
        await message.answer(v.same_language_warning(locale), reply_markup=keep_keyboard(locale))
        return
    await _ask_media(message, state, locale)


async def _ask_media(message: Message, state: FSMContext, locale: str) -> None:
    await state.set_state(PostAuthoring.media)
    await message.answer(v.ask_media(locale), reply_markup=media_keyboard(locale))


async def got_media(message: Message, state: FSMContext, repo: Repositories, locale: str) -> None:
    if message.photo:
        await state.update_data(media_kind="photo", media_file_id=message.photo[-1].file_id)
    elif message.document:
        await state.update_data(media_kind="document", media_file_id=message.document.file_id)
    else:
        await message.answer(v.media_expected(locale), reply_markup=media_keyboard(locale))
        return
    await _ask_orgs(message, state, repo, locale)


async def _ask_orgs(
    message: Message, state: FSMContext, repo: Repositories, locale: str, edit: bool = False
) -> None:
    data = await state.get_data()
    scope = await repo.orgs.get(data["scope"])
    if scope is None:
        await state.clear()
        await message.answer(v.step_over_text(locale))
        return
    if scope.kind not in AREA_KINDS:
        await state.update_data(orgs=None)
        await _ask_grades(message, state, repo, locale, edit)
        return
    await state.set_state(PostAuthoring.orgs)
    children = await repo.orgs.children(scope.code)
    chosen = set(data.get("orgs") or [])
    markup = orgs_keyboard(scope, children, chosen, data.get("page", 0), locale)
    if edit:
        await message.edit_text(v.ask_orgs(len(chosen), locale), reply_markup=markup)
    else:
        await message.answer(v.ask_orgs(len(chosen), locale), reply_markup=markup)


async def _ask_grades(
    message: Message, state: FSMContext, repo: Repositories, locale: str, edit: bool = False
) -> None:
    data = await state.get_data()
    scope = await repo.orgs.get(data["scope"])
    grades = grades_for(scope) if scope is not None else v.GRADES
    if len(grades) == 1:
        await state.update_data(grades=list(grades))
        await _ask_urgency(message, state, data, locale, edit)
        return
    await state.set_state(PostAuthoring.grades)
    markup = grades_keyboard(grades, set(data.get("grades") or []), locale)
    if edit:
        await message.edit_text(v.ask_grades(locale), reply_markup=markup)
    else:
        await message.answer(v.ask_grades(locale), reply_markup=markup)


async def _ask_urgency(
    message: Message, state: FSMContext, data: dict[str, Any], locale: str, edit: bool
) -> None:
    await state.set_state(PostAuthoring.urgency)
    may_urgent = bool(data.get("may_urgent"))
    text, markup = v.ask_urgency(may_urgent, locale), urgency_keyboard(may_urgent, locale)
    if edit:
        await message.edit_text(text, reply_markup=markup)
    else:
        await message.answer(text, reply_markup=markup)


async def got_time(
    message: Message,
    state: FSMContext,
    clock: Clock,
    repo: Repositories,
    bot: Bot,
    settings: Settings,
    locale: str,
) -> None:
    when = _parse_time(message.text or "", clock.now())
    if when is None:
        await message.answer(v.time_not_understood(locale))
        return
    if when <= clock.now():
        await message.answer(v.time_in_past(locale))
        return
    await state.update_data(send_at=when.isoformat())
    await _show_preview(message, state, repo, clock, bot, settings, locale)


def _parse_time(text: str, now: datetime) -> datetime | None:
    match = TIME.match(text)
    if match is None:
        return None
    day, month, year, hour, minute = match.groups()
    try:
        return datetime(int(year or now.year), int(month), int(day), int(hour), int(minute), tzinfo=KZ)
    except ValueError:
        return None


def _draft_post(data: dict[str, Any], author_id: int) -> Post:
    """An unsaved Post, so the preview goes through the very renderer the sender uses."""
    return Post(
        author_id=author_id,
        scope_code=data["scope"],
        text_kk=data["text_kk"],
        text_ru=data["text_ru"],
        media_kind=data.get("media_kind"),
        media_file_id=data.get("media_file_id"),
        audience={"orgs": data.get("orgs"), "grades": data.get("grades")},
        urgent=data.get("urgency") == Urgency.URGENT,
        silent=data.get("urgency") == Urgency.SILENT,
        status="draft",
    )


async def _audience(data: dict[str, Any], repo: Repositories, locale: str) -> tuple[str, int, bool]:
    """A description of who gets the post, how many they are now, and whether it needs approval."""
    codes = data.get("orgs") or [data["scope"]]
    orgs = await repo.orgs.many(codes)
    names = ", ".join(org_name(o, locale) for o in orgs)
    grades = data.get("grades")
    if grades:
        names += " · " + ", ".join(v.grade_name(g, locale) for g in grades)
    recipients = await repo.audience.count(codes, grades)
    wide = any(o.kind in AREA_KINDS for o in orgs)
    return names, recipients, wide and not data.get("is_admin")


def _send_at(data: dict[str, Any], now: datetime) -> datetime | None:
    requested = datetime.fromisoformat(data["send_at"]) if data.get("send_at") else None
    return effective_send_at(requested, now, Urgency(data.get("urgency", Urgency.NORMAL)))


async def _show_preview(
    message: Message,
    state: FSMContext,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    locale: str,
) -> None:
    data = await state.get_data()
    await state.set_state(PostAuthoring.preview)
    scope = await repo.orgs.get(data["scope"])
    await message.answer(v.preview_intro(locale))
    await send_preview(bot, message.chat.id, _draft_post(data, message.chat.id), scope)
    audience, recipients, needs_approval = await _audience(data, repo, locale)
    summary = v.preview_summary(
        audience,
        recipients,
        v.when_text(_send_at(data, clock.now()), locale),
        v.urgency_name(data.get("urgency", Urgency.NORMAL), locale),
        needs_approval,
        locale,
    )
    await message.answer(summary, reply_markup=confirm_keyboard(locale))


# --- buttons ------------------------------------------------------------------------------------------


async def on_post_button(
    query: CallbackQuery,
    callback_data: PostCb,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    broadcaster: BroadcastSender,
    locale: str,
) -> None:
    message = query.message
    current = await state.get_state()
    act = callback_data.act
    if not isinstance(message, Message):
        await query.answer()
        return
    if act is Act.cancel:
        await state.clear()
        await query.answer()
        await message.edit_text(v.cancelled_text(locale))
        return
    expected = {
        Act.scope: PostAuthoring.scope,
        Act.keep: PostAuthoring.text_ru,
        Act.no_media: PostAuthoring.media,
        Act.all_orgs: PostAuthoring.orgs,
        Act.toggle_org: PostAuthoring.orgs,
        Act.orgs_done: PostAuthoring.orgs,
        Act.page: PostAuthoring.orgs,
        Act.toggle_grade: PostAuthoring.grades,
        Act.all_grades: PostAuthoring.grades,
        Act.grades_done: PostAuthoring.grades,
        Act.urgency: PostAuthoring.urgency,
        Act.now: PostAuthoring.when,
        Act.later: PostAuthoring.when,
        Act.confirm: PostAuthoring.preview,
    }[act]
    if current != expected.state:
        if act is Act.confirm:
            await query.answer(v.already_confirmed_text(locale), show_alert=True)
        else:
            await query.answer(v.step_over_text(locale), show_alert=True)
        return
    data = await state.get_data()
    await state.update_data(is_admin=access.is_admin, may_urgent=access.may_mark_urgent)
    value = callback_data.value
    if act is Act.scope:
        org = await repo.orgs.get(value)
        if org is None or not (access.covers(value) and (access.is_admin or value in access.scope_codes)):
            await _refuse(query, repo, clock, locale)
            return
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        await _use_scope(message, state, org, locale)
    elif act is Act.keep:
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        await _ask_media(message, state, locale)
    elif act is Act.no_media:
        await query.answer()
        await state.update_data(media_kind=None, media_file_id=None)
        await message.edit_reply_markup(reply_markup=None)
        await _ask_orgs(message, state, repo, locale)
    elif act in (Act.toggle_org, Act.page):
        if act is Act.toggle_org:
            if not access.covers(value) or (await repo.orgs.get(value)) is None:
                await _refuse(query, repo, clock, locale)
                return
            chosen = set(data.get("orgs") or [])
            chosen.symmetric_difference_update({value})
            await state.update_data(orgs=sorted(chosen))
        else:
            await state.update_data(page=max(0, int(value or 0)))
        await query.answer()
        await _ask_orgs(message, state, repo, locale, edit=True)
    elif act in (Act.all_orgs, Act.orgs_done):
        if act is Act.all_orgs:
            await state.update_data(orgs=None)
        await query.answer()
        await _ask_grades(message, state, repo, locale, edit=True)
    elif act is Act.toggle_grade:
        if value not in v.GRADES:
            await _refuse(query, repo, clock, locale)
            return
        chosen = set(data.get("grades") or [])
        chosen.symmetric_difference_update({value})
        await state.update_data(grades=sorted(chosen, key=v.GRADES.index))
        await query.answer()
        await _ask_grades(message, state, repo, locale, edit=True)
    elif act in (Act.all_grades, Act.grades_done):
        if act is Act.all_grades:
            await state.update_data(grades=None)
        await query.answer()
        await _ask_urgency(message, state, await state.get_data(), locale, edit=True)
    elif act is Act.urgency:
        if value not in set(Urgency) or (value == Urgency.URGENT and not access.may_mark_urgent):
            await _refuse(query, repo, clock, locale)
            return
        await state.update_data(urgency=value)
        await state.set_state(PostAuthoring.when)
        await query.answer()
        await message.edit_text(v.ask_when(locale), reply_markup=when_keyboard(locale))
    elif act is Act.now:
        await state.update_data(send_at=None)
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        await _show_preview(message, state, repo, clock, bot, settings, locale)
    elif act is Act.later:
        await state.set_state(PostAuthoring.time)
        await query.answer()
        await message.edit_text(v.ask_time(clock.now(), locale))
    elif act is Act.confirm:
        await _confirm(query, message, state, data, access, repo, clock, bot, settings, broadcaster, locale)


async def _refuse(query: CallbackQuery, repo: Repositories, clock: Clock, locale: str) -> None:
    await refuse_forged(
        query, repo, clock, "post.forged", _("You cannot do this with your role.", locale=locale)
    )


async def _confirm(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    data: dict[str, Any],
    access: Access,
    repo: Repositories,
    clock: Clock,
    bot: Bot,
    settings: Settings,
    broadcaster: BroadcastSender,
    locale: str,
) -> None:
    # Cleared first: a second tap, even one already on its way, finds no draft (and the draft key, if it
    # raced past, finds the post taken).
    await state.clear()
    now = clock.now()
    audience, recipients, needs_approval = await _audience(
        {**data, "is_admin": access.is_admin}, repo, locale
    )
    send_at = _send_at(data, now)
    post_id = await repo.drafts.confirm(
        NewPost(
            draft_key=data["draft_key"],
            author_id=query.from_user.id,
            scope_code=data["scope"],
            text_kk=data["text_kk"],
            text_ru=data["text_ru"],
            media_kind=data.get("media_kind"),
            media_file_id=data.get("media_file_id"),
            audience={"orgs": data.get("orgs"), "grades": data.get("grades")},
            urgent=data.get("urgency") == Urgency.URGENT,
            silent=data.get("urgency") == Urgency.SILENT,
            send_at=send_at,
            needs_approval=needs_approval,
        ),
        now,
    )
    if post_id is None:
        await query.answer(v.already_confirmed_text(locale), show_alert=True)
        return
    await repo.audit.record(query.from_user.id, "post.created", now, post_id=post_id, detail=audience[:300])
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    if needs_approval:
        await message.answer(v.awaiting_approval_text(locale))
        if not await ask_approvers(post_id, repo, bot, recipients, send_at, settings.admin_ids):
            await message.answer(v.no_approver_text(locale))
        return
    progress = await message.answer(v.queued_text(recipients, v.when_text(send_at, locale), locale))
    await repo.drafts.attach_progress_message(post_id, progress.chat.id, progress.message_id)
    await repo.audit.record(query.from_user.id, "post.scheduled", now, post_id=post_id)
    broadcaster.wake()


async def ask_approvers(
    post_id: int,
    repo: Repositories,
    bot: Bot,
    recipients: int,
    send_at: datetime | None,
    admin_ids: frozenset[int],
) -> int:
    """Sends the preview and Approve / Reject to everyone who may approve; returns how many got it."""
    post = await repo.drafts.get(post_id)
    if post is None:
        return 0
    chain = [o.code for o in await repo.orgs.path(post.scope_code)]
    approvers = set(await repo.staff.coordinators_for(chain)) | set(admin_ids)
    approvers.discard(post.author_id)
    scope = await repo.orgs.get(post.scope_code)
    languages = await repo.users.known_languages(frozenset(approvers))
    reached = 0
    for approver_id, language in sorted(languages.items()):
        locale = language or "kk"
        data = {"scope": post.scope_code, **post.audience, "is_admin": True}
        audience, _count, _wide = await _audience(data, repo, locale)
        try:
            await send_preview(bot, approver_id, post, scope)
            await bot.send_message(
                approver_id,
                v.approval_request_text(
                    f'<a href="tg://user?id={post.author_id}">{post.author_id}</a>',
                    audience,
                    recipients,
                    v.when_text(send_at, locale),
                    locale,
                    event=post.event_id is not None,
                ),
                reply_markup=approval_keyboard(post_id, locale),
            )
        except TelegramAPIError as exc:
            # One approver who blocked the bot must not keep the others from being asked.
            log.info(
                "approval request for post %s not delivered to %s: %s", post_id, approver_id, exc.message
            )
            continue
        reached += 1
    return reached


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
    router.callback_query.register(on_post_button, PostCb.filter())
    router.callback_query.register(on_approval, ApprovalCb.filter())
    return router
