"""How long /report and the query behind /measures take on a region's worth of roadmap updates.

Usage: .venv/bin/python bench/measures.py [--orgs 500] [--quarters 8] [--runs 5] [--pg-url URL]
Fills a database (a fresh SQLite file by default; with --pg-url a PostgreSQL database, whose earlier bench
rows are replaced) with a synthetic region of districts and --orgs schools, a 56-measure plan and one update
per measure, organisation and quarter (--quarters, ending with 2025), inserted in bulk. Then times:
  /report: the region for the year 2025, as the handler does it (organisation tree, the updates query, rows,
           XLSX, CSV and PNG);
  /measures: the status of all 56 measures over the whole region for a region coordinator
           (repo.orgs.within, repo.progress.facts, measure_status for each measure).
Prints median and max of --runs runs and the process's peak memory (VmHWM). Targets: /report < 5 s,
/measures < 200 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import delete, insert, text

from bot.i18n import create_i18n
from bot.measures import Plan, measure_status
from db.engine import create_engine, create_sessionmaker
from db.migrate import upgrade_to_head
from db.models import MeasureUpdate, Organisation
from db.repositories import Repositories
from handlers.report import make_files

PLAN, REGION = "bench-plan", "bn"
MEASURES, SECTIONS, DISTRICTS = 56, 7, 20
KINDS = ("quarterly", "semiannual", "yearly", "once", "school_year", "continuous")
FIGURES = ("participants", "events", "stands")
YEAR = 2025


def bench_plan() -> Plan:
    def bi(text: str) -> dict[str, str]:
        return {"kk": f"{text} (қаз.)", "ru": text}

    measures = []
    for n in range(1, MEASURES + 1):
        kind = KINDS[n % len(KINDS)]
        deadline: dict[str, object] = {"kind": kind, "text": bi(kind)}
        if kind == "once":
            deadline["on"] = date(2024 + n % 2, 6 + n % 6, 1)
        if kind == "yearly":
            deadline["months"] = [12]
        measures.append(
            {
                "number": n,
                "section": 1 + (n - 1) * SECTIONS // MEASURES,
                "title": bi(f"Шара / мера {n}: повышение квалификации и работа с родителями"),
                "form": bi("информация в МП"),
                "deadline": deadline,
                "responsible": {"kk": "ББ, мектептер", "ru": "УО, школы"},
                "figures": list(FIGURES[: n % 4]),
            }
        )
    return Plan.model_validate(
        {
            "code": PLAN,
            "region": REGION,
            "title": bi("Дорожная карта (бенчмарк)"),
            "starts": date(2023, 1, 1),
            "ends": date(2025, 12, 31),
            "figure_labels": {key: bi(key.capitalize()) for key in FIGURES},
            "sections": [{"number": s, "title": bi(f"Раздел {s}")} for s in range(1, SECTIONS + 1)],
            "measures": measures,
        }
    )


def org_rows(orgs: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [
        {
            "code": REGION,
            "kind": "region",
            "parent_code": None,
            "name_kk": "Бench облысы",
            "name_ru": "Бенч область",
        }
    ]
    for d in range(1, DISTRICTS + 1):
        rows.append(
            {
                "code": f"bn-d{d:02}",
                "kind": "district" if d % 3 else "city",
                "parent_code": REGION,
                "name_kk": f"№{d} аудан",
                "name_ru": f"Район №{d}",
            }
        )
    for s in range(orgs):
        rows.append(
            {
                "code": f"bn-s{s:04}",
                "kind": "school",
                "parent_code": f"bn-d{s % DISTRICTS + 1:02}",
                "name_kk": f"№{s} жалпы білім беретін мектеп",
                "name_ru": f"Общеобразовательная школа №{s}",
            }
        )
    return rows


def update_rows(plan: Plan, orgs: int, quarters: int) -> Iterator[list[dict[str, object]]]:
    """The updates a quarter at a time, so filling does not hold them all at once."""
    rng = random.Random(5)
    first_quarter = 4 * YEAR + 3 - (quarters - 1)  # the last quarter is Q4 of YEAR
    created = datetime(2025, 1, 1, tzinfo=UTC)
    text_kk = "Мектепте ата-аналармен кездесу өтті, психолог кеңес берді, стенд жаңартылды."
    text_ru = "В школе прошла встреча с родителями, психолог провёл консультации, обновлён стенд."
    for q in range(first_quarter, first_quarter + quarters):
        rows = []
        year, index = divmod(q, 4)
        start = date(year, 3 * index + 1, 1)
        for m in plan.measures:
            for s in range(orgs):
                rows.append(
                    {
                        "plan": PLAN,
                        "measure_no": m.number,
                        "org_code": f"bn-s{s:04}",
                        "author_id": 7_000_000 + s,
                        "text_kk": text_kk,
                        "text_ru": text_ru if s % 3 else None,
                        "figures": {key: rng.randint(1, 200) for key in m.figures},
                        "done_on": start + timedelta(days=rng.randint(0, 88)),
                        "status": "done" if rng.random() < 0.4 else "in_progress",
                        "public": s % 2 == 0,
                        "created_at": created,
                    }
                )
        yield rows


async def fill(url: str, plan: Plan, orgs: int, quarters: int) -> int:
    engine = create_engine(url)
    await upgrade_to_head(engine)
    sessionmaker = create_sessionmaker(engine)
    async with sessionmaker() as session:
        # Earlier bench rows go first (a reused PostgreSQL database); nothing else is touched.
        await session.execute(delete(MeasureUpdate).where(MeasureUpdate.plan == PLAN))
        await session.execute(delete(Organisation).where(Organisation.code.like("bn-s%")))
        await session.execute(delete(Organisation).where(Organisation.code.like("bn-d%")))
        await session.execute(delete(Organisation).where(Organisation.code == REGION))
        await session.execute(insert(Organisation), org_rows(orgs))
        count = 0
        for rows in update_rows(plan, orgs, quarters):
            for begin in range(0, len(rows), 10_000):
                await session.execute(insert(MeasureUpdate), rows[begin : begin + 10_000])
            count += len(rows)
        await session.commit()
    async with engine.connect() as conn:
        # A live database has planner statistics (autovacuum analyses it); a bulk fill must ask for them.
        await conn.execute(text("ANALYZE"))
        await conn.commit()
    await engine.dispose()
    return count


async def time_report(url: str, plan: Plan, runs: int) -> dict[str, list[float]]:
    engine = create_engine(url)
    sessionmaker = create_sessionmaker(engine)
    timings: dict[str, list[float]] = {"query": [], "files": [], "total": []}
    sizes: dict[str, int] = {}
    for _ in range(runs):
        started = time.perf_counter()
        async with sessionmaker() as session:
            repo = Repositories(session)
            scope = await repo.orgs.get(REGION)
            assert scope is not None
            codes = await repo.orgs.within([REGION])
            orgs = {org.code: org for org in await repo.orgs.many(codes)}
            lines = await repo.report.updates(PLAN, date(YEAR, 1, 1), date(YEAR, 12, 31), codes, "kk")
        queried = time.perf_counter()
        files = await asyncio.to_thread(make_files, plan, lines, orgs, scope, date(YEAR, 12, 31), "kk")
        done = time.perf_counter()
        timings["query"].append(queried - started)
        timings["files"].append(done - queried)
        timings["total"].append(done - started)
        sizes = {
            "updates": len(lines),
            "rows": files.rows,
            "xlsx": len(files.xlsx),
            "csv": len(files.csv),
            "png": len(files.png),
        }
    await engine.dispose()
    print("  /report sizes: " + ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
    return timings


async def time_measures(url: str, plan: Plan, runs: int, whole_plan: bool) -> list[float]:
    """whole_plan: an admin's view (no organisation filter); else a region coordinator's."""
    engine = create_engine(url)
    sessionmaker = create_sessionmaker(engine)
    timings = []
    today = date(YEAR, 11, 20)
    for _ in range(runs):
        started = time.perf_counter()
        async with sessionmaker() as session:
            repo = Repositories(session)
            codes = None if whole_plan else await repo.orgs.within([REGION])
            facts = await repo.progress.facts(PLAN, codes, public_only=False)
            statuses = {
                m.number: measure_status(m, facts.get(m.number, []), today, plan=plan) for m in plan.measures
            }
        timings.append(time.perf_counter() - started)
        assert len(statuses) == MEASURES
    await engine.dispose()
    return timings


def reset_peak_memory() -> None:
    """Filling is not what is measured: "5" resets VmHWM to the current size (Linux 4.0 and later)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_memory_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def line(name: str, values: list[float], target: float | None = None) -> str:
    median, worst = statistics.median(values), max(values)
    verdict = (
        "" if target is None else ("  OK" if worst < target else f"  OVER the {target * 1000:.0f} ms target")
    )
    return f"  {name:<24} median {median * 1000:8.1f} ms   max {worst * 1000:8.1f} ms{verdict}"


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--orgs", type=int, default=500)
    parser.add_argument("--quarters", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pg-url", help="postgresql+asyncpg://... (a database the bench may fill)")
    args = parser.parse_args()
    plan = bench_plan()
    # Headers and captions are translated as in the bot, where the dispatcher sets this context.
    with create_i18n("kk").context(), tempfile.TemporaryDirectory() as tmp:
        url = args.pg_url or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
        print(f"database: {url.split('@')[-1] if args.pg_url else 'SQLite (a fresh file)'}")
        started = time.perf_counter()
        count = await fill(url, plan, args.orgs, args.quarters)
        print(
            f"filled {MEASURES} measures x {args.orgs} organisations x {args.quarters} quarters = "
            f"{count:,} updates in {time.perf_counter() - started:.1f} s"
        )
        gc.collect()
        reset_peak_memory()
        before = peak_memory_mb()
        report = await time_report(url, plan, args.runs)
        measures = await time_measures(url, plan, args.runs, whole_plan=False)
        measures_admin = await time_measures(url, plan, args.runs, whole_plan=True)
    print(f"/report, whole region, year {YEAR} ({args.runs} runs):")
    print(line("query", report["query"]))
    print(line("rows + XLSX + CSV + PNG", report["files"]))
    print(line("total", report["total"], target=5.0))
    print(f"/measures, 56 statuses over the whole region (repo.progress.facts, {args.runs} runs):")
    print(line("region coordinator", measures, target=0.2))
    print(line("admin (no org filter)", measures_admin, target=0.2))
    print(
        f"peak memory (VmHWM) while timing: {peak_memory_mb():.0f} MB (after filling, reset: {before:.0f} MB)"
    )


if __name__ == "__main__":
    asyncio.run(main())
