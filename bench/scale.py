"""Scale-out in one run (issue 17): several instances on PostgreSQL and Redis against one emulator.

Usage: .venv/bin/python bench/scale.py [--quick] [--recipients 20000] [--json FILE]
  (a) 3 bot instances, each a real `python -m bot` process in webhook mode (bench/webhook.py starts them)
      on one fresh PostgreSQL database and one Redis (a fresh bot token, so fresh keys), BROADCAST_RATE=30,
      and one emulator process for all three enforcing Telegram's limits (30/s overall, burst 30; 1/s per
      chat, burst 3): one post to --recipients parents. Aggregate rate (sendMessage over the steady part,
      first and last 5% left out) as a share of 30/s, duplicates (messages beyond one per parent), lost, and
      the 429s the emulator answered.
  (b) a second post to about --kill-recipients parents; one instance is SIGKILLed when --kill-at of them have
      it. The other two take its rows once their lease (OUTBOX_LEASE_SECONDS=--lease) runs out. Lost,
      doubles, against "in flight": the killed sender's unrecorded sends, counted at the kill as its leased
      rows still pending in the database whose parent the emulator had already served (every one is sent
      again), and their bound, the sender's concurrency (a send slot is freed only once its row is recorded).
  (e) the killed instance restarted under its id; a third post at the limit, and meanwhile /helplines from
      --askers parents in turn at --ask-rate updates/s for --ask-seconds, POSTed to the three instances in
      turn (the emulator process plays the proxy too): reply latency from the POST to the reply reaching the
      emulator, p50/p99, and the broadcast's own rate meanwhile; first the same load with no broadcast, for
      what the machine itself costs a reply.
  (c) webhook mode: bench/webhook.py's measure() for 1 and 3 instances (limits lifted).
  (d) paid mode: bench/paid.py's measure_paid(--paid-recipients), when that file exists.
--quick: 2,000 recipients (about 6 minutes; the full run about 20). Needs PostgreSQL at 127.0.0.1:5432
(trust) and Redis at 127.0.0.1:6379 (database 15, or BENCH_REDIS_URL).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import webhook  # noqa: E402
from bench.broadcast import USER_BASE, add_post, get_json, post_status, prepare_database, reach  # noqa: E402
from bench.broadcast import steady_rate as steady  # noqa: E402

LIMIT = 30.0  # Telegram's free limit, shared by the instances (BROADCAST_RATE)
INSTANCES = 3
ASKER_BASE = 50_000  # /helplines askers: ids below the recipients'
PG_DATABASE = str(ROOT / ".ci" / "pg_database.py")  # creates and drops a throw-away database


# The emulator process -----------------------------------------------------------------------------------


def _chat(params: dict[str, Any]) -> int:
    try:
        return int(params.get("chat_id", 0))
    except (TypeError, ValueError):
        return 0


async def serve_emulator(recipients: int, port_file: Path) -> None:
    """Telegram for every instance, its limits in force; /_bench/* tell what arrived since the last phase."""
    from aiohttp import web

    from bot.emulator import Emulator

    emu = Emulator()
    for i in range(recipients):
        reach(emu, USER_BASE + i)
    mark = {"sent": 0, "calls": 0, "throttled": 0, "rejections": 0}

    def since() -> tuple[list[dict[str, Any]], list[Any]]:
        return emu.world.sent[mark["sent"] :], emu.calls[mark["calls"] :]

    async def phase(_: web.Request) -> web.Response:
        mark.update(
            sent=len(emu.world.sent),
            calls=len(emu.calls),
            throttled=len(emu.throttled),
            rejections=len(emu.rejections),
        )
        return web.json_response(mark)

    async def count(_: web.Request) -> web.Response:
        return web.json_response({"messages": len(emu.world.sent) - mark["sent"]})

    async def received(_: web.Request) -> web.Response:
        sent, calls = since()
        per_chat = Counter(m["chat_id"] for m in sent if m["chat_id"] >= USER_BASE)
        times = [c.at for c in calls if c.method == "sendMessage" and _chat(c.params) >= USER_BASE]
        return web.json_response(
            {
                "chats": sorted(per_chat),
                "messages": sum(per_chat.values()),
                "copies": dict(Counter(per_chat.values())),
                "times": times,
                "429s": len(emu.throttled) - mark["throttled"],
                "rejections": [r.description for r in emu.rejections[mark["rejections"] :]][:5],
                "emulator_errors": len(emu.errors),
            }
        )

    async def ask(request: web.Request) -> web.Response:
        return web.json_response(await ask_helplines(emu, **(await request.json())))

    router = emu._server.app.router
    router.add_post("/_bench/phase", phase)
    router.add_get("/_bench/count", count)
    router.add_get("/_bench/received", received)
    router.add_post("/_bench/ask", ask)
    await emu.start()
    port_file.write_text(emu.base_url)
    await asyncio.Event().wait()


async def ask_helplines(
    emu: Any, targets: list[str], secret: str, rate: float, seconds: float, askers: int, warmup: int
) -> dict[str, Any]:
    """/helplines at `rate` updates/s, each update POSTed (as Telegram would) to the targets in turn; the
    latency is from the POST to the reply arriving here. Sent at a fixed pace, not in lockstep bursts."""
    latencies: list[float] = []
    slowest: list[tuple[float, float, int]] = []  # (latency, seconds into the run, instance)
    failures: Counter[str] = Counter()
    first = time.time()

    async def one(http: aiohttp.ClientSession, i: int, keep: bool) -> None:
        user = emu.user(ASKER_BASE + i % askers, language_code="kk" if i % 2 else "ru")
        await user.send("/helplines")
        update = emu.updates.pending[-1]
        emu.updates.forget(update["update_id"])
        started = time.perf_counter()
        try:
            url = targets[i % len(targets)] + "/telegram"
            async with http.post(url, json=update, headers={webhook.HEADER: secret}) as r:
                if r.status != 200:
                    failures[f"http {r.status}"] += 1
                    return
            await user.next_message(timeout=30)
        except Exception as exc:  # counted, not raised: the run goes on
            failures[type(exc).__name__] += 1
            return
        if keep:
            latencies.append(time.perf_counter() - started)
            slowest.append((latencies[-1], time.time() - first, i % len(targets)))

    async with aiohttp.ClientSession() as http:
        # Warm-up: every instance has run the path (and the askers exist in the database) before timing.
        for w in range(warmup):
            await one(http, w, keep=False)
        await asyncio.sleep(1.0)
        first = time.time()  # the clock of emu.calls
        tasks = []
        for i in range(int(rate * seconds)):
            await asyncio.sleep(max(0.0, first + i / rate - time.time()))
            tasks.append(asyncio.create_task(one(http, warmup + i, keep=True)))
        await asyncio.gather(*tasks)
        last = time.time()
    window = [c for c in emu.calls if c.method == "sendMessage" and first <= c.at <= last]
    broadcast = sum(1 for c in window if _chat(c.params) >= USER_BASE)
    return {
        "latencies": latencies,
        "failures": dict(failures),
        "slowest": [(round(s * 1000), round(at, 2), n) for s, at, n in sorted(slowest, reverse=True)[:8]],
        "seconds": last - first,
        "broadcast_per_s": broadcast / (last - first),
        "all_sends_per_s": len(window) / (last - first),
    }


# The cluster --------------------------------------------------------------------------------------------


class Cluster:
    """One fresh database, one emulator process, INSTANCES bot processes; everything removed at the end."""

    def __init__(self, recipients: int, lease: float) -> None:
        self.recipients = recipients
        self.lease = lease
        self.database = f"bench_scale_{os.getpid()}_{int(time.time())}"
        self.url = webhook.PG + self.database
        self.token = webhook._token()
        # All of Telegram's 30/s for the bot (TELEGRAM_RATE defaults to 28, a margin) and for broadcasts.
        self.env = {
            "TELEGRAM_RATE": f"{LIMIT:g}",
            "BROADCAST_RATE": f"{LIMIT:g}",
            "OUTBOX_LEASE_SECONDS": f"{lease:g}",
        }
        self.processes: list[subprocess.Popen[bytes]] = []
        self.bases: list[str] = []
        self.api = ""
        self._emulator: subprocess.Popen[bytes] | None = None
        self._tmp = tempfile.TemporaryDirectory(prefix="bench-scale-")

    async def __aenter__(self) -> Cluster:
        subprocess.run([sys.executable, PG_DATABASE, "create", self.database], check=True)
        await prepare_database(self.url, self.recipients)
        port_file = Path(self._tmp.name) / "emulator.url"
        self._emulator = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--role",
                "emulator",
                "--recipients",
                str(self.recipients),
                "--port-file",
                str(port_file),
            ]
        )
        while not port_file.exists() or not port_file.read_text():
            if self._emulator.poll() is not None:
                raise RuntimeError("the emulator process did not start")
            await asyncio.sleep(0.1)
        self.api = port_file.read_text()
        self.processes, self.bases = await webhook.start_instances(
            self.api, self.database, self.token, INSTANCES, self.env
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        webhook.stop_instances(self.processes)
        if self._emulator is not None:
            self._emulator.send_signal(signal.SIGTERM)
            self._emulator.wait()
        subprocess.run([sys.executable, PG_DATABASE, "drop", self.database], check=False)
        await webhook.forget_redis_keys(self.token)
        self._tmp.cleanup()

    async def restart(self, index: int) -> None:
        processes, bases = await webhook.start_instances(
            self.api, self.database, self.token, 1, self.env, first=index
        )
        self.processes[index], self.bases[index] = processes[0], bases[0]

    async def phase(self) -> None:
        async with aiohttp.ClientSession() as http, http.post(self.api + "/_bench/phase") as r:
            r.raise_for_status()

    async def delivered(self) -> int:
        return int((await get_json(self.api + "/_bench/count"))["messages"])

    async def queue_post(self, districts: int | None = None) -> tuple[int, int]:
        """A region-wide post (or one to the first `districts` of 10), due at once; returns its id and the
        number of recipients, once an instance has built its outbox."""
        from sqlalchemy import text

        from db.engine import create_engine

        await self.phase()
        post_id = await add_post(self.url)
        engine = create_engine(self.url)
        try:
            if districts is not None:
                audience = {"orgs": [f"D{d}" for d in range(districts)], "grades": None}
                async with engine.begin() as conn:
                    await conn.execute(
                        text("UPDATE posts SET audience = CAST(:a AS JSON) WHERE id = :id"),
                        {"a": json.dumps(audience), "id": post_id},
                    )
            while True:
                async with engine.connect() as conn:
                    total = await conn.scalar(
                        text("SELECT count(*) FROM outbox WHERE post_id = :id"), {"id": post_id}
                    )
                if total:
                    return post_id, int(total)
                await asyncio.sleep(0.2)
        finally:
            await engine.dispose()

    async def until_done(self, post_id: int, total: int, timeout: float) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if await self.delivered() >= total and (await post_status(self.url, post_id))[0] == "done":
                break
            await asyncio.sleep(1.0)
        return time.monotonic() - started

    async def sent_per_instance(self) -> list[float]:
        """bot_messages_sent_total of each instance's /metrics (the instance's own count of its sends)."""
        found = []
        async with aiohttp.ClientSession() as http:
            for base in self.bases:
                try:
                    async with http.get(base + "/metrics") as r:
                        body = await r.text()
                except aiohttp.ClientError:
                    found.append(-1.0)
                    continue
                lines = [ln for ln in body.splitlines() if ln.startswith("bot_messages_sent_total")]
                found.append(float(lines[0].split()[-1]) if lines else -1.0)
        return found


# Phases -------------------------------------------------------------------------------------------------


async def phase_a(cluster: Cluster) -> dict[str, Any]:
    post_id, total = await cluster.queue_post()
    before = await cluster.sent_per_instance()
    wall = await cluster.until_done(post_id, total, timeout=total / LIMIT * 2 + 120)
    after = await cluster.sent_per_instance()
    got = await get_json(cluster.api + "/_bench/received")
    rate = steady(got["times"])
    return {
        "recipients": total,
        "messages": got["messages"],
        "lost": total - len(got["chats"]),
        "duplicates": got["messages"] - len(got["chats"]),
        "rate_per_s": round(rate, 2),
        "share_of_limit": round(rate / LIMIT, 3),
        "telegram_429s": got["429s"],
        "rejections": got["rejections"],
        "sent_per_instance": [round(a - b) for a, b in zip(after, before, strict=True)],
        "wall_s": round(wall, 1),
    }


def in_flight_bound(token: str) -> int:
    """The most sends one instance's sender can have out unrecorded, as BroadcastSender computes it for the
    instances' settings (a send slot is freed only once its row is recorded)."""
    from types import SimpleNamespace

    from bot.broadcast import BroadcastSender
    from bot.clock import Clock
    from bot.factory import build_limiter
    from bot.settings import Settings

    settings = Settings(_env_file=None, bot_token=token, telegram_rate=LIMIT, broadcast_rate=LIMIT)  # type: ignore[call-arg]
    i18n = SimpleNamespace(default_locale="kk")
    sender = BroadcastSender(None, Clock(), i18n, build_limiter(settings))  # type: ignore[arg-type]
    return int(getattr(sender, "in_flight_bound", sender.concurrency))


async def unrecorded_of(cluster: Cluster, post_id: int, owner: str) -> tuple[int, int]:
    """The killed sender's rows still leased and pending, and how many of those parents already got it."""
    from sqlalchemy import text

    from db.engine import create_engine

    engine = create_engine(cluster.url)
    try:
        async with engine.connect() as conn:
            chats = set(
                await conn.scalars(
                    text(
                        "SELECT chat_id FROM outbox WHERE post_id = :id AND status = 'pending' "
                        "AND lease_owner = :owner"
                    ),
                    {"id": post_id, "owner": owner},
                )
            )
    finally:
        await engine.dispose()
    served = set((await get_json(cluster.api + "/_bench/received"))["chats"])
    return len(chats), len(chats & served)


async def phase_b(cluster: Cluster, kill_recipients: int, kill_at: float) -> dict[str, Any]:
    districts = max(1, min(10, round(10 * kill_recipients / cluster.recipients)))
    post_id, total = await cluster.queue_post(districts)
    victim = INSTANCES - 1
    while await cluster.delivered() < total * kill_at:
        await asyncio.sleep(0.05)
    cluster.processes[victim].send_signal(signal.SIGKILL)
    cluster.processes[victim].wait()
    killed_after = await cluster.delivered()
    # Its leases hold for --lease seconds, so nobody else sends these rows before this look.
    leased, unrecorded = await unrecorded_of(cluster, post_id, f"bench-{victim}")
    wall = await cluster.until_done(post_id, total, timeout=total / LIMIT * 2 + cluster.lease + 120)
    got = await get_json(cluster.api + "/_bench/received")
    return {
        "recipients": total,
        "killed_after_messages": killed_after,
        "lost": total - len(got["chats"]),
        "doubles": got["messages"] - len(got["chats"]),
        "in_flight_unrecorded": unrecorded,
        "in_flight_bound": in_flight_bound(cluster.token),
        "rows_it_held": leased,
        "lease_s": cluster.lease,
        "telegram_429s": got["429s"],
        "rejections": got["rejections"],
        "wall_s": round(wall, 1),
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(len(ordered) * q) - 1))] if ordered else float("nan")


async def ask(cluster: Cluster, rate: float, seconds: float, askers: int) -> dict[str, Any]:
    """The emulator process asks (/_bench/ask); latencies from the POST to the reply, in ms."""
    body = {
        "targets": cluster.bases,
        "secret": webhook.SECRET,
        "rate": rate,
        "seconds": seconds,
        "askers": askers,
        "warmup": 2 * INSTANCES,
    }
    timeout = aiohttp.ClientTimeout(total=seconds + 120)
    async with (
        aiohttp.ClientSession(timeout=timeout) as http,
        http.post(cluster.api + "/_bench/ask", json=body) as r,
    ):
        found = await r.json()
    latencies = [x * 1000 for x in found["latencies"]]
    return {
        "updates_per_s": rate,
        "replies": len(latencies),
        "failures": found["failures"],
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1),
        "max_ms": round(max(latencies), 1) if latencies else None,
        "slowest_ms_at_s_instance": found["slowest"],
        "broadcast_per_s_meanwhile": round(found["broadcast_per_s"], 1),
        "all_sends_per_s_meanwhile": round(found["all_sends_per_s"], 1),
    }


async def phase_e(cluster: Cluster, rate: float, seconds: float, askers: int) -> dict[str, Any]:
    await cluster.restart(INSTANCES - 1)  # the killed one, under its id
    # First with nothing else going on: what the machine itself costs a reply.
    idle = await ask(cluster, rate, seconds, askers)
    _, total = await cluster.queue_post()
    while await cluster.delivered() < min(total // 2, 3 * LIMIT):  # the broadcast is at the limit
        await asyncio.sleep(0.1)
    during = await ask(cluster, rate, seconds, askers)
    got = await get_json(cluster.api + "/_bench/received")
    return {**during, "telegram_429s": got["429s"], "idle": idle}


async def webhook_figures(updates: int, concurrency: int) -> dict[str, Any]:
    out = {}
    for count in (1, INSTANCES):
        figures = await webhook.measure(count, updates, concurrency)
        out[str(count)] = {
            "updates_per_s": round(figures["rate"], 1),
            "p50_ms": round(figures["p50"], 1),
            "p99_ms": round(figures["p99"], 1),
        }
    return out


def paid_figures(recipients: int) -> Any:
    """bench/paid.py's measure_paid, outside any event loop."""
    from bench.paid import measure_paid

    return asyncio.run(measure_paid(recipients))


# Entry --------------------------------------------------------------------------------------------------


def parse() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="2,000 recipients, shorter loads")
    p.add_argument("--only", default="a,b,e,c,d", help="phases to run (b and e run after a's cluster start)")
    p.add_argument("--recipients", type=int, default=20_000)
    p.add_argument("--kill-recipients", type=int, default=4_000)
    p.add_argument("--kill-at", type=float, default=0.4)
    p.add_argument("--lease", type=float, default=10.0, help="OUTBOX_LEASE_SECONDS of the instances")
    p.add_argument("--ask-rate", type=float, default=20.0)
    p.add_argument("--ask-seconds", type=float, default=30.0)
    p.add_argument("--askers", type=int, default=100)
    p.add_argument("--webhook-updates", type=int, default=600)
    p.add_argument("--webhook-concurrency", type=int, default=60)
    p.add_argument("--paid-recipients", type=int, default=20_000)
    p.add_argument("--json", help="also write the figures to this file")
    p.add_argument("--role", default="main", help=argparse.SUPPRESS)
    p.add_argument("--port-file", help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.quick:
        args.recipients, args.kill_recipients, args.ask_seconds = 2_000, 1_000, 15.0
        args.webhook_updates, args.paid_recipients = 200, 2_000
    return args


async def cluster_figures(args: argparse.Namespace, only: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    async with Cluster(args.recipients, args.lease) as cluster:
        if "a" in only:
            out["a"] = await phase_a(cluster)
            print("(a)", json.dumps(out["a"]), flush=True)
        if "b" in only:
            out["b"] = await phase_b(cluster, args.kill_recipients, args.kill_at)
            print("(b)", json.dumps(out["b"]), flush=True)
        if "e" in only:
            out["e"] = await phase_e(cluster, args.ask_rate, args.ask_seconds, args.askers)
            print("(e)", json.dumps(out["e"]), flush=True)
    return out


def table(figures: dict[str, Any]) -> str:
    lines = ["", "=== bench/scale.py ==="]
    if a := figures.get("a"):
        lines.append(
            f"(a) {INSTANCES} instances, {a['recipients']} recipients, shared {LIMIT:g}/s: "
            f"{a['rate_per_s']}/s = {a['share_of_limit']} of the limit; duplicates {a['duplicates']}, "
            f"lost {a['lost']}, Telegram 429s {a['telegram_429s']}; "
            f"sent per instance {a['sent_per_instance']}"
        )
    if b := figures.get("b"):
        lines.append(
            f"(b) SIGKILL of one at {b['killed_after_messages']}/{b['recipients']}: lost {b['lost']}, "
            f"doubles {b['doubles']} <= in flight (unrecorded sends at the kill) {b['in_flight_unrecorded']} "
            f"<= sender's bound {b['in_flight_bound']}; 429s {b['telegram_429s']}"
        )
    if c := figures.get("c"):
        for count, f in c.items():
            lines.append(
                f"(c) webhook, {count} instance(s): {f['updates_per_s']} updates/s, "
                f"p50 {f['p50_ms']} ms, p99 {f['p99_ms']} ms"
            )
    if "d" in figures:
        d = figures["d"]
        if d is None:
            lines.append("(d) paid: not available (no bench/paid.py)")
        else:
            try:
                lines.append(
                    f"(d) paid, {d['recipients']} recipients: sender {d['sender_messages_per_s']:.0f} msg/s, "
                    f"{d['sender_cpu_ms_per_message']} ms CPU/message; bare aiogram loop "
                    f"{d['bare_messages_per_s']:.0f} msg/s, {d['bare_cpu_ms_per_message']} ms; "
                    f"ratio {d['cpu_ratio_sender_to_bare']}; 429s {d.get('emulator_429s')}"
                )
            except (KeyError, TypeError):
                lines.append(f"(d) paid: {json.dumps(d)}")
    if e := figures.get("e"):
        lines.append(
            f"(e) /helplines at {e['updates_per_s']:g}/s during a broadcast at the limit: "
            f"p50 {e['p50_ms']} ms, p99 {e['p99_ms']} ms, max {e['max_ms']} ms ({e['replies']} replies, "
            f"failures {e['failures']}); broadcast meanwhile {e['broadcast_per_s_meanwhile']}/s, "
            f"all sends {e['all_sends_per_s_meanwhile']}/s; 429s {e['telegram_429s']}"
        )
        idle = e["idle"]
        lines.append(
            f"    the same load with no broadcast: p50 {idle['p50_ms']} ms, p99 {idle['p99_ms']} ms, "
            f"max {idle['max_ms']} ms"
        )
    return "\n".join(lines)


def main() -> None:
    args = parse()
    if args.role == "emulator":
        asyncio.run(serve_emulator(args.recipients, Path(args.port_file)))
        return
    only = set(args.only.split(","))
    started = time.monotonic()
    figures: dict[str, Any] = {}
    if only & {"a", "b", "e"}:
        figures.update(asyncio.run(cluster_figures(args, only)))
    if "c" in only:
        figures["c"] = asyncio.run(webhook_figures(args.webhook_updates, args.webhook_concurrency))
    if "d" in only:
        figures["d"] = paid_figures(args.paid_recipients)
    figures["wall_s"] = round(time.monotonic() - started, 1)
    print(table(figures))
    print(json.dumps(figures))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
