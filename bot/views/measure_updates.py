"""Texts of /update and /myupdates: staff progress on roadmap measures."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from aiogram.utils.i18n import gettext as _

from bot.flows.wizard import numbered
from bot.measures import Measure, Plan
from bot.views.formats import grouped, long_date, short_date
from bot.views.measures import update_mark
from bot.views.phrases import __
from domain.enums import UpdateStatus

TEXT_LIMIT = 1500  # visible characters of one language; an update is a short note, not a report


def measure_heading(measure: Measure, locale: str) -> str:
    return f"№{measure.number}. {html.escape(measure.title.get(locale))}"


def status_name(status: str, locale: str) -> str:
    return _("done", locale=locale) if status == UpdateStatus.DONE else _("in progress", locale=locale)


def status_button(status: str, locale: str) -> str:
    """The status as the /update buttons, the summary, /myupdates and the parents' notice show it."""
    return f"{update_mark(status)} {status_name(status, locale)}"


_NO_PLAN_COORDINATOR = __(
    "There is no roadmap in force in your region now: a roadmap that has ended takes no more updates. "
    "/report still gives its results for any of its periods."
)
_NO_PLAN_STAFF = __(
    "There is no roadmap in force in your region now: a roadmap that has ended takes no more updates. "
    "/measures shows its results."
)


def no_plan(is_coordinator: bool, locale: str) -> str:
    """Where the ended roadmap's results are: /report refuses everyone but coordinators."""
    return (_NO_PLAN_COORDINATOR if is_coordinator else _NO_PLAN_STAFF)(locale)


def no_such_measure(number: str, locale: str) -> str:
    return _(
        "There is no measure № {n} in the roadmap. Send /update to choose from the list.", locale=locale
    ).format(n=html.escape(number[:10]))


def update_steps(data: Mapping[str, Any]) -> list[str]:
    """The steps this reporter will see: the section and measure unless /update named the measure, one per
    figure of the measure (none counted until it is chosen), the missing language of a public update once
    it is asked, the organisation unless the reporter has one school."""
    steps = [] if data.get("by_number") else ["section", "measure"]
    steps += ["text_kk", "text_ru", *(f"figure{i}" for i in range(int(data.get("figure_count") or 0)))]
    steps += ["done_on", "evidence", "status", "public", *(["missing"] if data.get("completing") else [])]
    return [*steps, *(["org"] if data.get("org_asked") else [])]


def step_text(name: str, steps: Sequence[str], body: str, locale: str) -> str:
    """A question of /update under its header: which of the counted steps (`Step.counted`) it is."""
    number, total = numbered(name, steps)
    header = _("<b>Progress update · step {step} of {steps}</b>", locale=locale).format(
        step=number, steps=total
    )
    return header + "\n" + body


ask_section = __("Which section is the measure in?")
ask_measure = __("Which measure are you reporting on?")


def ask_text_kk(measure: Measure, locale: str) -> str:
    return (
        measure_heading(measure, locale)
        + "\n\n"
        + _(
            "What was done? Write it in Kazakh, or press Skip to write only in Russian. /cancel stops.",
            locale=locale,
        )
    )


def ask_text_ru(can_skip: bool, locale: str) -> str:
    if can_skip:
        return _("Now the same in Russian, or press Skip.", locale=locale)
    return _("Now write it in Russian.", locale=locale)


def ask_missing_text(language: str, locale: str) -> str:
    if language == "kk":
        return _(
            "A public update goes to parents in both languages. Please write it in Kazakh too.", locale=locale
        )
    return _(
        "A public update goes to parents in both languages. Please write it in Russian too.", locale=locale
    )


text_expected = __("Please send the text as a message.")


def too_long(length: int, locale: str) -> str:
    return _("That is {n} characters; please keep it within {limit}.", locale=locale).format(
        n=length, limit=TEXT_LIMIT
    )


def ask_figure(plan: Plan, key: str, locale: str) -> str:
    # The labels are data («проведено уроков», «қатысушылар»): «label — how many?» reads right for each.
    label = plan.figure_label(key, locale)
    return _("{what} — how many? Send a number, or press Skip.", locale=locale).format(
        what=html.escape(label[:1].upper() + label[1:])
    )


number_expected = __("Please send a whole number, 0 or more.")
ask_date = __("When was it done? Press Today or send the date as DD.MM.YYYY.")
date_not_understood = __("I could not read the date. Please send it as DD.MM.YYYY, e.g. {example}.")
date_in_future = __("That date is still ahead. Report what has already been done.")


def date_before_plan(starts: date, locale: str) -> str:
    return _("The roadmap starts on {day}; please send a later date.", locale=locale).format(
        day=short_date(starts)
    )


ask_evidence = __("If you have a photo or a document as evidence, send it now.")
evidence_expected = __("Please send a photo or a document, or press No evidence.")
ask_status = __("Is the measure done, or still in progress?")
ask_visibility = __(
    "Should parents see this update? A public one comes as a message to every subscribed parent; an internal "
    "one only to staff and reports."
)
ask_org = __("Which organisation is this update for?")


evidence_attached = __("Evidence: attached")


def seen_by_parents(public: bool, locale: str) -> str:
    return _("Parents see it: yes", locale=locale) if public else _("Parents see it: no", locale=locale)


