"""/myupdates: the author edits or withdraws an update within 24 hours; and the pieces /update shares.

Its Edit asks the two texts again through the /update wizard's guard (`register` puts its steps there).
Withdrawing a public update stops its notice to parents if that has not gone out; a notice that waited for
approval has its approvers' cards told at once (bot/flows/approval_card.py).
"""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.access import Access
from bot.clock import Clock
from bot.flows.approval_card import tell_cards
from bot.flows.typed_input import typed_html
from bot.flows.wizard import Step, StepOf, Wizard
from bot.measures import Catalogue, Plan
from bot.views import measure_update_keyboards as kb
from bot.views import measure_updates as v
from bot.views.approvals import withdrawn_by_author
from bot.views.measure_update_keyboards import Act, Mine, MyUpdateCb, UpdateCb
from bot.views.posts import visible_length
from db.models import MeasureUpdate, Organisation
from db.repositories import Repositories
from db.repositories.measure_updates import EDIT_WINDOW

FLOW = "measure_update"


class UpdateEditing(StatesGroup):
    kk = State()
    ru = State()


E = UpdateEditing


# --- where the reporter stands (for /update) ----------------------------------------------------------


async def plan_for(access: Access, repo: Repositories, catalogue: Catalogue, today: date) -> Plan | None:
    """The roadmap in force in the reporter's region (an admin, who has no region, gets the one in force);
    a plan that has ended takes no more updates."""
    for scope in access.scope_codes:
        path = await repo.orgs.path(scope)
        if path:
            plan = catalogue.plan_for_region(path[0].code, today)
            if plan is not None:
                return plan
    return catalogue.current(today) if access.is_admin else None


async def in_plan(code: str, plan: Plan, access: Access, repo: Repositories) -> Organisation | None:
    """The organisation, if the reporter may report for it under this plan; None for a forged code."""
    if not access.covers(code):
        return None
    path = await repo.orgs.path(code)
    if not path or path[0].code != plan.region:
        return None
    return path[-1]


# --- shared by both ---------------------------------------------------------------------------------


async def accepted_text(step: Step) -> str | None:
    """What was typed as Telegram HTML, or None after saying what was wrong with it."""
    return await step.accept(
        typed_html(step.message), v.TEXT_LIMIT, v.text_expected, v.too_long, visible_length
    )


# --- /myupdates: edit or withdraw within 24 hours ------------------------------------------------


async def my_updates(
    message: Message, repo: Repositories, clock: Clock, catalogue: Catalogue, locale: str
) -> None:
    if message.from_user is None:
        return
    now = clock.now()
    lines, changeable = [], []
    for update in await repo.measure_updates.recent_by(message.from_user.id):
        plan = catalogue.plan(update.plan)
        measure = plan.measure(update.measure_no) if plan else None
        heading = v.measure_heading(measure, locale) if measure else f"№{update.measure_no}"
        lines.append(
            v.my_update_line(update.id, heading, update.done_on, update.status, update.public, locale)
        )
        if update.created_at > now - EDIT_WINDOW:
            changeable.append(update.id)
    markup = kb.mine_keyboard(changeable, locale) if changeable else None
    all_withdrawn = not lines and await repo.measure_updates.any_by(message.from_user.id)
    await message.answer(v.my_updates(lines, locale, all_withdrawn=all_withdrawn), reply_markup=markup)


async def _own_changeable(query: CallbackQuery, update_id: int, step: Step) -> MeasureUpdate | None:
    """The update if the presser wrote it and may still change it; otherwise answered, and audited."""
    update = await step.repo.measure_updates.get(update_id)
    now, presser = step.clock.now(), query.from_user.id
    if update is None or update.author_id != presser:
        await step.refuse(query)
        return None
    if update.withdrawn_at is not None:
        # The author's own old button (the list shown before the withdrawal): not a forged press.
        await query.answer(v.already_withdrawn(step.locale), show_alert=True)
        return None
    if update.created_at <= now - EDIT_WINDOW:
        await step.repo.audit.record(presser, f"{FLOW}.too_late", now, detail=str(update_id))
        await query.answer(v.too_late(step.locale), show_alert=True)
        return None
    return update


async def on_ask_withdraw(
    query: CallbackQuery, callback_data: MyUpdateCb, step: Step, catalogue: Catalogue
) -> None:
    """Withdrawing cannot be undone: Yes / No first."""
    update = await _own_changeable(query, callback_data.update_id, step)
    if update is None:
        return
    plan = catalogue.plan(update.plan)
    measure = plan.measure(update.measure_no) if plan else None
    heading = v.measure_heading(measure, step.locale) if measure else f"№{update.measure_no}"
    await query.answer()
    markup = kb.withdraw_keyboard(update.id, step.locale)
    await step.message.answer(v.ask_withdraw(update.id, heading, step.locale), reply_markup=markup)


