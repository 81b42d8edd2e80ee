"""Parents answer an event: «Барамын» / «Приду», «Бара алмаймын» / «Не смогу», and take its calendar file.

The announcement is one message shared by every parent, so it is never edited: the answer is a short toast
plus a confirmation in the parent's chat. A reminder or a change notice is the parent's own and ticks their
answer; answered otherwise under it, its tick moves. /familyhour (handlers/familyhour.py) gives the same
answers from its event cards through `give_answer`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from aiogram import Bot, F, Router
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.clock import Clock
from bot.events.ics import event_ics
from bot.views import event_rsvp as v
from bot.views.event_buttons import EventAction, EventCb, is_ticked, rsvp_keyboard
from bot.views.orgs import org_name
from db.models import Event, User
from db.repositories import Repositories
from domain.enums import Answer, EventStatus

if TYPE_CHECKING:  # the notifier imports the views; only its type is needed here
    from bot.events.notifier import EventNotifier


class Refusal(StrEnum):
    PREVIEW = "preview"  # the organiser's preview: its buttons carry event 0
    GONE = "gone"  # unknown (stale or forged id) or cancelled
    PAST = "past"
    NOT_INVITED = "not_invited"


@dataclass(frozen=True, slots=True)
class Outcome:
    answer: Answer  # the parent's answer now
    changed: bool
    place: int | None = None  # on the waiting list
    promoted: tuple[int, ...] = ()  # parents who got the seat this answer freed


async def open_event(repo: Repositories, event_id: int, now: datetime) -> Event | Refusal:
    """The event, if it can still be answered; ids come from the client and may be stale or forged."""
    if event_id == 0:
        return Refusal.PREVIEW
    event = await repo.events.get(event_id)
    if event is None or event.status != EventStatus.SCHEDULED:
        return Refusal.GONE
    if event.starts_at <= now:
        return Refusal.PAST
    return event


async def give_answer(
    repo: Repositories, event: Event, user_id: int, wanted: Answer, now: datetime
) -> Outcome | Refusal:
    """Record a parent's answer; a repeated answer changes nothing (a waiting parent keeps their place)."""
    answers = repo.event_answers
    current = await answers.answer_of(event.id, user_id)
    if wanted == Answer.GOING:
        if current == Answer.GOING:
            return Outcome(Answer.GOING, changed=False)
        if current == Answer.WAITING:
            return Outcome(Answer.WAITING, False, await answers.waiting_place(event.id, user_id))
        if not await answers.is_invited(event, user_id):
            return Refusal.NOT_INVITED
        recorded = await answers.answer_going(event.id, user_id, now)
        if recorded is None:  # cancelled between the look-up and the answer
            return Refusal.GONE
        became = Answer(recorded)
        place = await answers.waiting_place(event.id, user_id) if became == Answer.WAITING else None
        return Outcome(became, True, place)
    if current == Answer.NOT_GOING:
        return Outcome(Answer.NOT_GOING, changed=False)
    # Someone who said yes may always withdraw, even after leaving the school's subscribers.
    if current is None and not await answers.is_invited(event, user_id):
        return Refusal.NOT_INVITED
    before = await answers.answer_not_going(event.id, user_id, now)
    promoted = await answers.promote_waiting(event.id, now) if before == Answer.GOING else []
    return Outcome(Answer.NOT_GOING, True, promoted=tuple(promoted))


async def refusal_text(repo: Repositories, event_id: int, refusal: Refusal, locale: str) -> str:
    if refusal == Refusal.PAST:
        return v.past_text(locale)
    if refusal == Refusal.PREVIEW:
        return v.preview_text(locale)
    event = await repo.events.get(event_id) if refusal == Refusal.NOT_INVITED else None
    if event is None:
        return v.gone_text(locale)
    audience = event.audience or {}
    orgs = await repo.orgs.many(audience.get("orgs") or [event.scope_code])
    return v.not_invited_text([org_name(o, locale) for o in orgs], audience.get("grades") or None, locale)


def wake(event_notifier: EventNotifier | None, outcome: Outcome) -> None:
    if outcome.promoted and event_notifier is not None:
        event_notifier.wake()


async def on_event_button(
    query: CallbackQuery,
    callback_data: EventCb,
    repo: Repositories,
    clock: Clock,
    locale: str,
    bot: Bot,
    db_user: User | None = None,
    event_notifier: EventNotifier | None = None,
) -> None:
    """An answer or the calendar file."""
    now = clock.now()
    event = await open_event(repo, callback_data.event_id, now)
    if isinstance(event, Refusal):
        await query.answer(await refusal_text(repo, callback_data.event_id, event, locale), show_alert=True)
        return
    # Only a press in the parent's own chat counts (db_user is recorded for private chats only): a copy
    # forwarded to a group is thanked, as that person may not be invited at all.
    if db_user is None:
        await query.answer(v.not_counted_text(locale))
        return
    if callback_data.action == EventAction.CALENDAR:
        await send_calendar(query, event, db_user.id, repo, now, locale, bot)
        return
    wanted = Answer.GOING if callback_data.action == EventAction.GOING else Answer.NOT_GOING
    outcome = await give_answer(repo, event, db_user.id, wanted, now)
    if isinstance(outcome, Refusal):
        await query.answer(await refusal_text(repo, event.id, outcome, locale), show_alert=True)
        return
    await query.answer(v.answer_toast(outcome.answer, outcome.changed, outcome.place, locale))
    if outcome.changed:
        pressed = query.message
        if isinstance(pressed, Message) and is_ticked(pressed.reply_markup):
            await pressed.edit_reply_markup(reply_markup=rsvp_keyboard(event.id, locale, outcome.answer))
        markup = v.calendar_keyboard(event.id, locale) if outcome.answer == Answer.GOING else None
        await bot.send_message(
            db_user.id, v.confirmation_text(event, outcome.answer, outcome.place, locale), reply_markup=markup
        )
    # After the answer above went out, so the promoted parents' notices are already committed.
    wake(event_notifier, outcome)


async def may_have_calendar(repo: Repositories, event: Event, user_id: int) -> bool:
    """Invited now, answered it once, or reached by its announcement (and unsubscribed since)."""
    return (
        await repo.event_answers.is_invited(event, user_id)
        or await repo.event_answers.answer_of(event.id, user_id) is not None
        or await repo.posts.announcement_reached(event.id, user_id)
    )


async def send_calendar(
    query: CallbackQuery, event: Event, user_id: int, repo: Repositories, now: datetime, locale: str, bot: Bot
) -> None:
    if not await may_have_calendar(repo, event, user_id):
        # The file carries the place, an online room's link included: only for those it was meant for.
        await repo.audit.record(user_id, "calendar.forged", now, detail=query.data)
        text = await refusal_text(repo, event.id, Refusal.NOT_INVITED, locale)
        await query.answer(text, show_alert=True)
        return
    await query.answer()
    await bot.send_document(
        user_id,
        BufferedInputFile(event_ics(event, locale), filename=v.calendar_filename(event)),
        caption=v.calendar_caption(locale),
    )


async def on_malformed(query: CallbackQuery, locale: str) -> None:
    """An "ev:" press that does not parse: answer rather than leave a spinner."""
    await query.answer(v.gone_text(locale))


def build_router() -> Router:
    router = Router(name=__name__)
    router.callback_query.register(on_event_button, EventCb.filter())
    router.callback_query.register(on_malformed, F.data.startswith("ev:"))
    return router
