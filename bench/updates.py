"""How many /helplines updates per second the bot handles through the emulator, and the reply latency.

Usage: .venv/bin/python bench/updates.py [--users 200] [--rounds 5]
Two runs: (1) Telegram's limits lifted on both sides, closed loop (each user asks again as soon as answered),
which measures the bot itself; (2) Telegram's limits in force (30 messages/s overall) with an offered load
under them (--paced-users users, each asking every 2 s), which is the latency a real user will see.
The emulator runs in the same process and event loop, so its own work is counted against the bot:
the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from tests.support.app import running_app


async def measure(
    users: int, rounds: int, limited: bool, workdir: Path, pause: float = 0.0
) -> dict[str, float]:
    emu = Emulator() if limited else Emulator(global_rate=None, chat_rate=None)
    url = f"sqlite+aiosqlite:///{workdir / ('limited' if limited else 'free')}.sqlite3"
    limiter = OutgoingLimiter() if limited else OutgoingLimiter(1e9, 1e9, 1e9, 1e9)
    latencies: list[float] = []

    async def one(user, start: float) -> None:  # type: ignore[no-untyped-def]
        # Spread over one pause, so --paced-users every 2 s is that many updates/s evenly, not all the users
        # at one instant (40 at once took the global burst and left the last reply waiting ~0.7 s).
        await asyncio.sleep(start)
        for _ in range(rounds):
            started = time.perf_counter()
            await user.send("/helplines")
            await user.next_message(timeout=300)
            latencies.append(time.perf_counter() - started)
            if pause:
                await asyncio.sleep(pause)

    # tests/support/app.py: the production factory, polling through bot/polling_task.py.
    async with running_app(url, Overrides(limiter=limiter), emulator=emu):
        sims = [emu.user(10_000 + i, language_code="kk" if i % 2 else "ru") for i in range(users)]
        # Warm up: every user exists in the database and every code path is imported.
        await asyncio.gather(*(u.send("/start") for u in sims))
        await asyncio.gather(*(u.next_message(timeout=120) for u in sims))
        started = time.perf_counter()
        await asyncio.gather(*(one(u, i * pause / users) for i, u in enumerate(sims)))
        elapsed = time.perf_counter() - started
    rejected, throttled = len(emu.rejections), len(emu.throttled)
    q = statistics.quantiles(latencies, n=100)
    return {
        "updates": len(latencies),
        "seconds": elapsed,
        "per_second": len(latencies) / elapsed,
        "p50_ms": q[49] * 1000,
        "p99_ms": q[98] * 1000,
        "rejections": rejected,
        "429s": throttled,
    }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--paced-users", type=int, default=40)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-updates-"))
    runs = [
        ("limits lifted, closed loop (the bot itself)", args.users, False, 0.0),
        ("Telegram limits in force, each user every 2 s", args.paced_users, True, 2.0),
    ]
    for label, users, limited, pause in runs:
        r = await measure(users, args.rounds, limited, workdir, pause)
        print(
            f"/helplines, {label}: {r['updates']} updates from {users} users in {r['seconds']:.1f} s "
            f"= {r['per_second']:.0f} updates/s; reply latency p50 {r['p50_ms']:.0f} ms, "
            f"p99 {r['p99_ms']:.0f} ms; emulator rejections {r['rejections']}, 429s {r['429s']}"
        )


if __name__ == "__main__":
    asyncio.run(main())