async def on_keep_update(query: CallbackQuery, callback_data: MyUpdateCb, step: Step) -> None:
    # Only the author's own "No": anyone else's press is refused and audited like their "Yes" would be.
    update = await step.repo.measure_updates.get(callback_data.update_id)
    if update is None or update.author_id != query.from_user.id:
        await step.refuse(query)
        return
    await query.answer()
    await step.message.edit_text(v.kept(step.locale), reply_markup=None)


async def on_withdraw(query: CallbackQuery, callback_data: MyUpdateCb, step: Step) -> None:
    update = await _own_changeable(query, callback_data.update_id, step)
    if update is None:
        return
    await step.message.edit_reply_markup(reply_markup=None)
    now, presser, locale = step.clock.now(), query.from_user.id, step.locale
    if not await step.repo.measure_updates.withdraw(update.id, presser, now):
        await query.answer(v.too_late(locale), show_alert=True)
        return
    await step.repo.audit.record(presser, f"{FLOW}.withdrawn", now, detail=str(update.id))
    # A public update still waiting for the morning or for approval must not reach parents after all.
    stopped = update.post_id is not None and await step.repo.posts.cancel_unsent(update.post_id)
    if stopped:
        await step.repo.audit.record(presser, "post.cancelled", now, post_id=update.post_id)
    await query.answer(v.withdrawn(locale))
    note = f"\n{v.notice_stopped(locale)}" if stopped else ""
    await step.message.answer(f"#{update.id}: {v.withdrawn(locale)}{note}")
    if stopped and update.post_id is not None:
        # A notice that waited for approval: every approver's card says its author withdrew it, at once.
        # One that only waited for its time has no card on record (an approved one's were told then).
        await tell_cards(step.bot, step.repo, update.post_id, withdrawn_by_author)


async def on_edit(query: CallbackQuery, callback_data: MyUpdateCb, step: Step) -> None:
    update = await _own_changeable(query, callback_data.update_id, step)
    if update is None:
        return
    await step.state.clear()
    await step.state.update_data(edit_id=update.id, text_kk=update.text_kk, text_ru=update.text_ru)
    await step.state.set_state(E.kk)
    await query.answer()
    await step.message.answer(v.ask_new_text("kk", step.locale), reply_markup=kb.keep_keyboard(step.locale))


async def got_new_text(message: Message, step: Step) -> None:
    if (text := await accepted_text(step)) is not None:
        language = "kk" if await step.state.get_state() == E.kk.state else "ru"
        await step.state.update_data({f"text_{language}": text})
        await _after_text(step)


async def on_keep(query: CallbackQuery, step: Step) -> None:
    await step.taken(query)
    await _after_text(step)


async def _after_text(step: Step) -> None:
    """The Kazakh text given or kept: the Russian one is asked; that one too: the edit is saved."""
    if await step.state.get_state() != E.kk.state:
        await _save_edit(step)
        return
    await step.state.set_state(E.ru)
    await step.message.answer(v.ask_new_text("ru", step.locale), reply_markup=kb.keep_keyboard(step.locale))


async def _save_edit(step: Step) -> None:
    data = await step.data()
    await step.state.clear()
    author_id, now, edit_id = step.message.chat.id, step.clock.now(), int(data["edit_id"])  # a private chat
    # Checked again at saving: the window may have closed while the author typed.
    texts = data.get("text_kk"), data.get("text_ru")
    if not await step.repo.measure_updates.edit_text(edit_id, author_id, *texts, now):
        await step.repo.audit.record(author_id, f"{FLOW}.too_late", now, detail=str(edit_id))
        await step.message.answer(v.too_late(step.locale))
        return
    await step.repo.audit.record(author_id, f"{FLOW}.edited", now, detail=str(edit_id))
    update = await step.repo.measure_updates.get(edit_id)
    note = "\n" + v.edited_public_note(step.locale) if update is not None and update.post_id else ""
    await step.message.answer(v.edited(step.locale) + note)


def register(router: Router, flow: Wizard) -> None:
    """/myupdates and its buttons; the new texts and Keep as steps of `flow`, before its `close()`."""
    router.message.register(my_updates, Command("myupdates"))
    flow.typed(got_new_text, E.kk, E.ru)
    flow.button(on_keep, UpdateCb.filter(F.act == Act.skip), E.kk, E.ru)
    router.callback_query.register(on_edit, MyUpdateCb.filter(F.act == Mine.edit), StepOf(FLOW))
    router.callback_query.register(on_ask_withdraw, MyUpdateCb.filter(F.act == Mine.withdraw), StepOf(FLOW))
    router.callback_query.register(on_withdraw, MyUpdateCb.filter(F.act == Mine.withdraw_yes), StepOf(FLOW))
    router.callback_query.register(on_keep_update, MyUpdateCb.filter(F.act == Mine.withdraw_no), StepOf(FLOW))
