"""Texts of /measures and /measure N: sections, measures with their status marks, one measure in full."""

from __future__ import annotations

from collections import Counter
from datetime import date
from html import escape

from aiogram.utils.i18n import gettext as _

from bot.measures import Measure, Outcome, Plan
from bot.views.formats import date_before_stop, grouped, long_date
from bot.views.phrases import Phrase, __
from bot.views.posts import MAX_TEXT, visible_length
from db.repositories.measure_progress import VisibleUpdate
from domain.enums import FinalState, MeasureStatus, UpdateStatus

State = MeasureStatus | FinalState
# The one legend of statuses, mark and name: measures, the /update buttons, staff's own lists, the notice
# parents get and the report files all take theirs from here, so an update in progress is never shown as done.
LEGEND: dict[State, tuple[str, Phrase]] = {
    MeasureStatus.DONE: ("✅", __("done")),
    MeasureStatus.IN_PROGRESS: ("🔄", __("in progress")),
    MeasureStatus.NOT_STARTED: ("⏳", __("not started")),
    MeasureStatus.OVERDUE: ("⚠️", __("overdue")),
    # A plan that ended: done as it should be, some work reported, nothing reported (nothing is awaited).
    FinalState.DONE: ("✅", __("done")),
    FinalState.REPORTED: ("🔄", __("work reported, not completed")),
    FinalState.NOT_REPORTED: ("➖", __("nothing reported")),
}
MARKS = {state: mark for state, (mark, _name) in LEGEND.items()}
CURRENT_ORDER = (
    MeasureStatus.DONE,
    MeasureStatus.IN_PROGRESS,
    MeasureStatus.NOT_STARTED,
    MeasureStatus.OVERDUE,
)
FINAL_ORDER = (FinalState.DONE, FinalState.REPORTED, FinalState.NOT_REPORTED)
# Room kept under Telegram's limit for the closing line about updates left out.
_RESERVE = 200
_UPDATE_TEXT_MAX = 400


def update_mark(status: str) -> str:
    """The mark of one update as staff set it (done or in progress), the same as a measure's."""
    return MARKS[MeasureStatus.DONE] if status == UpdateStatus.DONE else MARKS[MeasureStatus.IN_PROGRESS]


def status_label(status: State, locale: str) -> str:
    return LEGEND[status][1](locale)


def legend(locale: str, *, final: bool = False) -> str:
    order: tuple[State, ...] = FINAL_ORDER if final else CURRENT_ORDER
    return " · ".join(f"{MARKS[s]} {status_label(s, locale)}" for s in order)


def _final(statuses: dict[int, State]) -> bool:
    return any(isinstance(s, FinalState) for s in statuses.values())


def ended_line(plan: Plan, locale: str, *, results_below: bool = True) -> str:
    """That the plan has ended; over a list of its measures or sections, that their results follow (a
    single measure's card shows its own result, and says nothing is below)."""
    if not results_below:
        return _("This roadmap ended on {date}.", locale=locale).format(
            date=date_before_stop(plan.ends, locale)
        )
    return _("This roadmap ended on {date}. Below are its final results.", locale=locale).format(
        date=date_before_stop(plan.ends, locale)
    )


def scope_line(staff: bool, locale: str) -> str:
    if staff:
        return _("Status for the organisations in your scope.", locale=locale)
    return _("Status across the region, from the updates published for parents.", locale=locale)


def sections_text(
    plan: Plan, statuses: dict[int, State], visible: list[Measure], staff: bool, locale: str
) -> str:
    final = _final(statuses)
    lines = [f"<b>{escape(plan.title.get(locale))}</b>"]
    if final:
        lines.append(ended_line(plan, locale))
    lines += [scope_line(staff, locale), ""]
    order: tuple[State, ...] = FINAL_ORDER if final else CURRENT_ORDER
    for section in plan.sections:
        counts = Counter(statuses[m.number] for m in visible if m.section == section.number)
        summary = "  ".join(f"{MARKS[s]} {counts[s]}" for s in order if counts[s])
        lines.append(f"<b>{section.number}.</b> {escape(section.get(locale))}")
        if summary:
            lines.append(summary)
    lines += ["", legend(locale, final=final)]
    return "\n".join(lines)


