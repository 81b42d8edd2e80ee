"""Three instances on one shared limit: how much of Telegram's rate they get together (issue 17, item 2).

Usage: .venv/bin/python bench/scale_limits.py [--redis redis://127.0.0.1:6379/15] [--seconds 10] [--rate 30]
  Three processes, each a RedisLimiter (the one bot.factory builds with REDIS_URL) on the same key prefix,
  each with --senders broadcast tasks sending to chats of their own as fast as the limiter lets them. Every
  grant is stamped; the parent prints the aggregate rate over the steady part (the first second, where the
  burst goes, left out) as a share of --rate, the busiest one-second window against the limit, and how long
  a crisis reply waited for its slot while the broadcasts held the limit. Nothing is sent to Telegram.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from redis.asyncio import Redis

from bot.outgoing import Priority
from bot.shared_limits import RedisLimiter


async def _instance(
    url: str, prefix: str, rate: float, start: float, seconds: float, senders: int, index: int
) -> tuple[list[float], list[float]]:
    redis = Redis.from_url(url)
    limiter = RedisLimiter(redis, prefix, global_rate=rate, global_burst=max(20.0, rate / 10))
    grants: list[float] = []
    crisis_waits: list[float] = []
    await asyncio.sleep(max(0.0, start - time.time()))
    end = start + seconds

    async def broadcast(worker: int) -> None:
        chat = index * 1_000_000 + worker * 10_000
        while time.time() < end:
            chat += 1  # a new parent each time, as a broadcast goes
            await limiter.acquire(chat, Priority.BROADCAST)
            grants.append(time.time())

    async def crisis() -> None:
        # Instance 0 answers a crisis message every half second while the others broadcast at the limit.
        await asyncio.sleep(1.5)
        person = -1
        while time.time() < end - 0.5:
            person -= 1  # someone else each time: one chat's own 1/s is not what is measured
            asked = time.time()
            await limiter.acquire(person, Priority.CRISIS)
            crisis_waits.append(time.time() - asked)
            grants.append(time.time())
            await asyncio.sleep(0.5)

    tasks = [broadcast(w) for w in range(senders)] + ([crisis()] if index == 0 else [])
    await asyncio.gather(*tasks)
    await redis.aclose()
    return grants, crisis_waits


def _run(args: tuple[str, str, float, float, float, int, int], out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    out.put(asyncio.run(_instance(*args)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--redis", default=os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15"))
    parser.add_argument("--instances", type=int, default=3)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--senders", type=int, default=16)
    options = parser.parse_args()
    prefix = f"bench:{uuid.uuid4().hex}:"
    start = time.time() + 2.0  # the processes start sending together
    out: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    procs = [
        multiprocessing.Process(
            target=_run,
            args=((options.redis, prefix, options.rate, start, options.seconds, options.senders, i), out),
        )
        for i in range(options.instances)
    ]
    for proc in procs:
        proc.start()
    results = [out.get() for _ in procs]
    for proc in procs:
        proc.join()
    grants = sorted(stamp for found, _ in results for stamp in found)
    crisis_waits = sorted(wait for _, waits in results for wait in waits)
    steady = [t for t in grants if start + 1.0 <= t < start + options.seconds]
    span = options.seconds - 1.0
    aggregate = len(steady) / span
    windows = [0] * int(options.seconds)
    for stamp in steady:
        windows[int(stamp - start)] += 1
    busiest = max(windows[1:] or [0])
    per_instance = [len(found) for found, _ in results]
    print(f"instances: {options.instances}, shared limit {options.rate:g} msg/s, {options.seconds:g} s")
    burst = max(20.0, options.rate / 10)
    print(f"grants per instance: {per_instance} (the first second includes the burst of {burst:g})")
    print(
        f"aggregate rate (steady part): {aggregate:.2f} msg/s = {aggregate / options.rate:.3f} of the limit"
    )
    print(f"busiest one-second window after the first: {busiest} (limit {options.rate:g})")
    if crisis_waits:
        p50 = crisis_waits[len(crisis_waits) // 2]
        print(
            f"crisis replies while broadcasting: {len(crisis_waits)}, wait median {p50 * 1000:.1f} ms, "
            f"max {crisis_waits[-1] * 1000:.1f} ms"
        )


if __name__ == "__main__":
    main()
