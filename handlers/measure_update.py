"""/update and /myupdates: staff report progress on roadmap measures; public updates reach parents."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Any

from aiogram import Router
from aiogram.filters import Command, CommandObject, StateFilter
from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.access import Access
from bot.broadcast import BroadcastSender
from bot.clock import Clock
from bot.measures import Catalogue, Measure, Plan
from bot.quiet_hours import Urgency, effective_send_at
from bot.settings import Settings
from bot.views import measure_updates as v
from bot.views import post_flow
from bot.views.orgs import org_name
from bot.views.posts import visible_length
from db.models import MeasureUpdate, Organisation
from db.repositories import Repositories
from db.repositories.drafts import NewPost
from db.repositories.measure_updates import EDIT_WINDOW, NewUpdate
from db.repositories.orgs import AREA_KINDS
from handlers.access import refuse_forged
from handlers.post import ask_approvers

PAGE = 8
DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$")
NUMBER = re.compile(r"^\s*\d[\d\s]{0,11}\s*$")


class UpdateAuthoring(StatesGroup):
    measure = State()
    text_kk = State()
    text_ru = State()
    figure = State()
    done_on = State()
    evidence = State()
    status = State()
    public = State()
    org = State()
    preview = State()
    edit_kk = State()
    edit_ru = State()


class Act(StrEnum):
    section = "s"
    measure = "m"
    skip = "k"
    today = "t"
    no_evidence = "ne"
    status = "st"
    public = "p"
    open = "o"
    org = "g"
    confirm = "c"
    cancel = "x"


class UpdateCb(CallbackData, prefix="mu"):
    act: Act
    value: str = ""
    page: int = 0


class Mine(StrEnum):
    edit = "e"
    withdraw = "w"


class MyUpdateCb(CallbackData, prefix="myu"):
    act: Mine
    update_id: int


COMMANDS = ("update", "myupdates")
CALLBACKS = (UpdateCb, MyUpdateCb)


# --- keyboards (pure functions of data and locale) ---------------------------------------------------


def _button(text: str, act: Act, value: str = "", page: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=UpdateCb(act=act, value=value, page=page).pack())


def _cancel_row(locale: str) -> list[InlineKeyboardButton]:
    return [_button("✖️ " + _("Cancel", locale=locale), Act.cancel)]


def _markup(rows: list[list[InlineKeyboardButton]], locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[*rows, _cancel_row(locale)])


def sections_keyboard(plan: Plan, locale: str) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"{s.number}. {s.title.get(locale)}"[:60], Act.section, str(s.number))]
        for s in plan.sections
    ]
    return _markup(rows, locale)


def measures_keyboard(measures: list[Measure], locale: str) -> InlineKeyboardMarkup:
    rows = [
        [_button(f"№{m.number}. {m.title.get(locale)}"[:60], Act.measure, str(m.number))] for m in measures
    ]
    return _markup(rows, locale)


def skip_keyboard(locale: str, label: str | None = None) -> InlineKeyboardMarkup:
    return _markup([[_button(label or _("Skip", locale=locale), Act.skip)]], locale)


def date_keyboard(locale: str) -> InlineKeyboardMarkup:
    return _markup([[_button(_("Today", locale=locale), Act.today)]], locale)


def evidence_keyboard(locale: str) -> InlineKeyboardMarkup:
    return _markup([[_button(_("No evidence", locale=locale), Act.no_evidence)]], locale)


def status_keyboard(locale: str) -> InlineKeyboardMarkup:
    return _markup(
        [
            [
                _button(v.status_button("in_progress", locale), Act.status, "in_progress"),
                _button(v.status_button("done", locale), Act.status, "done"),
            ]
        ],
        locale,
    )


def public_keyboard(locale: str) -> InlineKeyboardMarkup:
    return _markup(
        [
            [_button("📣 " + _("Public: parents see it", locale=locale), Act.public, "1")],
            [_button("🔒 " + _("Internal", locale=locale), Act.public, "0")],
        ],
        locale,
    )


def org_keyboard(
    here: Organisation | None, children: list[Organisation], page: int, locale: str
) -> InlineKeyboardMarkup:
    rows = []
    if here is not None:
        rows.append(
            [
                _button(
                    "📍 " + _("Here: {name}", locale=locale).format(name=org_name(here, locale)),
                    Act.org,
                    here.code,
                )
            ]
        )
    for child in children[page * PAGE : (page + 1) * PAGE]:
        rows.append([_button("▸ " + org_name(child, locale), Act.open, child.code)])
    nav = []
    if here is not None and page > 0:
        nav.append(_button("◀️", Act.open, here.code, page - 1))
    if here is not None and (page + 1) * PAGE < len(children):
        nav.append(_button("▶️", Act.open, here.code, page + 1))
    if nav:
        rows.append(nav)
    return _markup(rows, locale)


def confirm_keyboard(locale: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[_button("✅ " + _("Confirm", locale=locale), Act.confirm), *_cancel_row(locale)]]
    )


def mine_keyboard(update_ids: list[int], locale: str) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                text="✏️ " + _("Edit #{id}", locale=locale).format(id=uid),
                callback_data=MyUpdateCb(act=Mine.edit, update_id=uid).pack(),
            ),
            InlineKeyboardButton(
                text="🗑 " + _("Withdraw #{id}", locale=locale).format(id=uid),
                callback_data=MyUpdateCb(act=Mine.withdraw, update_id=uid).pack(),
            ),
        ]
        for uid in update_ids
    ]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def keep_keyboard(locale: str) -> InlineKeyboardMarkup:
    return skip_keyboard(locale, _("Keep as it is", locale=locale))


# --- where the reporter stands ---------------------------------------------------------------------


async def _plan_for(access: Access, repo: Repositories, catalogue: Catalogue, today: date) -> Plan | None:
    """The roadmap in force in the reporter's region (an admin, who has no region, gets the one in force);
    a plan that has ended takes no more updates."""
    for scope in access.scope_codes:
        path = await repo.orgs.path(scope)
        if path:
            plan = catalogue.plan_for_region(path[0].code, today)
            if plan is not None:
                return plan
    return catalogue.current(today) if access.is_admin else None


async def _in_plan(code: str, plan: Plan, access: Access, repo: Repositories) -> Organisation | None:
    """The organisation, if the reporter may report for it under this plan; None for a forged code."""
    if not access.covers(code):
        return None
    path = await repo.orgs.path(code)
    if not path or path[0].code != plan.region:
        return None
    return path[-1]


async def _measure_of(state: FSMContext, catalogue: Catalogue) -> tuple[Plan, Measure] | None:
    data = await state.get_data()
    plan = catalogue.plan(data.get("plan", ""))
    measure = plan.measure(int(data.get("measure", 0))) if plan else None
    return (plan, measure) if plan is not None and measure is not None else None


# --- the conversation ------------------------------------------------------------------------------


async def start_update(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    catalogue: Catalogue,
    clock: Clock,
    locale: str,
) -> None:
    await state.clear()
    plan = await _plan_for(access, repo, catalogue, clock.now().date())
    if plan is None:
        await message.answer(v.no_plan(locale))
        return
    await state.update_data(plan=plan.code)
    arg = (command.args or "").strip().lstrip("№#")
    if arg:
        measure = plan.measure(int(arg)) if arg.isdigit() else None
        if measure is None:
            await state.clear()
            await message.answer(v.no_such_measure(arg, locale))
            return
        await _begin(message, state, measure, locale)
        return
    await state.set_state(UpdateAuthoring.measure)
    await message.answer(v.ask_section(locale), reply_markup=sections_keyboard(plan, locale))


async def _begin(message: Message, state: FSMContext, measure: Measure, locale: str) -> None:
    await state.update_data(measure=measure.number, figures={}, figure_index=0)
    await state.set_state(UpdateAuthoring.text_kk)
    await message.answer(v.ask_text_kk(measure, locale), reply_markup=skip_keyboard(locale))


def _typed_text(message: Message) -> str | None:
    # html_text escapes what the user typed and keeps Telegram's own formatting as HTML tags.
    if message.text is None or message.text.startswith("/"):
        return None
    return message.html_text


async def got_text(
    message: Message, state: FSMContext, catalogue: Catalogue, repo: Repositories, access: Access, locale: str
) -> None:
    text = _typed_text(message)
    if text is None:
        await message.answer(v.text_expected(locale))
        return
    if visible_length(text) > v.TEXT_LIMIT:
        await message.answer(v.too_long(visible_length(text), locale))
        return
    language = "kk" if await state.get_state() == UpdateAuthoring.text_kk.state else "ru"
    data = await state.update_data({f"text_{language}": text})
    await _after_text(message, state, data, language, catalogue, repo, access, locale)


async def _after_text(
    message: Message,
    state: FSMContext,
    data: dict[str, Any],
    language: str,
    catalogue: Catalogue,
    repo: Repositories,
    access: Access,
    locale: str,
) -> None:
    if data.get("completing"):
        # The missing language of a public update: the rest was answered already.
        await _ask_org(message, state, catalogue, repo, access, locale)
    elif language == "kk":
        await state.set_state(UpdateAuthoring.text_ru)
        can_skip = bool(data.get("text_kk"))
        await message.answer(
            v.ask_text_ru(can_skip, locale),
            reply_markup=skip_keyboard(locale) if can_skip else _markup([], locale),
        )
    else:
        await _ask_figure(message, state, catalogue, locale)


async def _ask_figure(message: Message, state: FSMContext, catalogue: Catalogue, locale: str) -> None:
    found = await _measure_of(state, catalogue)
    data = await state.get_data()
    index = int(data.get("figure_index", 0))
    if found is None or index >= len(found[1].figures):
        await state.set_state(UpdateAuthoring.done_on)
        await message.answer(v.ask_date(locale), reply_markup=date_keyboard(locale))
        return
    await state.set_state(UpdateAuthoring.figure)
    await message.answer(
        v.ask_figure(found[0], found[1].figures[index], locale), reply_markup=skip_keyboard(locale)
    )


async def got_figure(message: Message, state: FSMContext, catalogue: Catalogue, locale: str) -> None:
    text = message.text or ""
    found = await _measure_of(state, catalogue)
    if not NUMBER.match(text) or found is None:
        await message.answer(v.number_expected(locale))
        return
    data = await state.get_data()
    index = int(data.get("figure_index", 0))
    figures = dict(data.get("figures") or {})
    figures[found[1].figures[index]] = int(re.sub(r"\s", "", text))
    await state.update_data(figures=figures, figure_index=index + 1)
    await _ask_figure(message, state, catalogue, locale)


async def got_date(
    message: Message, state: FSMContext, clock: Clock, catalogue: Catalogue, locale: str
) -> None:
    match = DATE.match(message.text or "")
    day = None
    if match is not None:
        try:
            day = date(int(match[3]), int(match[2]), int(match[1]))
        except ValueError:
            day = None
    if day is None:
        await message.answer(v.date_not_understood(locale))
        return
    if day > clock.now().date():
        await message.answer(v.date_in_future(locale))
        return
    found = await _measure_of(state, catalogue)
    if found is not None and day < found[0].starts:
        await message.answer(v.date_before_plan(found[0].starts, locale))
        return
    await _use_date(message, state, day, locale)


async def _use_date(message: Message, state: FSMContext, day: date, locale: str) -> None:
    await state.update_data(done_on=day.isoformat())
    await state.set_state(UpdateAuthoring.evidence)
    await message.answer(v.ask_evidence(locale), reply_markup=evidence_keyboard(locale))


async def got_evidence(message: Message, state: FSMContext, locale: str) -> None:
    # Only Telegram's file id is kept: the file itself stays with Telegram.
    if message.photo:
        await state.update_data(evidence_kind="photo", evidence_file_id=message.photo[-1].file_id)
    elif message.document:
        await state.update_data(evidence_kind="document", evidence_file_id=message.document.file_id)
    else:
        await message.answer(v.evidence_expected(locale), reply_markup=evidence_keyboard(locale))
        return
    await _ask_status(message, state, locale)


async def _ask_status(message: Message, state: FSMContext, locale: str) -> None:
    await state.set_state(UpdateAuthoring.status)
    await message.answer(v.ask_status(locale), reply_markup=status_keyboard(locale))


async def _org_options(access: Access, plan: Plan, repo: Repositories) -> list[Organisation]:
    codes = [plan.region] if access.is_admin else list(access.scope_codes)
    orgs = [org for code in codes if (org := await _in_plan(code, plan, access, repo)) is not None]
    return orgs


async def _ask_org(
    message: Message, state: FSMContext, catalogue: Catalogue, repo: Repositories, access: Access, locale: str
) -> None:
    found = await _measure_of(state, catalogue)
    if found is None:
        await state.clear()
        await message.answer(post_flow.step_over_text(locale))
        return
    options = await _org_options(access, found[0], repo)
    if not options:
        await state.clear()
        await message.answer(v.no_plan(locale))
        return
    # School staff report for their own organisation without being asked.
    if len(options) == 1 and options[0].kind not in AREA_KINDS:
        await _show_preview(message, state, options[0], catalogue, locale)
        return
    await state.set_state(UpdateAuthoring.org)
    if len(options) == 1:
        here = options[0]
        await message.answer(
            v.ask_org(locale), reply_markup=org_keyboard(here, await repo.orgs.children(here.code), 0, locale)
        )
    else:
        rows = [[_button("▸ " + org_name(o, locale), Act.open, o.code)] for o in options]
        await message.answer(v.ask_org(locale), reply_markup=_markup(rows, locale))


async def _show_preview(
    message: Message, state: FSMContext, org: Organisation, catalogue: Catalogue, locale: str
) -> None:
    data = await state.update_data(org=org.code)
    found = await _measure_of(state, catalogue)
    if found is None:
        await state.clear()
        await message.answer(post_flow.step_over_text(locale))
        return
    await state.set_state(UpdateAuthoring.preview)
    text = v.summary(
        found[0], found[1], data, org_name(org, locale), locale, evidence=data.get("evidence_kind")
    )
    await message.answer(text, reply_markup=confirm_keyboard(locale))


# --- buttons of the conversation -------------------------------------------------------------------

EXPECTED = {
    Act.section: (UpdateAuthoring.measure,),
    Act.measure: (UpdateAuthoring.measure,),
    Act.skip: (
        UpdateAuthoring.text_kk,
        UpdateAuthoring.text_ru,
        UpdateAuthoring.figure,
        UpdateAuthoring.edit_kk,
        UpdateAuthoring.edit_ru,
    ),
    Act.today: (UpdateAuthoring.done_on,),
    Act.no_evidence: (UpdateAuthoring.evidence,),
    Act.status: (UpdateAuthoring.status,),
    Act.public: (UpdateAuthoring.public,),
    Act.open: (UpdateAuthoring.org,),
    Act.org: (UpdateAuthoring.org,),
    Act.confirm: (UpdateAuthoring.preview,),
}


async def on_button(
    query: CallbackQuery,
    callback_data: UpdateCb,
    state: FSMContext,
    access: Access,
    repo: Repositories,
    clock: Clock,
    catalogue: Catalogue,
    broadcaster: BroadcastSender,
    settings: Settings,
    locale: str,
) -> None:
    message = query.message
    act, value = callback_data.act, callback_data.value
    if not isinstance(message, Message):
        await query.answer()
        return
    if act is Act.cancel:
        await state.clear()
        await query.answer()
        await message.edit_text(post_flow.cancelled_text(locale))
        return
    current = await state.get_state()
    if current not in {s.state for s in EXPECTED[act]}:
        text = v.already_saved(locale) if act is Act.confirm else post_flow.step_over_text(locale)
        await query.answer(text, show_alert=True)
        return
    data = await state.get_data()
    if act is Act.skip:
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        await _on_skip(message, state, current or "", data, catalogue, repo, access, clock, locale)
        return
    found = await _measure_of(state, catalogue)
    plan = catalogue.plan(data.get("plan", ""))
    if plan is None:
        await state.clear()
        await query.answer(post_flow.step_over_text(locale), show_alert=True)
        return
    if act is Act.section:
        measures = plan.in_section(int(value)) if value.isdigit() else []
        if not measures:
            await _refuse(query, repo, clock, locale)
            return
        await query.answer()
        await message.edit_text(v.ask_measure(locale), reply_markup=measures_keyboard(measures, locale))
    elif act is Act.measure:
        measure = plan.measure(int(value)) if value.isdigit() else None
        if measure is None:
            await _refuse(query, repo, clock, locale)
            return
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        await _begin(message, state, measure, locale)
    elif act is Act.today:
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        await _use_date(message, state, clock.now().date(), locale)
    elif act is Act.no_evidence:
        await query.answer()
        await state.update_data(evidence_kind=None, evidence_file_id=None)
        await message.edit_reply_markup(reply_markup=None)
        await _ask_status(message, state, locale)
    elif act is Act.status:
        if value not in ("in_progress", "done"):
            await _refuse(query, repo, clock, locale)
            return
        await state.update_data(status=value)
        await state.set_state(UpdateAuthoring.public)
        await query.answer()
        await message.edit_text(v.ask_visibility(locale), reply_markup=public_keyboard(locale))
    elif act is Act.public:
        public = value == "1"
        data = await state.update_data(public=public)
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        missing = [lang for lang in ("kk", "ru") if not data.get(f"text_{lang}")] if public else []
        if missing:
            await state.update_data(completing=True)
            await state.set_state(UpdateAuthoring.text_kk if missing[0] == "kk" else UpdateAuthoring.text_ru)
            await message.answer(v.ask_missing_text(missing[0], locale), reply_markup=_markup([], locale))
            return
        await _ask_org(message, state, catalogue, repo, access, locale)
    elif act is Act.open:
        org = await _in_plan(value, plan, access, repo)
        if org is None:
            await _refuse(query, repo, clock, locale)
            return
        await query.answer()
        children = await repo.orgs.children(org.code)
        markup = org_keyboard(org, children, max(0, callback_data.page), locale)
        await message.edit_text(v.ask_org(locale), reply_markup=markup)
    elif act is Act.org:
        org = await _in_plan(value, plan, access, repo)
        if org is None or found is None:
            await _refuse(query, repo, clock, locale)
            return
        await query.answer()
        await message.edit_reply_markup(reply_markup=None)
        await _show_preview(message, state, org, catalogue, locale)
    elif act is Act.confirm:
        await _confirm(
            query, message, state, data, access, repo, clock, catalogue, broadcaster, settings, locale
        )


async def _on_skip(
    message: Message,
    state: FSMContext,
    current: str,
    data: dict[str, Any],
    catalogue: Catalogue,
    repo: Repositories,
    access: Access,
    clock: Clock,
    locale: str,
) -> None:
    if current == UpdateAuthoring.text_kk.state:
        data = await state.update_data(text_kk=None)
        await _after_text(message, state, data, "kk", catalogue, repo, access, locale)
    elif current == UpdateAuthoring.text_ru.state:
        if not data.get("text_kk"):
            await message.answer(v.ask_text_ru(False, locale), reply_markup=_markup([], locale))
            return
        data = await state.update_data(text_ru=None)
        await _after_text(message, state, data, "ru", catalogue, repo, access, locale)
    elif current == UpdateAuthoring.figure.state:
        await state.update_data(figure_index=int(data.get("figure_index", 0)) + 1)
        await _ask_figure(message, state, catalogue, locale)
    elif current == UpdateAuthoring.edit_kk.state:
        await state.set_state(UpdateAuthoring.edit_ru)
        await message.answer(v.ask_new_text("ru", locale), reply_markup=keep_keyboard(locale))
    elif current == UpdateAuthoring.edit_ru.state:
        await _save_edit(message, state, repo, clock, locale)


async def _refuse(query: CallbackQuery, repo: Repositories, clock: Clock, locale: str) -> None:
    await refuse_forged(query, repo, clock, "measure_update.forged", v.not_yours(locale))


async def _confirm(
    query: CallbackQuery,
    message: Message,
    state: FSMContext,
    data: dict[str, Any],
    access: Access,
    repo: Repositories,
    clock: Clock,
    catalogue: Catalogue,
    broadcaster: BroadcastSender,
    settings: Settings,
    locale: str,
) -> None:
    # Cleared first, so a second tap finds nothing to save.
    await state.clear()
    plan = catalogue.plan(data.get("plan", ""))
    measure = plan.measure(int(data.get("measure", 0))) if plan else None
    org = await _in_plan(data.get("org", ""), plan, access, repo) if plan else None
    if plan is None or measure is None or org is None:
        # The role or the organisation changed while the form was open.
        await _refuse(query, repo, clock, locale)
        return
    now = clock.now()
    public = bool(data.get("public")) and bool(data.get("text_kk")) and bool(data.get("text_ru"))
    update_id = await repo.measure_updates.add(
        NewUpdate(
            plan=plan.code,
            measure_no=measure.number,
            org_code=org.code,
            author_id=query.from_user.id,
            text_kk=data.get("text_kk"),
            text_ru=data.get("text_ru"),
            figures=data.get("figures") or {},
            done_on=date.fromisoformat(data["done_on"]),
            status=data["status"],
            public=public,
            evidence_kind=data.get("evidence_kind"),
            evidence_file_id=data.get("evidence_file_id"),
        ),
        now,
    )
    await repo.audit.record(
        query.from_user.id, "measure_update.created", now, detail=f"{plan.code}#{measure.number}@{org.code}"
    )
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    if not public:
        await message.answer(v.saved(False, locale))
        return
    # A district- or region-wide notice needs a second pair of eyes, whichever way it is written.
    needs_approval = org.kind in AREA_KINDS and not access.is_admin
    await _publish(
        message,
        update_id,
        measure,
        org,
        data,
        query.from_user.id,
        repo,
        clock,
        broadcaster,
        locale,
        needs_approval=needs_approval,
        admin_ids=settings.admin_ids,
    )


async def _publish(
    message: Message,
    update_id: int,
    measure: Measure,
    org: Organisation,
    data: dict[str, Any],
    author_id: int,
    repo: Repositories,
    clock: Clock,
    broadcaster: BroadcastSender,
    locale: str,
    *,
    needs_approval: bool,
    admin_ids: frozenset[int],
) -> None:
    now = clock.now()
    text_kk, text_ru = v.post_texts(measure, data["status"], data["text_kk"], data["text_ru"])
    send_at = effective_send_at(None, now, Urgency.NORMAL)
    post_id = await repo.drafts.confirm(
        NewPost(
            # One post per update, whatever races: the draft key is unique.
            draft_key=f"measure-update-{update_id}",
            author_id=author_id,
            scope_code=org.code,
            text_kk=text_kk,
            text_ru=text_ru,
            media_kind=None,
            media_file_id=None,
            audience={"orgs": None, "grades": None},
            urgent=False,
            silent=False,
            send_at=send_at,
            needs_approval=needs_approval,
        ),
        now,
    )
    if post_id is None:
        await message.answer(v.already_saved(locale))
        return
    await repo.measure_updates.attach_post(update_id, post_id)
    await repo.audit.record(
        author_id, "measure_update.published", now, post_id=post_id, detail=str(update_id)
    )
    recipients = await repo.audience.count([org.code], None)
    if needs_approval:
        await message.answer(v.saved(True, locale) + "\n" + post_flow.awaiting_approval_text(locale))
        if not await ask_approvers(post_id, repo, message.bot, recipients, send_at, admin_ids):
            await message.answer(post_flow.no_approver_text(locale))
        return
    progress = await message.answer(
        v.saved(True, locale)
        + "\n"
        + post_flow.queued_text(recipients, post_flow.when_text(send_at, locale), locale)
    )
    await repo.drafts.attach_progress_message(post_id, progress.chat.id, progress.message_id)
    broadcaster.wake()


# --- /myupdates: edit or withdraw within 24 hours ------------------------------------------------


async def my_updates(
    message: Message, repo: Repositories, clock: Clock, catalogue: Catalogue, locale: str
) -> None:
    if message.from_user is None:
        return
    now = clock.now()
    updates = await repo.measure_updates.recent_by(message.from_user.id)
    lines, changeable = [], []
    for update in updates:
        plan = catalogue.plan(update.plan)
        measure = plan.measure(update.measure_no) if plan else None
        heading = v.measure_heading(measure, locale) if measure else f"№{update.measure_no}"
        lines.append(
            v.my_update_line(update.id, heading, update.done_on, update.status, update.public, locale)
        )
        if update.created_at > now - EDIT_WINDOW:
            changeable.append(update.id)
    await message.answer(
        v.my_updates(lines, locale), reply_markup=mine_keyboard(changeable, locale) if changeable else None
    )


async def _own_changeable(
    query: CallbackQuery, update_id: int, repo: Repositories, clock: Clock, locale: str
) -> MeasureUpdate | None:
    """The update if the presser wrote it and may still change it; otherwise answered, and audited."""
    update = await repo.measure_updates.get(update_id)
    now = clock.now()
    if update is None or update.author_id != query.from_user.id or update.withdrawn_at is not None:
        await repo.audit.record(
            query.from_user.id, "measure_update.forged", now, detail=(query.data or "")[:64]
        )
        await query.answer(v.not_yours(locale), show_alert=True)
        return None
    if update.created_at <= now - EDIT_WINDOW:
        await repo.audit.record(query.from_user.id, "measure_update.too_late", now, detail=str(update_id))
        await query.answer(v.too_late(locale), show_alert=True)
        return None
    return update


async def on_mine(
    query: CallbackQuery,
    callback_data: MyUpdateCb,
    state: FSMContext,
    repo: Repositories,
    clock: Clock,
    locale: str,
) -> None:
    update = await _own_changeable(query, callback_data.update_id, repo, clock, locale)
    if update is None:
        return
    message = query.message if isinstance(query.message, Message) else None
    now = clock.now()
    if callback_data.act is Mine.withdraw:
        if not await repo.measure_updates.withdraw(update.id, query.from_user.id, now):
            await query.answer(v.too_late(locale), show_alert=True)
            return
        await repo.audit.record(query.from_user.id, "measure_update.withdrawn", now, detail=str(update.id))
        # A public update still waiting for the morning or for approval must not reach parents after all.
        stopped = update.post_id is not None and await repo.posts.cancel_unsent(update.post_id)
        if stopped:
            await repo.audit.record(query.from_user.id, "post.cancelled", now, post_id=update.post_id)
        await query.answer(v.withdrawn(locale))
        if message is not None:
            note = f"\n{v.notice_stopped(locale)}" if stopped else ""
            await message.answer(f"#{update.id}: {v.withdrawn(locale)}{note}")
        return
    await state.clear()
    await state.update_data(edit_id=update.id, text_kk=update.text_kk, text_ru=update.text_ru)
    await state.set_state(UpdateAuthoring.edit_kk)
    await query.answer()
    if message is not None:
        await message.answer(v.ask_new_text("kk", locale), reply_markup=keep_keyboard(locale))


async def got_new_text(
    message: Message, state: FSMContext, repo: Repositories, clock: Clock, locale: str
) -> None:
    text = _typed_text(message)
    if text is None:
        await message.answer(v.text_expected(locale))
        return
    if visible_length(text) > v.TEXT_LIMIT:
        await message.answer(v.too_long(visible_length(text), locale))
        return
    if await state.get_state() == UpdateAuthoring.edit_kk.state:
        await state.update_data(text_kk=text)
        await state.set_state(UpdateAuthoring.edit_ru)
        await message.answer(v.ask_new_text("ru", locale), reply_markup=keep_keyboard(locale))
        return
    await state.update_data(text_ru=text)
    await _save_edit(message, state, repo, clock, locale)


async def _save_edit(
    message: Message, state: FSMContext, repo: Repositories, clock: Clock, locale: str
) -> None:
    data = await state.get_data()
    await state.clear()
    author_id = message.chat.id  # a private chat: the author's own id
    now = clock.now()
    # Checked again at saving: the window may have closed while the author typed.
    if not await repo.measure_updates.edit_text(
        int(data["edit_id"]), author_id, data.get("text_kk"), data.get("text_ru"), now
    ):
        await repo.audit.record(author_id, "measure_update.too_late", now, detail=str(data["edit_id"]))
        await message.answer(v.too_late(locale))
        return
    await repo.audit.record(author_id, "measure_update.edited", now, detail=str(data["edit_id"]))
    update = await repo.measure_updates.get(int(data["edit_id"]))
    note = "\n" + v.edited_public_note(locale) if update is not None and update.post_id else ""
    await message.answer(v.edited(locale) + note)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(start_update, Command("update"))
    router.message.register(my_updates, Command("myupdates"))
    router.message.register(got_text, StateFilter(UpdateAuthoring.text_kk, UpdateAuthoring.text_ru))
    router.message.register(got_figure, StateFilter(UpdateAuthoring.figure))
    router.message.register(got_date, StateFilter(UpdateAuthoring.done_on))
    router.message.register(got_evidence, StateFilter(UpdateAuthoring.evidence))
    router.message.register(got_new_text, StateFilter(UpdateAuthoring.edit_kk, UpdateAuthoring.edit_ru))
    router.callback_query.register(on_button, UpdateCb.filter())
    router.callback_query.register(on_mine, MyUpdateCb.filter())
    return router