def section_button_text(plan: Plan, number: int, locale: str) -> str:
    section = plan.section(number)
    title = section.get(locale) if section else ""
    return f"{number}. {title}"


def section_text(plan: Plan, number: int, staff: bool, locale: str, *, final: bool = False) -> str:
    section = plan.section(number)
    title = escape(section.get(locale)) if section else ""
    lines = [_("<b>Section {number}.</b> {title}", locale=locale).format(number=number, title=title)]
    if final:
        lines.append(ended_line(plan, locale))
    return "\n".join([*lines, scope_line(staff, locale), "", legend(locale, final=final)])


def measure_button_text(measure: Measure, status: State, locale: str) -> str:
    return f"{MARKS[status]} {measure.number}. {measure.title.get(locale)}"


def _figures(plan: Plan, figures: dict[str, object], locale: str) -> str:
    return "; ".join(
        f"{escape(plan.figure_label(key, locale))}: {grouped(value, locale)}"
        for key, value in figures.items()
        if isinstance(value, int | float) and not isinstance(value, bool)
    )


def update_line(plan: Plan, update: VisibleUpdate, locale: str) -> str:
    org = update.org_name_kk if locale == "kk" else update.org_name_ru
    mark = update_mark(update.status)
    head = f"{mark} <b>{long_date(update.done_on, locale)}</b>, {escape(org)}"
    own = update.text_kk if locale == "kk" else update.text_ru
    other = update.text_ru if locale == "kk" else update.text_kk
    lines = [head]
    if own:
        lines.append(escape(_cut(own)))
    elif other:
        note = (
            _("(only in Russian)", locale=locale) if locale == "kk" else _("(only in Kazakh)", locale=locale)
        )
        lines.append(f"<i>{note}</i> {escape(_cut(other))}")
    figures = _figures(plan, update.figures, locale)
    if figures:
        lines.append(f"📊 {figures}")
    return "\n".join(lines)


