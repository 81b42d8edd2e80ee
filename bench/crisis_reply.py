"""How long a crisis message waits for its reply through the emulator: the figure behind "fast" in the crisis
lane, kept here and not in a timed test (tests/e2e/test_crisis.py checks what the reply says).

Usage: .venv/bin/python bench/crisis_reply.py [--rounds 5]
Each round sends every message of tests/e2e/test_crisis.py from a new user (Telegram's limits in force) and
times the reply: median and worst per reply kind, then overall. The emulator runs in the same process and
event loop, so its own work is counted against the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.e2e.test_crisis import MESSAGES
from tests.support.app import running_app


async def measure(rounds: int, workdir: Path) -> dict[str, list[float]]:
    waits: dict[str, list[float]] = defaultdict(list)
    async with running_app(f"sqlite+aiosqlite:///{workdir / 'bench.sqlite3'}") as app:
        for round_ in range(rounds):
            for index, (kind, lang, message) in enumerate(MESSAGES):
                user = app.emu.user(50_000 + round_ * 100 + index, language_code=lang)
                started = time.perf_counter()
                await user.send(message)
                await user.next_message(timeout=10)
                waits[kind].append(time.perf_counter() - started)
    return waits


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        waits = asyncio.run(measure(args.rounds, Path(workdir)))
    every = sorted(w for kind in waits.values() for w in kind)
    for kind, values in sorted(waits.items()):
        print(
            f"{kind:14} n={len(values):3}  median {statistics.median(values) * 1000:6.1f} ms  "
            f"worst {max(values) * 1000:6.1f} ms"
        )
    print(
        f"{'all':14} n={len(every):3}  median {statistics.median(every) * 1000:6.1f} ms  "
        f"worst {every[-1] * 1000:6.1f} ms  (target: under 1,000 ms)"
    )


if __name__ == "__main__":
    main()
