"""Texts of the /event conversation; its callback data and keyboards are in bot/views/event_keyboards.py."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.clock import KZ
from bot.events import MEASURE_OF_KIND
from bot.events.family_hour import FamilyHourMonths, family_hour_allowed
from bot.flows.wizard import numbered
from bot.measures import Plan
from bot.views.event_text import kind_label, topic
from bot.views.formats import clock_time, grouped, local, month_name, short_date, short_date_time
from bot.views.measures import plan_years
from bot.views.now_notes import now_note, text_now_note
from bot.views.orgs import org_html
from bot.views.phrases import __
from bot.views.post_flow import summary_notes
from db.models import Event, Organisation
from domain.enums import EventKind

TOPIC_LIMIT = 200
PLACE_LIMIT = 300
CAPACITY_MAX = 5000


# --- texts ----------------------------------------------------------------------------------------------


def step_text(name: str, steps: Sequence[str], body: str, locale: str) -> str:
    """A question of the wizard under its header: which of the steps this organiser sees it is."""
    number, total = numbered(name, steps)
    header = _("<b>New event · step {step} of {steps}</b>", locale=locale).format(step=number, steps=total)
    return header + "\n" + body


def ask_topic_kk(steps: Sequence[str], locale: str) -> str:
    return step_text(
        "topic_kk",
        steps,
        _(
            "A Family Hour, a parent seminar or a parent-club meeting: parents get the announcement and "
            "answer whether they will come.\n\nWhat is the topic? Send it <b>in Kazakh</b>, up to {limit} "
            "characters.\n/cancel stops at any step.",
            locale=locale,
        ).format(limit=TOPIC_LIMIT),
        locale,
    )


def ask_topic_ru(steps: Sequence[str], locale: str) -> str:
    return step_text(
        "topic_ru", steps, _("Now send the same topic <b>in Russian</b>.", locale=locale), locale
    )


def topic_too_long(length: int, locale: str) -> str:
    return _(
        "The topic is too long: {length} characters, the limit is {limit}. Please shorten it.",
        locale=locale,
    ).format(length=length, limit=TOPIC_LIMIT)


def example_time(now: datetime, locale: str) -> str:
    """A week from now at 18:00: a plausible evening meeting, always in the future."""
    moment = (now.astimezone(KZ) + timedelta(days=7)).replace(hour=18, minute=0, second=0, microsecond=0)
    return short_date_time(moment)


def month_list(months: Sequence[int], locale: str) -> str:
    """The months' names, nominative and lower case, joined as the language joins a list («…, … және …»)."""
    names = [month_name(month, locale) for month in months]
    if len(names) < 2:
        return "".join(names)
    return _("{items} and {last}", locale=locale).format(items=", ".join(names[:-1]), last=names[-1])


# A roadmap may set Family Hour in one month only: the number of months picks the form («айында» or
# «айларында»). The past tense tells what an ended roadmap provided for, not that the meetings took place.
schedule_in_force = __(
    "Under the roadmap in force ({years}) Family Hour is held once a year, in {months}.",
    "Under the roadmap in force ({years}) Family Hour is held in {months}.",
)
schedule_ended = __(
    "The last roadmap ({years}) provided for Family Hour once a year, in {months}.",
    "The last roadmap ({years}) provided for Family Hour in {months}.",
)
# A roadmap imported ahead of its start, in force on the event's date: named with the day it starts.
schedule_upcoming = __(
    "Under the roadmap ({years}) in force from {starts} Family Hour is held once a year, in {months}.",
    "Under the roadmap ({years}) in force from {starts} Family Hour is held in {months}.",
)


def family_hour_schedule(family_hour: FamilyHourMonths, locale: str) -> str:
    """When Family Hour is held; in the past tense when the roadmap has ended and none is in force since."""
    text = schedule_in_force if family_hour.in_force else schedule_ended
    text = schedule_upcoming if family_hour.upcoming else text
    months, plan = family_hour.months, family_hour.plan
    return text(
        len(months),
        locale,
        years=plan_years(plan),
        months=month_list(months, locale),
        starts=short_date(plan.starts),
    )


def ask_when(now: datetime, family_hour: FamilyHourMonths | None, steps: Sequence[str], locale: str) -> str:
    body = _(
        "When does it start? Send the date and time in Kazakhstan time, like <code>{example}</code>.",
        locale=locale,
    ).format(example=example_time(now, locale))
    if family_hour is not None:
        body += "\n" + family_hour_schedule(family_hour, locale)
    return step_text("when", steps, body, locale)


def when_not_understood(now: datetime, locale: str) -> str:
    return _(
        "I did not understand this date. Please write the day, month, year and time, like {example}.",
        locale=locale,
    ).format(example=example_time(now, locale))


