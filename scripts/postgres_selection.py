"""Which end-to-end tests the PostgreSQL pass of CI may leave to SQLite: measured, not guessed.

The PostgreSQL pass exists for the database code, and CI must stay within 15 minutes. Every line of db/ that
the whole suite runs on PostgreSQL must still run there. This reads a coverage file written by a full
PostgreSQL pass with one context per test, and the durations of that pass (`make postgres-selection` writes
both). Then it leaves out end-to-end tests, the slowest first, for as long as every line of db/ they run is
still run by a test that stays. What it leaves out goes to tests/sqlite_only.txt; on PostgreSQL,
tests/conftest.py deselects those tests. These always stay:
- every unit test;
- end-to-end tests about concurrency, restarts, locks and several instances;
- any test this file has never seen (a new one runs on both databases until the next measurement).

    python scripts/postgres_selection.py COVERAGE_FILE DURATIONS_LOG [--write]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from coverage import CoverageData

ROOT = Path(__file__).resolve().parent.parent
LIST = ROOT / "tests" / "sqlite_only.txt"
# What PostgreSQL itself decides (locks, SKIP LOCKED, a second process, a lost connection): never left out.
ALWAYS = re.compile(r"race|instance|sigterm|restart|webhook|concurr|lock|lease|outbox|migrat|redis|drain")

Line = tuple[str, int]


def db_lines_per_test(coverage_file: Path) -> dict[str, set[Line]]:
    data = CoverageData(basename=str(coverage_file))
    data.read()
    found: dict[str, set[Line]] = defaultdict(set)
    for path in data.measured_files():
        if "/db/" not in path:
            continue
        where = "db/" + path.split("/db/", 1)[1]
        for line, contexts in data.contexts_by_lineno(path).items():
            for context in contexts:
                if context:  # "tests/e2e/test_x.py::test_y[kk]|run"
                    found[context.split("|", 1)[0]].add((where, line))
    return found


def seconds_per_test(durations_log: Path) -> dict[str, float]:
    seconds: dict[str, float] = defaultdict(float)
    for line in durations_log.read_text("utf-8").splitlines():
        if match := re.match(r"([\d.]+)s (?:call|setup|teardown)\s+(\S+)", line):
            seconds[match.group(2)] += float(match.group(1))
    return seconds


def left_out(found: dict[str, set[Line]], seconds: dict[str, float]) -> list[str]:
    runs = Counter(line for lines in found.values() for line in lines)
    dropped = []
    candidates = [t for t in found if t.startswith("tests/e2e/") and not ALWAYS.search(t.split("::")[0])]
    for test in sorted(candidates, key=lambda t: (-seconds.get(t, 0.0), t)):
        if all(runs[line] > 1 for line in found[test]):
            runs.subtract(found[test])
            dropped.append(test)
    return sorted(dropped)


def main() -> int:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("coverage_file", type=Path)
    parser.add_argument("durations_log", type=Path)
    parser.add_argument("--write", action="store_true", help="write tests/sqlite_only.txt")
    args = parser.parse_args()
    found = db_lines_per_test(args.coverage_file)
    seconds = seconds_per_test(args.durations_log)
    dropped = left_out(found, seconds)
    total = sum(seconds.get(t, 0.0) for t in found)
    saved = sum(seconds.get(t, 0.0) for t in dropped)
    lines = len(set().union(*found.values()))
    summary = (
        f"{len(found)} tests ran {lines} lines of db/ on PostgreSQL; {len(dropped)} end-to-end tests run "
        f"none that others do not: {saved:.0f} of {total:.0f} test-seconds left to SQLite"
    )
    print(summary)
    if args.write:
        header = (
            "# End-to-end tests the PostgreSQL pass of CI leaves to SQLite: every line of db/ they run on\n"
            "# PostgreSQL, tests that stay run there too. Written by `make postgres-selection`\n"
            f"# (scripts/postgres_selection.py): {summary}.\n"
        )
        LIST.write_text(header + "".join(f"{test}\n" for test in dropped), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
