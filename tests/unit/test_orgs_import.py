"""`python -m bot orgs import FILE`: checked row by row, idempotent, all or nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.orgs import import_csv, sync_organisations
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.repositories.orgs import OrgRepository

ROOT = Path(__file__).resolve().parents[2]
HEADER = "code,kind,parent_code,name_kk,name_ru\n"
GOOD = (
    HEADER
    + "ulk,region,,Ұлытау облысы,Улытауская область\n"
    + "ulk-zhz,city,ulk,Жезқазған қаласы,Жезказган\n"
    + 'ulk-zhz-s001,school,ulk-zhz,"№ 1 жалпы білім беретін мектеп","Общеобразовательная школа № 1"\n'
    + "ulk-zhz-k002,kindergarten,ulk-zhz,№ 2 бөбекжай-бақша,Ясли-сад № 2\n"
)

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture
async def sessions(database_url: str) -> AsyncIterator[Sessions]:
    engine = create_engine(database_url)
    await upgrade_to_head(engine)
    yield create_sessionmaker(engine)
    await engine.dispose()


def _csv(tmp_path: Path, text: str, name: str = "orgs.csv", bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


async def _names(sessions: Sessions) -> dict[str, tuple[str, str | None, str, str]]:
    async with sessions() as s:
        repo = OrgRepository(s)
        orgs = await repo.many(await repo.within([r.code for r in await repo.regions()]))
        return {o.code: (o.kind, o.parent_code, o.name_kk, o.name_ru) for o in orgs}


async def test_good_file_then_idempotent_reimport_then_renames(sessions: Sessions, tmp_path: Path) -> None:
    report = await import_csv(_csv(tmp_path, GOOD), sessions)
    assert report.problems == [] and report.changes is not None
    assert (report.changes.added, report.changes.updated, report.changes.unchanged) == (4, 0, 0)
    stored = await _names(sessions)
    assert stored["ulk-zhz-s001"] == (
        "school",
        "ulk-zhz",
        "№ 1 жалпы білім беретін мектеп",
        "Общеобразовательная школа № 1",
    )
    assert stored["ulk"][1] is None

    again = await import_csv(_csv(tmp_path, GOOD), sessions)
    assert again.changes is not None
    assert (again.changes.added, again.changes.updated, again.changes.unchanged) == (0, 0, 4)
    assert await _names(sessions) == stored

    renamed = GOOD.replace("Ясли-сад № 2", "Ясли-сад № 2 «Балапан»")
    changed = await import_csv(_csv(tmp_path, renamed), sessions)
    assert changed.changes is not None
    assert (changed.changes.added, changed.changes.updated, changed.changes.unchanged) == (0, 1, 3)
    assert (await _names(sessions))["ulk-zhz-k002"][3] == "Ясли-сад № 2 «Балапан»"


async def test_bom_columns_in_any_order_and_a_parent_already_in_the_database(
    sessions: Sessions, tmp_path: Path
) -> None:
    async with sessions() as s:
        await sync_organisations(s)
    text = "name_ru,name_kk,code,kind,parent_code\r\nШкола № 200,№ 200 мектеп,krg-kar-s200,school,krg-kar\r\n"
    report = await import_csv(_csv(tmp_path, text, bom=True), sessions)
    assert report.problems == []
    assert report.changes is not None and report.changes.added == 1
    async with sessions() as s:
        school = await OrgRepository(s).get("krg-kar-s200")
    assert school is not None and (school.parent_code, school.name_kk) == ("krg-kar", "№ 200 мектеп")


async def test_every_bad_row_is_reported_by_number_and_nothing_is_written(
    sessions: Sessions, tmp_path: Path
) -> None:
    assert (await import_csv(_csv(tmp_path, GOOD), sessions)).problems == []
    before = await _names(sessions)
    bad = (
        GOOD.replace("Ясли-сад № 2", "Ясли-сад № 22")  # a rename that must not land
        + "ulk-zhz-s003,school,ulk-zhz,№ 3 мектеп,Школа № 3\n"  # row 6, good
        + "ULK-zhz-s004,school,ulk-zhz,№ 4 мектеп,Школа № 4\n"  # row 7
        + "ulk-zhz-s005,shcool,ulk-zhz,№ 5 мектеп,Школа № 5\n"  # row 8
        + "ulk-zhz-s006,school,ulk-zhz,,Школа № 6\n"  # row 9
        + "ulk-zhz-s007,school,ulk-nope,№ 7 мектеп,Школа № 7\n"  # row 10
        + "ulk-zhz-s003,school,ulk-zhz,№ 3 мектеп,Школа № 3\n"  # row 11
        + "ulk-zhz-s008,school,ulk,№ 8 мектеп,Школа № 8\n"  # row 12
        + "ulk-zhz,district,ulk,Жезқазған ауданы,Жезказганский район\n"  # row 13
        + "ulk-zhz-s009,school,ulk-zhz,№ 9 мектеп\n"  # row 14
        + "ulk-2,region,ulk,Екінші облыс,Вторая область\n"  # row 15
    )
    report = await import_csv(_csv(tmp_path, bad), sessions)
    assert report.changes is None
    assert report.problems == [
        "row 7: code 'ULK-zhz-s004' is not valid: use 1-24 lowercase latin letters, digits and '-' "
        "('-' not at either end)",
        "row 8: kind 'shcool' is unknown: use one of region, district, city, school, kindergarten, college",
        "row 9: name_kk is empty",
        "row 10: parent_code 'ulk-nope' is unknown: not in the database nor earlier in the file",
        "row 11: code 'ulk-zhz-s003' appears twice (first at row 6)",
        "row 12: a school cannot be under the region 'ulk': it belongs under a city or district",
        "row 13: code 'ulk-zhz' appears twice (first at row 3); code 'ulk-zhz' already exists as a city "
        "under 'ulk'; its kind and parent cannot change",
        "row 14: expected 5 columns, found 4",
        "row 15: a region has no parent, but parent_code is 'ulk'",
    ]
    assert await _names(sessions) == before


async def test_an_unknown_parent_alone_stops_the_whole_file(sessions: Sessions, tmp_path: Path) -> None:
    text = GOOD + "krg-x-s001,school,krg-x,№ 1 мектеп,Школа № 1\n"
    report = await import_csv(_csv(tmp_path, text), sessions)
    assert report.problems == [
        "row 6: parent_code 'krg-x' is unknown: not in the database nor earlier in the file"
    ]
    assert await _names(sessions) == {}


async def test_a_file_without_the_header_or_rows_is_refused(sessions: Sessions, tmp_path: Path) -> None:
    no_header = GOOD.removeprefix(HEADER)
    report = await import_csv(_csv(tmp_path, no_header), sessions)
    assert len(report.problems) == 1 and report.problems[0].startswith(
        "row 1: the header must name the columns code,kind,parent_code,name_kk,name_ru; found 'ulk,region,"
    )
    assert (await import_csv(_csv(tmp_path, HEADER), sessions)).problems == [
        "the file has no rows after the header"
    ]
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes(HEADER.encode() + "ulk,region,,Ұлытау,Улытау\n".encode("cp1251", errors="replace"))
    (problem,) = (await import_csv(latin1, sessions)).problems
    assert "not UTF-8" in problem
    assert await _names(sessions) == {}


def _cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "TEST_DATABASE_URL"}}
    env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "bot", "orgs", "import", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,  # a safety net only: a cold start on a machine busy with twelve test workers
    )


async def test_command_needs_no_bot_token_and_exits_0_or_1(database_url: str, tmp_path: Path) -> None:
    good = _csv(tmp_path, GOOD, bom=True)
    done = _cli(database_url, str(good))
    shipped, imported = done.stdout.splitlines()
    assert (done.returncode, imported, done.stderr) == (
        0,
        "organisations: 4 added, 0 updated, 0 unchanged",
        "",
    )
    assert shipped.startswith("shipped organisation tree (content/orgs): ")  # a fresh database: loaded first
    done = _cli(database_url, str(good))
    assert (done.returncode, done.stdout) == (0, "organisations: 0 added, 0 updated, 4 unchanged\n")

    bad = _csv(tmp_path, GOOD + "ulk-x,city,,Х қаласы,Х\nulk-y,city,ulk,,\n", name="bad.csv")
    failed = _cli(database_url, str(bad))
    assert failed.returncode == 1 and failed.stdout == ""
    assert failed.stderr.splitlines() == [
        "row 6: a city needs a parent_code (a region)",
        "row 7: name_kk is empty; name_ru is empty",
        "nothing imported: 2 problem(s)",
    ]
    missing = _cli(database_url, str(tmp_path / "absent.csv"))
    assert missing.returncode == 1 and "cannot read" in missing.stderr


async def test_command_on_a_fresh_database_loads_the_shipped_tree_first(tmp_path: Path) -> None:
    """A file whose rows hang under the shipped regions and cities imports before the bot has ever run."""
    fresh = f"sqlite+aiosqlite:///{tmp_path / 'fresh.sqlite3'}"
    text = HEADER + "krg-kar-s900,school,krg-kar,№ 900 мектеп,Школа № 900\n"
    done = _cli(fresh, str(_csv(tmp_path, text)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "organisations: 1 added, 0 updated, 0 unchanged"
    engine = create_engine(fresh)
    try:
        async with create_sessionmaker(engine)() as session:
            school = await OrgRepository(session).get("krg-kar-s900")
    finally:
        await engine.dispose()
    assert school is not None and school.parent_code == "krg-kar"


async def test_names_with_markup_are_refused_one_line_per_row(sessions: Sessions, tmp_path: Path) -> None:
    """Names are plain text (escaped wherever they are shown): tags and entities are refused, «&» is not."""
    text = (
        GOOD
        + "ulk-zhz-s003,school,ulk-zhz,<b>№ 3</b> мектеп,Школа № 3\n"  # row 6
        + "ulk-zhz-s004,school,ulk-zhz,№ 4 мектеп,Школа &amp; сад № 4\n"  # row 7
        + "ulk-zhz-s005,school,ulk-zhz,«Балапан & Ко» мектебі,Школа «Балапан & Ко»\n"  # row 8, good
        + "ulk-zhz-s006,school,ulk-zhz,№ 6 мектеп,Школа № 6 <для одарённых\n"  # row 9
    )
    report = await import_csv(_csv(tmp_path, text), sessions)
    assert report.problems == [
        "row 6: name_kk has markup ('<b>'): organisation names are plain text",
        "row 7: name_ru has markup ('&amp;'): organisation names are plain text",
        "row 9: name_ru has markup ('<'): organisation names are plain text",
    ]
    assert await _names(sessions) == {}