when_in_past = __("This time has already passed. Please send the date and time of an event still to come.")
when_too_far = __("This is more than a year ahead. Please announce the event closer to its date.")


def ask_kind(
    starts_at: datetime, family_hour: FamilyHourMonths | None, steps: Sequence[str], locale: str
) -> str:
    """The kind of a date outside the Family Hour months: of the other two while a roadmap in force holds
    Family Hour to its months; of all three when no roadmap sets them or the one that did has ended."""
    if family_hour_allowed(family_hour, starts_at.astimezone(KZ).month):
        question = _(
            "Choose the kind of meeting: a Family Hour, a parent seminar or a parent-club meeting.",
            locale=locale,
        )
        if family_hour is None:
            return step_text("kind", steps, question, locale)
        body = family_hour_schedule(family_hour, locale)
        if not family_hour.in_force:  # the months are the ended roadmap's: information, not a rule
            body += " " + _(
                "No roadmap is in force on that date, so these months are for reference only: a Family Hour "
                "may be held in any month.",
                locale=locale,
            )
        return step_text("kind", steps, f"{body}\n{question}", locale)
    assert family_hour is not None  # only a roadmap in force refuses a month
    question = _("Is this a parent seminar or a parent-club meeting?", locale=locale)
    another = _("To hold a Family Hour, send another date instead.", locale=locale)
    body = not_a_family_hour_month(starts_at, family_hour, locale)
    return step_text("kind", steps, f"{body}\n{question}\n{another}", locale)


def not_a_family_hour_month(starts_at: datetime, family_hour: FamilyHourMonths, locale: str) -> str:
    """That the roadmap in force on the date holds no Family Hour in its month, and when it does."""
    month = month_name(local(starts_at).month, locale)
    not_one = _("{month} is not a Family Hour month.", locale=locale).format(month=month)
    return f"{_capitalized(not_one)} {family_hour_schedule(family_hour, locale)}"


def moved_out_of_family_hour_months(starts_at: datetime, family_hour: FamilyHourMonths, locale: str) -> str:
    """A Family Hour rescheduled to a month the roadmap in force does not hold it in: asked again."""
    another = _(
        "Send another date and time for this Family Hour, or /cancel to keep its time.", locale=locale
    )
    return f"{not_a_family_hour_month(starts_at, family_hour, locale)}\n{another}"


def _capitalized(sentence: str) -> str:
    # The month opens the sentence in both languages («Қаңтар — …», «Январь — …»).
    return sentence[:1].upper() + sentence[1:]


kind_expected = __("Please choose the kind of meeting with a button, or send another date.")


def ask_place(kind: str, family_hour_month: bool, steps: Sequence[str], locale: str) -> str:
    body = _(
        "Where will it be? Send the address and room, or the link to the online meeting "
        "(https://…), up to {limit} characters.",
        locale=locale,
    ).format(limit=PLACE_LIMIT)
    announced_as = _("It will be announced as: <b>{kind}</b>.", locale=locale).format(
        kind=kind_label(kind, locale)
    )
    if family_hour_month:
        announced_as += " " + _("If it is another kind of parent meeting, press its button.", locale=locale)
    return step_text("place", steps, body + "\n\n" + announced_as, locale)


def place_too_long(length: int, locale: str) -> str:
    return _(
        "This is too long: {length} characters, the limit is {limit}. Please shorten it.", locale=locale
    ).format(length=length, limit=PLACE_LIMIT)


def ask_organisation(level: Organisation | None, steps: Sequence[str], locale: str) -> str:
    if level is None:
        body = _("Who is invited? Choose the organisation or area.", locale=locale)
    else:
        body = _(
            "Who is invited? Parents of the whole of {area}, or choose one organisation in it.",
            locale=locale,
        ).format(area=org_html(level, locale))
    return step_text("organisation", steps, body, locale)


def ask_grades(org: Organisation, steps: Sequence[str], locale: str) -> str:
    return step_text(
        "grades",
        steps,
        _("{org}: parents of which grades? All of them, or tick some and press Done.", locale=locale).format(
            org=org_html(org, locale)
        ),
        locale,
    )


def ask_capacity(steps: Sequence[str], locale: str) -> str:
    return step_text(
        "capacity",
        steps,
        _(
            "How many places are there? Send a number from 1 to {max}, or press «No limit».",
            locale=locale,
        ).format(max=grouped(CAPACITY_MAX, locale)),
        locale,
    )


def capacity_not_understood(locale: str) -> str:
    return _("Please send a number from 1 to {max}, or press «No limit».", locale=locale).format(
        max=grouped(CAPACITY_MAX, locale)
    )


preview_intro = __(
    "<b>Preview.</b> Parents will get the announcement like this, each in the language they chose:"
)


