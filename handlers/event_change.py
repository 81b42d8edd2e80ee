"""✏️ Change on /event's summary (bot/flows/revise.py): the topic in either language, the date and time, the
kind of meeting, the venue, who is invited (where the event asked) and the number of places, each asked
again in place of the menu, its question saying what is there now; the answer leads straight back to a
fresh preview and summary (handlers/event_create.py's steps ask `revise.done`)."""

from __future__ import annotations

from datetime import datetime

from bot.flows.revise import Part, Revision
from bot.flows.wizard import Step, Wizard
from bot.views import event_create as v
from bot.views import event_keyboards as kb
from handlers import event_confirm
from handlers import event_steps as ask
from handlers.event_steps import EventAuthoring as A


async def parts(step: Step) -> list[Part]:
    """What ✏️ Change offers this draft: who is invited only where the event asked."""
    asked = set(ask.steps_of(await step.data()))
    return [part for part in kb.PARTS if part.id != "to" or asked & {"organisation", "grades"}]


async def ask_again(step: Step, part: str) -> None:
    """A part asked again from the summary's ✏️ Change, in place of its menu (or of the message its ⬅️ Back
    was pressed on, `revise.again_here`), saying what is there now."""
    data, locale = await step.data(), step.locale
    if part == "kk":
        await ask.ask_topic_kk(step, edit=True, note=v.typed_now(data["topic_kk"], locale))
    elif part == "ru":
        await ask.ask_topic_ru(step, edit=True, note=v.typed_now(data["topic_ru"], locale))
    elif part == "when":
        note = v.when_now(datetime.fromisoformat(data["starts_at"]), locale)
        await ask.ask_when(step, step.content, step.catalogue, edit=True, note=note)
    elif part == "kind":
        await step.state.set_state(A.kind)
        may_hold = bool(data.get("family_hour_month") or data.get("family_hour_open"))
        # In a Family Hour month the kind was no step of its own: its header names the part all the same.
        text = v.ask_kind_again(data["kind"], may_hold, ask.steps_of(data), locale)
        markup = kb.kind_keyboard(locale, family_hour=may_hold, back=kb.TO_MENU)
        await step.show(text, markup, edit=True)
    elif part == "place":
        await ask.ask_place(step, edit=True, note=v.typed_now(data["place"], locale))
    elif part == "to":
        if (school := await ask.ask_organisation(step, edit=True)) is not None:
            await ask.ask_grades(step, school, edit=True)  # one school: who is invited is its grades
    else:
        await ask.ask_capacity(step, edit=True, note=v.capacity_now(data.get("capacity"), locale))


async def _summary(step: Step) -> None:
    await event_confirm.show_summary(step, step.catalogue, edit=True)


def register(flow: Wizard) -> None:
    """Change on the summary, and ⬅️ Back to its menu at every question a part begins with."""
    states = (A.preview, A.revise)
    changes = Revision(flow, kb.EventReviseCb, kb.CANCEL, states, parts, ask_again, _summary)
    changes.register(A.topic_kk, A.topic_ru, A.when, A.kind, A.place, A.organisation, A.grades, A.capacity)