def _cut(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _UPDATE_TEXT_MAX else text[: _UPDATE_TEXT_MAX - 1].rstrip() + "…"


def responsible_text(plan: Plan, measure: Measure, locale: str) -> str:
    """The responsible bodies with what each abbreviation stands for: one on a line when there are several."""
    lines = []
    for body in plan.bodies(measure, locale):
        line = escape(body.name)
        if body.full:
            line += f" — {escape(body.full)}"
        if body.note:
            line += f" ({escape(body.note)})"
        lines.append(line)
    if len(lines) == 1:
        return _("<b>Responsible:</b> {bodies}", locale=locale).format(bodies=lines[0])
    return "\n".join([_("<b>Responsible:</b>", locale=locale), *(f"• {line}" for line in lines)])


# How many of a measure's reporting periods it was done in; none is said as such, not as «done in 0».
_done_in = __(
    "Reported done in {done} of {total} reporting period.",
    "Reported done in {done} of {total} reporting periods.",
).bind(number_as="total")
_done_in_none = __(
    "Not reported done in any of the {total} reporting period.",
    "Not reported done in any of the {total} reporting periods.",
).bind(number_as="total")


def outcome_lines(plan: Plan, outcome: Outcome, locale: str) -> list[str]:
    lines = [
        ended_line(plan, locale, results_below=False),
        _("<b>Final result:</b> {mark} {label}", locale=locale).format(
            mark=MARKS[outcome.state], label=status_label(outcome.state, locale)
        ),
    ]
    if outcome.periods > 1:
        done_in = _done_in if outcome.periods_done else _done_in_none
        lines.append(done_in(outcome.periods, locale, done=outcome.periods_done))
    return lines


def measure_text(
    plan: Plan,
    measure: Measure,
    status: State | Outcome,
    due: date | None,
    updates: list[VisibleUpdate],
    staff: bool,
    locale: str,
) -> str:
    """One measure in full; `status` is an Outcome for a plan that has ended (its final result)."""
    section = plan.section(measure.section)
    lines = [
        f"<b>{measure.number}. {escape(measure.title.get(locale))}</b>",
        _("Section {number}: {title}", locale=locale).format(
            number=measure.section, title=escape(section.get(locale) if section else "")
        ),
        "",
        _("<b>Deadline:</b> {text}", locale=locale).format(text=escape(measure.deadline.text.get(locale))),
    ]
    if due is not None:
        lines.append(_("<b>Next due:</b> {date}", locale=locale).format(date=long_date(due, locale)))
    lines += [
        responsible_text(plan, measure, locale),
        _("<b>Completion form:</b> {form}", locale=locale).format(form=escape(measure.form.get(locale))),
    ]
    if isinstance(status, Outcome):
        lines += outcome_lines(plan, status, locale)
    else:
        lines.append(
            _("<b>Status:</b> {mark} {label}", locale=locale).format(
                mark=MARKS[status], label=status_label(status, locale)
            )
        )
    lines += [scope_line(staff, locale), ""]
    if not updates:  # an ended plan awaits none any more
        if not isinstance(status, Outcome):
            lines.append(_("No updates yet.", locale=locale))
        elif status.state != FinalState.NOT_REPORTED:  # that result says it already
            lines.append(_("There were no updates.", locale=locale))
        return "\n".join(lines).rstrip()
    lines.append(_("<b>Latest updates</b>", locale=locale))
    text = "\n".join(lines)
    shown = 0
    for update in updates:
        candidate = text + "\n\n" + update_line(plan, update, locale)
        if visible_length(candidate) > MAX_TEXT - _RESERVE:
            break
        text = candidate
        shown += 1
    if shown < len(updates):
        text += "\n\n" + _("Older updates are not shown.", locale=locale)
    return text


unknown_measure_text = __(
    "There is no such measure. Open /measures to see the roadmap's measures by section."
)
measure_usage_text = __("Write the measure's number, for example: /measure 15")


def not_for_parents_text(number: int, locale: str, *, ended: bool = False) -> str:
    """A measure parents are not shown; in the past tense when its plan has ended."""
    if ended:
        return _(
            "Measure № {n} of the roadmap was carried out by the agencies themselves and was not published "
            "for parents. Open /measures to see the results of the measures for parents.",
            locale=locale,
        ).format(n=number)
    return _(
        "Measure № {n} of the roadmap is carried out by the agencies themselves and is not published for "
        "parents. Open /measures to see the measures you can follow.",
        locale=locale,
    ).format(n=number)


no_plan_text = __("The roadmap's measures are not available yet.")


def plan_years(plan: Plan) -> str:
    """«2023–2025»; one year alone for a plan within a single year."""
    first, last = plan.starts.year, plan.ends.year
    return str(first) if first == last else f"{first}–{last}"


_meanwhile = __(
    "Meanwhile you can see how the earlier roadmap went:",
    "Meanwhile you can see how the earlier roadmaps went:",
)


def no_current_plan_text(last: Plan | None, upcoming: Plan | None, earlier: int, locale: str) -> str:
    """Between two roadmaps: said kindly, with when the next one starts if it is already known; `earlier`
    counts the roadmaps that ended, offered below."""
    lines = []
    if last is not None:
        lines.append(
            _("The roadmap «{title}» ended on {date}.", locale=locale).format(
                title=escape(last.title.get(locale)), date=date_before_stop(last.ends, locale)
            )
        )
    if upcoming is not None:
        lines.append(
            _(
                "The next roadmap starts on {date}; its measures will appear here that day.", locale=locale
            ).format(date=long_date(upcoming.starts, locale))
        )
    else:
        lines.append(
            _(
                "The region has not adopted a new roadmap yet; its measures will appear here as soon as it "
                "does.",
                locale=locale,
            )
        )
    if last is not None:
        lines += ["", _meanwhile(earlier, locale)]
    return "\n".join(lines)


_earlier = __("Earlier roadmap", "Earlier roadmaps")
_choose = __(
    "Open it to see the final result of each of its measures.",
    "Choose one to see the final result of each of its measures.",
)


def archive_text(count: int, locale: str) -> str:
    """The roadmaps that ended (`count` of them), each a button below."""
    return "\n".join([f"<b>{_earlier(count, locale)}</b>", _choose(count, locale)])


archive_button_text = __("🗄 Earlier roadmap", "🗄 Earlier roadmaps")


def archived_plan_button_text(plan: Plan, locale: str) -> str:
    return _("🗄 Roadmap {years}", locale=locale).format(years=plan_years(plan))
