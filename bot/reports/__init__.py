"""The /report files: rows of measure x organisation turned into XLSX, CSV and a PNG chart.

Pure builders (rows in, bytes out) so the handler can run them in a worker thread and tests can open the
result without a bot.
"""

from bot.reports.chart import chart
from bot.reports.periods import Period, PeriodKind, parse_day, period_of
from bot.reports.rows import Report, ReportRow, SectionSummary, UpdateLine, assemble, summarize
from bot.reports.table import csv, xlsx

__all__ = [
    "Period",
    "PeriodKind",
    "Report",
    "ReportRow",
    "SectionSummary",
    "UpdateLine",
    "assemble",
    "chart",
    "csv",
    "parse_day",
    "period_of",
    "summarize",
    "xlsx",
]
