"""Keeps what people wrote out of the logs, tracebacks included (issue 16, item 10).

Post texts, drafts and answers travel as SQL parameters. Three places would log them:
- SQLAlchemy's own error text (`[parameters: ...]`): the engine hides them (`hide_parameters=True`), and the
  scrubber below removes any that still come (an engine made elsewhere), with the statement's literals;
- the drivers' debug lines: aiosqlite logs every statement with its parameters at DEBUG, SQLAlchemy's echo
  logs result rows at DEBUG; both are dropped below INFO (statements without values still log at INFO);
- PostgreSQL's error detail (`DETAIL:  Key (…)=(…)`, `invalid input for query argument $1: '…'`).
Every record is scrubbed when it is made: its message and its traceback (formatted then, so every handler
and formatter writes the scrubbed text).
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

# Loggers whose DEBUG lines carry parameters or rows; their INFO and above stay.
QUIET_BELOW_INFO = ("aiosqlite", "sqlalchemy.engine.Engine")

_SCRUBS = [
    # SQLAlchemy: one line of repr()'d values (repr never holds a raw newline).
    (re.compile(r"\[parameters: [^\n]*"), "[parameters hidden]"),
    # The statement up to its first quoted literal is code; from there it may be a value.
    (re.compile(r"(\[SQL: [^'\n]*)'[^\n]*"), r"\1…]"),
    (re.compile(r"(DETAIL: )[^\n]*"), r"\1(hidden)"),
    (re.compile(r"(invalid input for query argument \$\d+:)[^\n]*"), r"\1 (hidden)"),
    (re.compile(r"(invalid input syntax for type \w+:)[^\n]*"), r"\1 (hidden)"),
]
_MARKERS = ("[parameters: ", "[SQL: ", "DETAIL: ", "invalid input ")

_installed = False


def scrub(text: str) -> str:
    if not any(marker in text for marker in _MARKERS):
        return text
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


class _BelowInfo(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.INFO


def _scrubbed_record(factory: Any) -> Any:
    def make(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = factory(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: leave it to the handler to report, as logging does
            return record
        clean = scrub(message)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[1] is not None:
            # Formatters reuse exc_text when it is set: the raw traceback is never formatted again.
            record.exc_text = scrub("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
        return record

    return make


def install() -> None:
    """Once per process; create_engine calls it, so everything that opens the database is covered."""
    global _installed
    if _installed:
        return
    _installed = True
    for name in QUIET_BELOW_INFO:
        logging.getLogger(name).addFilter(_BelowInfo())
    logging.setLogRecordFactory(_scrubbed_record(logging.getLogRecordFactory()))
