"""`python -m bot orgs import FILE`: an admin's CSV of organisations, checked before anything is written."""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.orgs.sync import OrgChanges, apply_nodes, stored_placement, sync_organisations
from bot.orgs.tree import OrgNode, OrgTreeError, tree_problems
from db.repositories.orgs import OrgRepository

COLUMNS = ("code", "kind", "parent_code", "name_kk", "name_ru")
# The import needs only DATABASE_URL; Settings insists on a well-formed BOT_TOKEN, so it gets this stand-in.
PLACEHOLDER_TOKEN = "0:import-needs-no-bot-token-xxxxxxxx"


@dataclass
class ImportReport:
    problems: list[str] = field(default_factory=list)
    changes: OrgChanges | None = None
    shipped: int = 0  # rows of the shipped tree (content/orgs/) added or renamed before the file


def read_rows(path: Path) -> tuple[list[tuple[str, OrgNode]], list[str]]:
    """The file's rows as (label, node), the header being row 1; and the problems of the file's shape."""
    try:
        # utf-8-sig: spreadsheets on Windows save a BOM, which would otherwise stick to the first column name.
        with path.open(encoding="utf-8-sig", newline="") as fh:
            records = list(csv.reader(fh))
    except OSError as exc:
        return [], [f"{path}: cannot read: {exc.strerror or exc}"]
    except UnicodeDecodeError as exc:
        return [], [f"{path}: not UTF-8 (byte {exc.start}): save the file as CSV UTF-8"]
    except csv.Error as exc:
        return [], [f"{path}: not a valid CSV file: {exc}"]
    header = [name.strip().lower() for name in records[0]] if records else []
    if sorted(header) != sorted(COLUMNS):
        found = ",".join(header)
        return [], [f"row 1: the header must name the columns {','.join(COLUMNS)}; found {found!r}"]
    position = {name: header.index(name) for name in COLUMNS}
    rows: list[tuple[str, OrgNode]] = []
    problems: list[str] = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(COLUMNS):
            problems.append(f"row {number}: expected {len(COLUMNS)} columns, found {len(record)}")
            continue
        cell = {name: record[index].strip() for name, index in position.items()}
        node = OrgNode(
            cell["code"], cell["kind"], cell["parent_code"] or None, cell["name_kk"], cell["name_ru"]
        )
        rows.append((f"row {number}", node))
    if not rows and not problems:
        problems.append("the file has no rows after the header")
    return rows, problems


def _row_number(problem: str) -> int:
    match = re.match(r"row (\d+):", problem)
    return int(match.group(1)) if match else 0


async def import_csv(path: Path, sessionmaker: async_sessionmaker[AsyncSession]) -> ImportReport:
    """Checks every row against the file and the database, then writes all of it in one transaction, or
    nothing when any row has a problem."""
    rows, problems = read_rows(path)
    if problems and not rows:
        return ImportReport(problems)
    nodes = [node for _, node in rows]
    async with sessionmaker() as session:
        repo = OrgRepository(session)
        # All problems at once, in row order, so one pass over the file fixes them.
        problems += tree_problems(rows, await stored_placement(repo, nodes))
        problems.sort(key=_row_number)
        if problems:
            return ImportReport(problems)
        changes = await apply_nodes(repo, nodes)
        await session.commit()
    return ImportReport(changes=changes)


async def _import_into(database_url: str, path: Path) -> ImportReport:
    from db.engine import create_engine, create_sessionmaker
    from db.migrate import upgrade_to_head

    engine = create_engine(database_url)
    try:
        # What the bot does when it starts: the schema, then the shipped tree, so the file's rows may name
        # its regions and cities as parents on a database the bot has never run on.
        await upgrade_to_head(engine)
        sessionmaker = create_sessionmaker(engine)
        async with sessionmaker() as session:
            try:
                shipped = await sync_organisations(session)
            except OrgTreeError as error:
                return ImportReport([f"content/orgs: {problem}" for problem in error.problems])
        report = await import_csv(path, sessionmaker)
        report.shipped = shipped
        return report
    finally:
        await engine.dispose()


def run(path: Path) -> int:
    """The command: one line per problem on stderr and exit 1, or the counts on stdout and exit 0."""
    import asyncio

    from bot.settings import SettingsError, load_settings

    try:
        settings = load_settings(bot_token=PLACEHOLDER_TOKEN)
    except SettingsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    sqlite_file = settings.sqlite_path()
    if sqlite_file is not None:
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        report = asyncio.run(_import_into(settings.database_url, path))
    except Exception as exc:  # the database refused or is unreachable: one line, nothing committed
        print(f"error: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
        return 1
    if report.problems or report.changes is None:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        print(f"nothing imported: {len(report.problems)} problem(s)", file=sys.stderr)
        return 1
    if report.shipped:
        print(f"shipped organisation tree (content/orgs): {report.shipped} added or renamed")
    c = report.changes
    print(f"organisations: {c.added} added, {c.updated} updated, {c.unchanged} unchanged")
    return 0