# The roadmap an event's attendance counts under, with its years: one year reads «2027 жылғы», several
# «2023–2025 жылдардағы» (the number is the plan's count of years). An ended one is said to have ended.
_kind_in_force = __(
    "Kind: {kind} (measure № {measure} of the {years} roadmap)",
    "Kind: {kind} (measure № {measure} of the roadmap for {years})",
)
_kind_ended = __(
    "Kind: {kind} (measure № {measure} of the {years} roadmap, which has ended)",
    "Kind: {kind} (measure № {measure} of the roadmap for {years}, which has ended)",
)


def kind_line(kind: str, plan: Plan | None, day: date, locale: str) -> str:
    """The kind, and the measure of `plan` it counts under when the plan has that measure; an event on `day`
    after the plan's end counts under it no more, and is told so."""
    label = kind_label(kind, locale)
    number = MEASURE_OF_KIND[EventKind(kind)]
    if plan is None or plan.measure(number) is None:
        return _("Kind: {kind}", locale=locale).format(kind=label)
    years = plan.ends.year - plan.starts.year + 1
    text = _kind_ended if plan.ended(day) else _kind_in_force
    return text(years, locale, kind=label, measure=number, years=plan_years(plan))


def preview_summary(
    kind: str,
    plan: Plan | None,
    day: date,
    audience: str,
    recipients: int,
    when: str,
    capacity: int | None,
    needs_approval: bool,
    locale: str,
    *,
    night: str = "",
    at_once: bool = False,
    same_day: Sequence[Event] = (),
) -> str:
    """`night`: post_flow.night_note, why the announcement waits for the morning; `at_once`: it goes as
    soon as it is confirmed; `same_day`: the events the same place already holds that day."""
    places = grouped(capacity, locale) if capacity else _("no limit", locale=locale)
    lines = [
        _("<b>Check before announcing</b>", locale=locale),
        kind_line(kind, plan, day, locale),
        _("Invited: {audience}", locale=locale).format(audience=audience),
        _("Subscribed now: {n}", locale=locale).format(n=grouped(recipients, locale)),
        _("Places: {n}", locale=locale).format(n=places),
        _("The announcement goes: {when}", locale=locale).format(when=when),
        *([night] if night else []),
        *([same_day_note(same_day, locale)] if same_day else []),
    ]
    return "\n".join(lines + summary_notes(recipients, needs_approval, locale, event=True, at_once=at_once))


def same_day_note(events: Sequence[Event], locale: str) -> str:
    """Two staff announcing one Family Hour is the mistake this catches: the events already planned in the
    same place that day, by topic (typed by staff, escaped) and time."""
    shown = "; ".join(f"«{html.escape(topic(e, locale))}», {clock_time(e.starts_at)}" for e in events[:3])
    more = len(events) - 3
    listed = shown if more <= 0 else _("{events} and {n} more", locale=locale).format(events=shown, n=more)
    text = ngettext(
        "⚠️ This place already has an event that day: {events}. Check that you are not announcing it twice.",
        "⚠️ This place already has {n} events that day: {events}. Check that you are not announcing one "
        "of them twice.",
        len(events),
        locale=locale,
    )
    return text.format(n=len(events), events=listed)


# Formatted with the number of recipients and `when`.
announced_text = __(
    "✅ The event is announced: {n} recipient; sending: {when}.",
    "✅ The event is announced: {n} recipients; sending: {when}.",
)
answers_hint = __("Parents answer with the buttons under the announcement. /event list shows who is coming.")
already_confirmed = __("This event is already confirmed; it will not be announced twice.")
no_organisations = __("No organisations are set up yet, so there is no one to invite.")


# --- a part asked again from the summary's ✏️ Change: its question says what is there now ---------------


def ask_kind_again(kind: str, family_hour: bool, steps: Sequence[str], locale: str) -> str:
    """The kind alone, of all three where the date may hold a Family Hour, of the other two where not."""
    if family_hour:
        question = _(
            "Choose the kind of meeting: a Family Hour, a parent seminar or a parent-club meeting.",
            locale=locale,
        )
    else:
        question = _("Is this a parent seminar or a parent-club meeting?", locale=locale)
    return step_text("kind", steps, question + "\n" + now_note(kind_label(kind, locale), locale), locale)


def typed_now(text: str, locale: str) -> str:
    """A topic or a place as typed (plain text, escaped here)."""
    return text_now_note(html.escape(text), locale)


def when_now(starts_at: datetime, locale: str) -> str:
    return now_note(short_date_time(starts_at), locale)


def capacity_now(capacity: int | None, locale: str) -> str:
    return now_note(grouped(capacity, locale) if capacity else _("no limit", locale=locale), locale)
