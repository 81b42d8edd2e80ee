"""From updates to report rows: one per measure and organisation, with its status for the period."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from bot.measures import Plan, measure_status
from db.models import Organisation
from db.repositories.measure_report import UpdateLine
from domain.enums import AREA_KINDS, MeasureStatus, OrgKind
from domain.facts import UpdateFact

# Excel keeps at most 32767 characters in a cell; the rest is in the bot anyway.
CELL_LIMIT = 32_000


@dataclass(frozen=True, slots=True)
class ReportRow:
    section: int
    measure_no: int
    title: str
    org_code: str
    org_name: str
    area: str  # the district or city the organisation is in (or the area itself)
    status: MeasureStatus
    updates: int
    figures: Mapping[str, float]  # by the plan's label in the report's language
    first_on: date | None
    last_on: date | None
    texts: str


@dataclass(frozen=True, slots=True)
class SectionSummary:
    section: int
    title: str
    measures: int
    counts: Mapping[MeasureStatus, int]  # rows by status

    @property
    def rows(self) -> int:
        return sum(self.counts.values())

    @property
    def done_share(self) -> float:
        return 100.0 * self.counts.get(MeasureStatus.DONE, 0) / self.rows if self.rows else 0.0


@dataclass(frozen=True, slots=True)
class Report:
    rows: list[ReportRow]
    summary: list[SectionSummary]
    by_section: list[tuple[str, Counter[MeasureStatus]]]
    by_district: list[tuple[str, Counter[MeasureStatus]]]


def _name(org: Organisation, locale: str) -> str:
    return org.name_ru if locale == "ru" else org.name_kk


def _area_of(code: str, orgs: Mapping[str, Organisation], locale: str) -> str:
    org = orgs.get(code)
    seen = 0
    while org is not None and seen < 10:
        area = org.kind in {OrgKind.DISTRICT, OrgKind.CITY}
        if area or org.parent_code is None or org.parent_code not in orgs:
            return _name(org, locale)
        org, seen = orgs.get(org.parent_code), seen + 1
    return code


def _org_sort_key(org: Organisation | None, code: str, locale: str) -> tuple[int, str]:
    return (0 if org is not None and org.kind in AREA_KINDS else 1, _name(org, locale) if org else code)


def assemble(
    plan: Plan,
    lines: Sequence[UpdateLine],
    orgs: Mapping[str, Organisation],
    scope: Organisation,
    as_of: date,
    locale: str,
) -> Report:
    """Rows for every measure and organisation with updates (`lines` in date order, as the repository gives
    them); a measure nobody reported on gets one row against the scope itself, so the report still shows it
    not started or overdue. Names, areas, labels and dates are looked up once each: a region's year is a
    hundred thousand updates."""
    by_pair: dict[int, dict[str, list[UpdateLine]]] = defaultdict(lambda: defaultdict(list))
    for line in lines:
        by_pair[line.measure_no][line.org_code].append(line)
    rows: list[ReportRow] = []
    scope_name = _name(scope, locale)
    names = {code: _name(org, locale) for code, org in orgs.items()}
    areas = {code: _area_of(code, orgs, locale) for code in orgs}
    sort_keys = {code: _org_sort_key(org, code, locale) for code, org in orgs.items()}
    labels: dict[str, str] = {}
    days: dict[date, str] = {}
    for measure in sorted(plan.measures, key=lambda m: (m.section, m.number)):
        title = measure.title.ru if locale == "ru" else measure.title.kk
        per_org = by_pair.get(measure.number) or {scope.code: []}
        codes = sorted(per_org, key=lambda code: sort_keys.get(code) or (1, code))
        for code in codes:
            mine = per_org[code]
            facts = [UpdateFact(u.done_on, u.status) for u in mine]
            status = measure_status(measure, facts, as_of, plan=plan)
            totals: dict[str, float] = {}
            texts: list[str] = []
            for line in mine:
                for key, value in line.figures.items():
                    if isinstance(value, int | float) and not isinstance(value, bool):
                        label = labels.get(key) or labels.setdefault(key, plan.figure_label(key, locale))
                        totals[label] = totals.get(label, 0) + value
                text = line.text
                if text:
                    day = days.get(line.done_on) or days.setdefault(line.done_on, f"{line.done_on:%d.%m.%Y}")
                    texts.append(f"{day}: {text}")
            rows.append(
                ReportRow(
                    section=measure.section,
                    measure_no=measure.number,
                    title=title,
                    org_code=code,
                    org_name=names.get(code) or (scope_name if code == scope.code else code),
                    area=areas.get(code) or scope_name,
                    status=status,
                    updates=len(mine),
                    figures=totals,
                    first_on=mine[0].done_on if mine else None,
                    last_on=mine[-1].done_on if mine else None,
                    texts="\n".join(texts)[:CELL_LIMIT],
                )
            )
    summary = summarize(plan, rows, locale)
    by_section = [(f"{s.section}. {s.title}", Counter(s.counts)) for s in summary]
    districts: dict[str, Counter[MeasureStatus]] = defaultdict(Counter)
    for row in rows:
        districts[row.area][row.status] += 1
    by_district = sorted(districts.items())
    return Report(rows, summary, by_section, by_district)


def figure_keys(rows: Iterable[ReportRow]) -> tuple[str, ...]:
    """The figure columns: every key some row has, in the order the measures first use them."""
    return tuple(dict.fromkeys(key for row in rows for key in row.figures))


def summarize(plan: Plan, rows: Iterable[ReportRow], locale: str) -> list[SectionSummary]:
    counts: dict[int, Counter[MeasureStatus]] = defaultdict(Counter)
    for row in rows:
        counts[row.section][row.status] += 1
    summary = []
    for section in sorted(plan.sections, key=lambda s: s.number):
        measures = len(plan.in_section(section.number))
        title = section.title.ru if locale == "ru" else section.title.kk
        summary.append(SectionSummary(section.number, title, measures, dict(counts.get(section.number, {}))))
    return summary
