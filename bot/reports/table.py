"""The report as a workbook (a row per measure and organisation, and a summary by section) and as CSV."""

from __future__ import annotations

import csv as csv_module
import io
from collections.abc import Mapping, Sequence
from datetime import date

from bot.reports.labels import STATUS_ORDER, row_headers, sheet_titles, status_label, summary_headers
from bot.reports.rows import ReportRow, SectionSummary, figure_keys
from bot.reports.sheets import Sheet, workbook
from domain.enums import MeasureStatus

# Characters wide, by column kind: wide enough to read without the texts column swallowing the screen.
WIDTHS = {"section": 9, "number": 10, "title": 50, "org_code": 14, "org": 40, "area": 28, "status": 16}
NARROW, DATES, TEXTS = 14, 13, 80


def _header(keys: Sequence[str], locale: str) -> list[str]:
    words = row_headers(locale)
    fixed = [words[k] for k in ("section", "number", "title", "org_code", "org", "area", "status", "updates")]
    return [*fixed, *keys, words["first"], words["last"], words["texts"]]


def _values(row: ReportRow, keys: Sequence[str], statuses: Mapping[MeasureStatus, str]) -> list[object]:
    where = [row.section, row.measure_no, row.title, row.org_code, row.org_name, row.area]
    figures = (row.figures.get(k) for k in keys)
    return [*where, statuses[row.status], row.updates, *figures, row.first_on, row.last_on, row.texts]


def _summary_values(part: SectionSummary) -> list[object]:
    counts = (part.counts.get(s, 0) for s in STATUS_ORDER)
    return [part.section, part.title, part.measures, *counts, part.rows, round(part.done_share, 1)]


def _statuses(locale: str) -> dict[MeasureStatus, str]:
    return {status: status_label(status, locale) for status in MeasureStatus}


def _widths(keys: Sequence[str]) -> list[float]:
    fixed = [WIDTHS[k] for k in ("section", "number", "title", "org_code", "org", "area", "status")]
    return [*fixed, NARROW, *(NARROW for _ in keys), DATES, DATES, TEXTS]


def xlsx(rows: Sequence[ReportRow], summary: Sequence[SectionSummary], locale: str) -> bytes:
    rows_title, summary_title = sheet_titles(locale)
    keys = figure_keys(rows)
    header = _header(keys, locale)
    statuses = _statuses(locale)
    words = summary_headers(locale)
    counted = [words["section"], words["title"], words["measures"], *(statuses[s] for s in STATUS_ORDER)]
    return workbook(
        [
            Sheet(
                title=rows_title,
                header=header,
                widths=_widths(keys),
                freeze=(2, 1),  # the header and the section and measure numbers stay on screen
                rows=(_values(row, keys, statuses) for row in rows),
                wrap_columns=frozenset({len(header) - 1}),
            ),
            Sheet(
                title=summary_title,
                header=[*counted, words["rows"], words["done_share"]],
                widths=[9, 60, 11, *(16 for _ in STATUS_ORDER), 9, 11],
                rows=(_summary_values(part) for part in summary),
            ),
        ]
    )


def csv(rows: Sequence[ReportRow], locale: str) -> bytes:
    """The rows of the first sheet; a BOM so Excel reads the Kazakh letters as UTF-8."""
    keys = figure_keys(rows)
    out = io.BytesIO()
    # Encoded as it is written: a region's year is some 25 MB, never held again as one str.
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv_module.writer(text, lineterminator="\r\n")
    writer.writerow(_header(keys, locale))
    statuses = _statuses(locale)
    for row in rows:
        writer.writerow(
            f"{value:%d.%m.%Y}" if isinstance(value, date) else "" if value is None else value
            for value in _values(row, keys, statuses)
        )
    text.flush()
    data = out.getvalue()
    text.detach()
    return data
