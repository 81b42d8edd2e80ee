"""Webhook mode: updates handled per second and the reply latency for 1 and for 3 instances.

Usage: .venv/bin/python bench/webhook.py [--updates 600] [--concurrency 60] [--instances 1,3]
Each instance is a real `python -m bot` process in webhook mode (WEBHOOK_URL, WEBHOOK_SECRET, its own
WEBHOOK_LISTEN) on one fresh PostgreSQL database and one Redis, as deploy/compose.yaml runs them. This
process plays Telegram (the loopback emulator, its limits lifted) and the reverse proxy: each /helplines
update from a different parent is POSTed, with the secret token, to the instances in turn, at most
--concurrency at once; the latency is from the POST to the reply arriving at the emulator. TELEGRAM_RATE is
10000 (the bot's overall pacing, 28/s by default, since BROADCAST_RATE no longer raises it) so the bot's own
pacing does not cap the figures; the emulator and this driver share one core of the machine, so the figures
are a floor.
Needs PostgreSQL at 127.0.0.1:5432 (trust) and Redis at 127.0.0.1:6379 (database 15).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.emulator import Emulator  # noqa: E402

SECRET = "bench-" + secrets.token_hex(16)
HEADER = "X-Telegram-Bot-Api-Secret-Token"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")
PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _token() -> str:
    # A fresh bot for each run: its Redis keys (limits, drafts, claims) are its own.
    return f"{secrets.randbelow(9 * 10**8) + 10**8}:BENCH{secrets.token_hex(16)}"


async def forget_redis_keys(token: str) -> None:
    """Removes the run's keys (shared limits, drafts, update claims): a fresh token each run leaves them
    unread, and the update claims would otherwise stay for their 26 h."""
    from redis.asyncio import Redis

    from bot.shared_limits import key_prefix

    bot_id = token.split(":")[0]
    redis = Redis.from_url(REDIS_URL)
    try:
        for pattern in (key_prefix(token) + "*", f"fsm:{bot_id}:*", f"seen:{bot_id}:*"):
            async for key in redis.scan_iter(match=pattern, count=1000):
                await redis.delete(key)
    finally:
        await redis.aclose()


async def start_instances(
    api_url: str, database: str, token: str, count: int, env: dict[str, str] | None = None, first: int = 0
) -> tuple[list, list[str]]:
    """`count` webhook-mode instances (INSTANCE_ID bench-<first>, ...), once each answers /readyz; `env`
    adds to or overrides their environment (bench/scale.py paces them at Telegram's 30/s)."""
    processes, bases = [], []
    for i in range(first, first + count):
        port = _free_port()
        env_i = {
            **os.environ,
            "BOT_TOKEN": token,
            "TELEGRAM_API_URL": api_url,
            "DATABASE_URL": PG + database,
            "REDIS_URL": REDIS_URL,
            "WEBHOOK_URL": "https://bench.invalid/telegram",
            "WEBHOOK_SECRET": SECRET,
            "WEBHOOK_LISTEN": f"127.0.0.1:{port}",
            "TELEGRAM_RATE": "10000",
            "BROADCAST_RATE": "1000",
            "INSTANCE_ID": f"bench-{i}",
            "LOG_LEVEL": "WARNING",
            **(env or {}),
        }
        processes.append(subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT, env=env_i))
        bases.append(f"http://127.0.0.1:{port}")
    async with aiohttp.ClientSession() as session:
        for base in bases:
            deadline = time.monotonic() + 120
            while True:
                try:
                    async with session.get(base + "/readyz") as r:
                        if r.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                if time.monotonic() > deadline or any(p.poll() is not None for p in processes):
                    raise RuntimeError(f"an instance did not start ({base})")
                await asyncio.sleep(0.2)
    return processes, bases


def stop_instances(processes: list) -> None:
    """SIGTERM (the drain a deployment's stop gives), SIGKILL after 40 s."""
    for p in processes:
        if p.poll() is None:
            p.terminate()
    for p in processes:
        try:
            p.wait(timeout=40)
        except subprocess.TimeoutExpired:
            p.kill()


async def measure(count: int, updates: int, concurrency: int) -> dict[str, float]:
    database = f"bench_webhook_{count}_{int(time.time())}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    emu = Emulator(global_rate=None, chat_rate=None)
    await emu.start()
    processes: list = []
    token = _token()
    try:
        processes, bases = await start_instances(emu.base_url, database, token, count)
        latencies: list[float] = []
        gate = asyncio.Semaphore(concurrency)
        async with aiohttp.ClientSession() as session:

            async def one(i: int) -> None:
                user = emu.user(50_000 + i, language_code="kk" if i % 2 else "ru")
                async with gate:
                    await user.send("/helplines")
                    update = emu.updates.pending[-1]
                    emu.updates.forget(update["update_id"])
                    started = time.perf_counter()
                    url = bases[i % len(bases)] + "/telegram"
                    async with session.post(url, json=update, headers={HEADER: SECRET}) as r:
                        assert r.status == 200, r.status
                    await user.next_message(timeout=60)
                    latencies.append(time.perf_counter() - started)

            # Warm-up: every instance has run each code path once.
            await asyncio.gather(*(one(-1 - i) for i in range(3 * count)))
            latencies.clear()
            started = time.perf_counter()
            await asyncio.gather(*(one(i) for i in range(updates)))
            elapsed = time.perf_counter() - started
    finally:
        stop_instances(processes)
        await emu.stop()
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", database], check=False)
        await forget_redis_keys(token)
    latencies.sort()
    return {
        "rate": updates / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000,
        "exits": sum(1 for p in processes if p.returncode not in (0, -15)),
    }


async def main(args: argparse.Namespace) -> None:
    print(f"webhook mode, PostgreSQL + Redis, {args.updates} /helplines updates, {args.concurrency} at once")
    for count in (int(c) for c in args.instances.split(",")):
        figures = await measure(count, args.updates, args.concurrency)
        print(
            f"  {count} instance{'s' if count > 1 else ' '}: {figures['rate']:7.1f} updates/s, "
            f"p50 {figures['p50']:6.1f} ms, p99 {figures['p99']:6.1f} ms"
            + (f", {figures['exits']:.0f} unclean exits" if figures["exits"] else "")
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=60)
    parser.add_argument("--instances", default="1,3")
    asyncio.run(main(parser.parse_args()))