def summary(
    plan: Plan,
    measure: Measure,
    data: Mapping[str, Any],
    org: str,
    locale: str,
    *,
    evidence: str | None = None,
    area: bool = False,
) -> str:
    """`area`: the update is for a district or region as a whole, a territory, not an organisation."""
    where = _("Territory: {org}", locale=locale) if area else _("Organisation: {org}", locale=locale)
    lines = [
        "<b>" + _("Please check the update:", locale=locale) + "</b>",
        measure_heading(measure, locale),
        where.format(org=html.escape(org)),
        _("Date: {day}", locale=locale).format(day=short_date(date.fromisoformat(data["done_on"]))),
        _("Status: {status}", locale=locale).format(status=status_button(data["status"], locale)),
        seen_by_parents(bool(data.get("public")), locale),
    ]
    figures = data.get("figures") or {}
    for key, value in figures.items():
        label = plan.figure_label(key, locale)
        lines.append(f"{html.escape(label[:1].upper() + label[1:])} — {_figure(value, locale)}")
    if evidence:
        lines.append(evidence_attached(locale))
    for language, key in (("🇰🇿", "text_kk"), ("🇷🇺", "text_ru")):
        if data.get(key):
            lines.append(f"\n{language} {data[key]}")
    return "\n".join(lines)


# The parts of an update ✏️ Change on the summary offers (besides the texts and one per figure of the measure).
kazakh_text = __("Kazakh text")
russian_text = __("Russian text")
date_label = __("Date")
evidence_label = __("Photo or document")
status_label = __("Status")
public_label = __("Who sees it")
org_label = __("Organisation")


def change_text(language: str, locale: str) -> str:
    """A text asked again from the summary: ⬅️ Back keeps the one there is."""
    if language == "kk":
        return _("Send the new text in Kazakh.", locale=locale)
    return _("Send the new text in Russian.", locale=locale)


def figure_label(plan: Plan, key: str, locale: str) -> str:
    label = plan.figure_label(key, locale)
    return label[:1].upper() + label[1:]


def saved(public: bool, locale: str, *, needs_approval: bool = False) -> str:
    """Parents get a public update as a message each (no channel), and only once it is approved when it
    needs approval (the next line of the same message says it went for approval)."""
    if public and needs_approval:
        return _("✅ Saved. Parents will get it after approval.", locale=locale)
    if public:
        return _("✅ Saved. Every subscribed parent will get it as a message.", locale=locale)
    return _("✅ Saved. Thank you!", locale=locale)


already_saved = __("This update is already saved.")


def _figure(value: object, locale: str) -> str:
    return grouped(value, locale) if isinstance(value, int) else str(value)


def post_texts(measure: Measure, status: str, text_kk: str, text_ru: str) -> tuple[str, str]:
    """The parent-channel post an update becomes: the status mark and the measure's title, what stage it is
    at, then what was done. Written in both languages at once, whoever the author reads the bot in."""
    return tuple(  # type: ignore[return-value]
        f"{update_mark(status)} <b>{html.escape(measure.title.get(lang))}</b>\n"
        + _("Measure № {n} of the roadmap: {status}", locale=lang).format(
            n=measure.number, status=status_name(status, lang)
        )
        + f"\n\n{text}"
        for lang, text in (("kk", text_kk), ("ru", text_ru))
    )


def my_updates(lines: list[str], locale: str, *, all_withdrawn: bool = False) -> str:
    """The author's updates; with none left, whether they never reported or withdrew every one."""
    if not lines and all_withdrawn:
        return _(
            "There is nothing left to change: your updates are withdrawn. Send /update to report progress.",
            locale=locale,
        )
    if not lines:
        return _("You have not posted any updates yet. Send /update to report progress.", locale=locale)
    head = _(
        "Your recent updates. You may edit or withdraw one within 24 hours of posting it.", locale=locale
    )
    return head + "\n\n" + "\n".join(lines)


def my_update_line(update_id: int, heading: str, day: date, status: str, public: bool, locale: str) -> str:
    mark = "📣" if public else "🔒"
    return f"{mark} #{update_id} · {heading} · {long_date(day, locale)} · {status_button(status, locale)}"


def ask_new_text(language: str, locale: str) -> str:
    if language == "kk":
        return _("Send the new text in Kazakh, or press Keep to leave it as it is.", locale=locale)
    return _("Send the new text in Russian, or press Keep to leave it as it is.", locale=locale)


edited = __("✅ The update is changed.")
edited_public_note = __(
    "Parents already received the first version; the change is in the bot and in reports."
)
withdrawn = __("The update is withdrawn; it no longer counts.")
already_withdrawn = __("This update is already withdrawn.")
kept = __("The update stays as it is.")


def ask_withdraw(update_id: int, heading: str, locale: str) -> str:
    return _(
        "Withdraw update #{id} ({measure})? It will no longer count, and a notice to parents that has not "
        "gone out yet will not be sent.",
        locale=locale,
    ).format(id=update_id, measure=heading)


notice_stopped = __("Its notice to parents had not gone out yet and will not be sent.")
too_late = __("More than 24 hours have passed; this update can no longer be changed.")
