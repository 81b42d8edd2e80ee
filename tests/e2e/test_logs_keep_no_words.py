"""Nothing a user or staff member wrote reaches a log line, traceback included, even at DEBUG (issue 16,
item 10): a database error in the middle of /post (its draft cannot be saved) and a crisis message, every
record formatted as a handler would write it."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from tests.support.app import RunningApp
from tests.support.chat import pick_language
from tests.support.org_tree import SCHOOL, add_parent, add_tree, grant

PSY, PARENT, CHILD = 8951, 8952, 8953
POST_KK = "Құпия-сөз-Айгерім ата-аналар жиналысы"
POST_RU = "Секрет-слово-Мирас родительское собрание"
CRISIS = "я правда больше не хочу жить, Секрет-Тимур"
WRITTEN = ("Айгерім", "Мирас", "Тимур", "не хочу жить")

# Drafts cannot be saved any more: the step of /post that keeps both texts meets a database error whose
# parameters are those texts. (SQLite resolves a trigger's table only when it fires.)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER no_drafts_{when} BEFORE {when} ON fsm_records "
    "BEGIN INSERT INTO no_drafts VALUES (1); END"
    for when in ("INSERT", "UPDATE")
]
PG_FUNCTION = (
    "CREATE FUNCTION no_drafts() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'no_drafts'; END $$ "
    "LANGUAGE plpgsql"
)
PG_TRIGGER = (
    "CREATE TRIGGER no_drafts BEFORE INSERT OR UPDATE ON fsm_records "
    "FOR EACH ROW EXECUTE FUNCTION no_drafts()"
)


async def break_drafts(app: RunningApp) -> None:
    async with app.dp["sessionmaker"]() as session:
        if session.bind.dialect.name == "postgresql":
            statements = [PG_FUNCTION, PG_TRIGGER]
        else:
            statements = SQLITE_TRIGGERS
        for statement in statements:
            await session.execute(text(statement))
        await session.commit()


def written_lines(records: list[logging.LogRecord]) -> list[str]:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    lines = [formatter.format(record) for record in records]
    return [line for line in lines if any(word in line for word in WRITTEN)]


@pytest.fixture
def every_record(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    # SQLAlchemy keeps its own loggers at WARNING unless told: its echo on too, statements, parameters, rows.
    caplog.set_level(logging.DEBUG, logger="sqlalchemy")
    return caplog


async def test_no_log_line_carries_what_people_wrote(
    every_record: pytest.LogCaptureFixture, app: RunningApp
) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    parent = app.emu.user(PARENT)
    await pick_language(parent, "ru")
    await add_parent(sm, PARENT, "ru", (SCHOOL, "5"))

    psy = app.emu.user(PSY, language_code="ru")
    await pick_language(psy, "ru")
    await psy.send("/post")
    await psy.next_message()
    await psy.send(POST_KK)
    await psy.next_message()
    await break_drafts(app)
    await psy.send(POST_RU)
    assert "111" in (await psy.next_message())["text"]  # the apology
    await app.idle()

    child = app.emu.user(CHILD, language_code="ru")
    await child.send(CRISIS)
    assert "111" in (await child.next_message())["text"]
    await app.idle()

    records = every_record.records
    failures = [r for r in records if r.exc_info and "no_drafts" in logging.Formatter().format(r)]
    assert failures, "the database error was not logged: the test did not reach it"
    assert any(r.name.startswith("sqlalchemy.engine") for r in records), "SQL echo was not on"
    assert written_lines(records) == []
