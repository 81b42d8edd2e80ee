"""Family Hour benchmarks against the Bot API emulator: the «Барамын» rush and the 3-day reminders.

Usage: .venv/bin/python bench/events.py [--quick] [--only a,b] [--parents N] [--capacity C] [--going G]
                                        [--pg-url postgresql+asyncpg://postgres@127.0.0.1:5432/<db>]
  (a) RSVP rush: an event with --capacity seats (100) is announced through the real outbox (a scheduled
      Post with event_id, broadcaster.wake()) to --parents parents (2,000; --quick 300); then every parent
      presses «Барамын» on their copy at the same moment. Telegram's limits are lifted on both sides (as in
      bench/updates.py), so this measures the bot. Prints presses answered per second, the latency of the
      toast (answerCallbackQuery) p50/p95/p99, and the outcome: exactly C 'going' and N-C 'waiting' in the
      database, the toasts saying the same, and waiting places 1..N-C each given once ("OK" or "WRONG").
      With --query-ttl 15 a toast later than Telegram allows is refused (the bot drops it), but every parent
      must still get a confirmation and no place may be given twice.
  (b) Reminders: an event with --going parents (5,000; --quick 500) who said they would come. The clock
      (a FrozenClock) is moved to the 3-day reminder moment and EventNotifier is driven directly (its own
      service task is stopped first, so its 60 s tick does not join in): enqueue_reminders (the one
      INSERT ... SELECT) is timed, then run_once, which sends them all. Full run: the emulator enforces
      Telegram's limits (30/s overall, 1/s per chat) and the bot has its default limiter (BROADCAST_RATE 25),
      so the rate is compared with the ~30/s ceiling; --quick lifts the limits on both sides, which gives
      the bot-side rate. Also prints the process's peak RSS (ru_maxrss, and VmHWM over (b) alone).
Both run on SQLite (fresh temp files) by default; with --pg-url on that PostgreSQL database, whose public
schema is dropped and recreated before each part. A database for it:
    .venv/bin/python .ci/pg_database.py create outreach_bench_events
    .venv/bin/python bench/events.py --pg-url postgresql+asyncpg://postgres@127.0.0.1:5432/outreach_bench_events
    .venv/bin/python .ci/pg_database.py drop outreach_bench_events
The emulator runs in the same process and event loop, so its work is counted against the bot: the figures
are a floor. A full run takes about 4 minutes per database, most of it (b) sending at 25/s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Bot, Dispatcher
from sqlalchemy import func, insert, select, text

from bot.clock import KZ, FrozenClock
from bot.emulator import Emulator
from bot.events.notifier import EventNotifier, reminder_due
from bot.factory import Overrides
from bot.outgoing import OutgoingLimiter
from bot.views import event_rsvp as rsvp_views
from bot.views.event_buttons import EventAction, EventCb
from db.engine import create_engine
from db.models import Event, EventAnswer, EventNotice, Organisation, Post, Subscription, User
from domain.enums import Answer, NoticeKind
from tests.support.app import running_app

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=KZ)  # a Monday, out of quiet hours
STARTS = datetime(2026, 12, 12, 18, 0, tzinfo=KZ)  # the Saturday after
ORGANISER = 900_500
PARENT_BASE = 2_000_000
TREE = [
    ("bn-ev-r", "region", None, "Бенч облысы", "Бенч область"),
    ("bn-ev-d", "district", "bn-ev-r", "Бенч ауданы", "Бенч район"),
    ("bn-ev-s", "school", "bn-ev-d", "№ 1 бенч мектебі", "Бенч школа № 1"),
]
SCHOOL = "bn-ev-s"
TOPIC = {"kk": "Жасөспіріммен қалай сөйлесу керек", "ru": "Как говорить с подростком"}
UNLIMITED = (1e9, 1e9, 1e9, 1e9)
# Telegram refuses answerCallbackQuery this long after the press ("query is too old"); the parent's button
# stops spinning with no toast. (a) lifts it by default, so every latency is measured.
TELEGRAM_QUERY_TTL = 15.0


# The app --------------------------------------------------------------------------------------------


@dataclass
class App:
    emu: Emulator
    bot: Bot
    dp: Dispatcher
    clock: FrozenClock


async def fresh_database(url: str) -> None:
    """PostgreSQL: an empty public schema (the app migrates it at start-up). SQLite files are new anyway."""
    if not url.startswith("postgresql"):
        return
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.execute(text("DROP SCHEMA public CASCADE"))
        await conn.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


@contextlib.asynccontextmanager
async def running(
    url: str, limited: bool, query_ttl: float = TELEGRAM_QUERY_TTL, polling_limit: int | None = None
) -> AsyncIterator[App]:
    """The production app against an in-process emulator; limited: Telegram's limits on both sides.
    polling_limit: MAX_CONCURRENT_UPDATES (None: the setting's default, as production runs)."""
    await fresh_database(url)
    emu = (
        Emulator(query_ttl=query_ttl)
        if limited
        else Emulator(global_rate=None, chat_rate=None, query_ttl=query_ttl)
    )
    clock = FrozenClock(NOW)
    limiter = None if limited else OutgoingLimiter(*UNLIMITED)
    polling = {"max_concurrent_updates": polling_limit} if polling_limit else {}
    # tests/support/app.py: the production factory, polling through bot/polling_task.py.
    overrides = Overrides(clock=clock, limiter=limiter)
    async with running_app(url, overrides, emulator=emu, log_level="WARNING", **polling) as app:
        yield App(app.emu, app.bot, app.dp, clock)


def reach(emu: Emulator, user_id: int, language: str) -> Any:
    """The user once started the bot (so it may write to them), without an update for the bot to handle."""
    user = emu.user(user_id, language_code=language)
    user.start_chat()
    return user


def language(i: int) -> str:
    return "kk" if i % 2 else "ru"


async def add_people(app: App, parents: int, capacity: int | None) -> int:
    """The organisation tree, the organiser, `parents` subscribed parents and the event; returns its id."""
    at = NOW.astimezone(UTC)
    users = [{"id": ORGANISER, "language": "kk", "first_seen": at, "last_seen": at}]
    users += [
        {"id": PARENT_BASE + i, "language": language(i), "first_seen": at, "last_seen": at}
        for i in range(parents)
    ]
    subs = [
        {"user_id": PARENT_BASE + i, "org_code": SCHOOL, "grade": str(1 + i % 11), "created_at": at}
        for i in range(parents)
    ]
    async with app.dp["sessionmaker"]() as session:
        for code, kind, parent, kk, ru in TREE:
            session.add(Organisation(code=code, kind=kind, parent_code=parent, name_kk=kk, name_ru=ru))
            await session.flush()
        for begin in range(0, len(users), 5_000):
            await session.execute(insert(User), users[begin : begin + 5_000])
        for begin in range(0, len(subs), 5_000):
            await session.execute(insert(Subscription), subs[begin : begin + 5_000])
        await session.commit()
        if session.bind.dialect.name == "postgresql":
            # A live database has planner statistics (autovacuum analyses it); a bulk fill must ask.
            await session.execute(text("ANALYZE"))
            await session.commit()
    reach(app.emu, ORGANISER, "kk")
    return await add_event(app, capacity)


async def add_event(app: App, capacity: int | None) -> int:
    async with app.dp["sessionmaker"]() as session:
        event = Event(
            kind="family_hour",
            organiser_id=ORGANISER,
            scope_code=SCHOOL,
            audience={"orgs": None, "grades": None},
            topic_kk=TOPIC["kk"],
            topic_ru=TOPIC["ru"],
            place="Мектеп акт залы",
            starts_at=STARTS,
            duration_min=60,
            capacity=capacity,
            status="scheduled",
            revision=1,
            created_at=NOW - timedelta(days=1),
        )
        session.add(event)
        await session.commit()
        return event.id


def quantiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        v = values[0] if values else float("nan")
        return v, v, v
    q = statistics.quantiles(values, n=100, method="inclusive")
    return q[49], q[94], q[98]


# (a) the RSVP rush -----------------------------------------------------------------------------------


async def announce(app: App, event_id: int, users: list[Any]) -> tuple[list[dict[str, Any]], float]:
    """The announcement through the real outbox; returns each parent's copy and how long delivery took."""
    async with app.dp["sessionmaker"]() as session:
        session.add(
            Post(
                author_id=ORGANISER,
                scope_code=SCHOOL,
                text_kk=f"Отбасы сағаты: {TOPIC['kk']}",
                text_ru=f"Семейный час: {TOPIC['ru']}",
                audience={"orgs": None, "grades": None},
                status="scheduled",
                event_id=event_id,
                created_at=NOW,
            )
        )
        await session.commit()
    started = time.perf_counter()
    app.dp["broadcaster"].wake()
    copies = await asyncio.gather(*(u.next_message(timeout=600) for u in users))
    return list(copies), time.perf_counter() - started


class FailureCounter(logging.Handler):
    """Counts what the error handler (handlers/errors.py) logs, instead of printing a traceback a press."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            self.counts["apology"] += 1
        else:  # "update %s failed: %s", the exception's type
            self.counts["update"] += 1
            exc = record.exc_info[1] if record.exc_info else None
            kind = f"{type(exc).__module__}.{type(exc).__name__}: {str(exc)[:90]}" if exc else "?"
            self.kinds[kind] += 1

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        logger = logging.getLogger("handlers.errors")
        logger.addHandler(self)
        logger.propagate = False
        try:
            yield
        finally:
            logger.removeHandler(self)
            logger.propagate = True


def process_cpu() -> float:
    t = os.times()
    return t.user + t.system


async def one_at_a_time(app: App, users: list[Any], copies: list[dict[str, Any]]) -> float:
    """Median toast latency of presses made one after another (no contention), on a second event with the
    same audience, so the rush's event stays untouched."""
    event_id = await add_event(app, capacity=len(users))
    data = EventCb(event_id=event_id, action=EventAction.GOING).pack()
    latencies = []
    for user, copy in zip(users, copies, strict=False):
        started = time.perf_counter()
        await user.press_data(copy, data, timeout=60)
        latencies.append(time.perf_counter() - started)
        await user.next_message(timeout=60)  # the confirmation, so the next press finds the bot idle
    return statistics.median(latencies)


async def bench_a(
    url: str, parents: int, capacity: int, query_ttl: float, polling_limit: int | None
) -> dict[str, Any]:
    failures = FailureCounter()
    async with contextlib.AsyncExitStack() as stack:
        stack.enter_context(failures.installed())
        app = await stack.enter_async_context(
            running(url, limited=False, query_ttl=query_ttl, polling_limit=polling_limit)
        )
        event_id = await add_people(app, parents, capacity)
        users = [reach(app.emu, PARENT_BASE + i, language(i)) for i in range(parents)]
        copies, announce_s = await announce(app, event_id, users)
        with app.dp["i18n"].context():
            going_toasts = {
                loc: rsvp_views.answer_toast(Answer.GOING, True, None, loc) for loc in ("kk", "ru")
            }
            waiting_toasts = {
                loc: re.compile(re.escape(rsvp_views.waiting_toast(987_654, loc)).replace("987654", r"(\d+)"))
                for loc in ("kk", "ru")
            }
        alone = await one_at_a_time(app, users[: min(30, parents)], copies)
        data = EventCb(event_id=event_id, action=EventAction.GOING).pack()
        rejections_before = len(app.emu.rejections)
        sent_before = len(app.emu.sent)
        pressed_at: list[float] = []
        answered_at: list[float | None] = [None] * parents
        answers = []
        cpu_started = process_cpu()
        started = time.perf_counter()
        # Everyone at once: every callback query is queued before the bot fetches the first of them.
        for i, (user, copy) in enumerate(zip(users, copies, strict=True)):
            pressed_at.append(time.perf_counter())
            answer = user.press_data(copy, data)
            answer.query.future.add_done_callback(
                lambda _f, i=i: answered_at.__setitem__(i, time.perf_counter())
            )
            answers.append(answer)

        def refused() -> int:
            """Presses whose answer the emulator refused as too old (only with Telegram's query TTL); the
            error handler's apology is refused as well, hence the distinct ids."""
            return len(
                {
                    r.params.get("callback_query_id")
                    for r in app.emu.rejections[rejections_before:]
                    if r.method == "answerCallbackQuery"
                }
            )

        deadline = time.perf_counter() + 600
        while sum(a.answered for a in answers) + refused() < parents and time.perf_counter() < deadline:
            await asyncio.sleep(0.02)
        handled = time.perf_counter()
        # Each press also gets a confirmation in the parent's chat, sent after its toast; a failed update
        # (a refused toast, a database timeout) sends none, so stop once nothing has come for 2 s.
        last, quiet_since = -1, time.perf_counter()
        while (count := len(app.emu.sent) - sent_before) < parents and time.perf_counter() < deadline:
            if count != last:
                last, quiet_since = count, time.perf_counter()
            elif time.perf_counter() - quiet_since > 2:
                break
            await asyncio.sleep(0.02)
        confirmed = time.perf_counter()
        confirmations = len(app.emu.sent) - sent_before
        cpu = process_cpu() - cpu_started
        async with app.dp["sessionmaker"]() as session:
            rows = await session.execute(
                select(EventAnswer.answer, func.count())
                .where(EventAnswer.event_id == event_id)
                .group_by(EventAnswer.answer)
            )
            counts = dict(rows.all())
        rejections = app.emu.rejections[rejections_before:]
    latencies = [at - pressed_at[i] for i, at in enumerate(answered_at) if at is not None]
    going_said = waiting_said = 0
    places: list[int] = []
    for i, answer in enumerate(answers):
        toast = answer.result
        if toast is None:
            continue
        said = toast.get("text") or ""
        if said == going_toasts[language(i)]:
            going_said += 1
        elif (found := waiting_toasts[language(i)].fullmatch(said)) is not None:
            waiting_said += 1
            places.append(int(found.group(1)))
    going, waiting = counts.get(Answer.GOING.value, 0), counts.get(Answer.WAITING.value, 0)
    places_ok = sorted(places) == list(range(1, parents - capacity + 1))
    # Toasts later than Telegram's 15 s are refused (and dropped by the bot); what must hold is the database,
    # a confirmation for everyone, and no place in line given twice among the toasts that did arrive.
    late_only = all(r.method == "answerCallbackQuery" and "too old" in r.description for r in rejections)
    distinct = len(set(places)) == len(places) and all(1 <= p <= parents - capacity for p in places)
    toasts_ok = (
        places_ok and going_said == capacity and waiting_said == parents - capacity
        if not rejections
        else late_only and distinct and going_said <= capacity
    )
    ok = (
        going == capacity
        and waiting == parents - capacity
        and confirmations == parents
        and toasts_ok
        and not failures.counts
    )
    p50, p95, p99 = quantiles(latencies)
    return {
        "parents": parents,
        "capacity": capacity,
        "query_ttl": query_ttl,
        "polling_limit": polling_limit,
        "announce_s": announce_s,
        "answered": len(latencies),
        "handled_s": handled - started,
        "per_second": parents / (handled - started),
        "confirmed_s": confirmed - started,
        "confirmations": confirmations,
        "p50_ms": p50 * 1000,
        "p95_ms": p95 * 1000,
        "p99_ms": p99 * 1000,
        "max_ms": max(latencies) * 1000 if latencies else float("nan"),
        "later_than_15s": sum(latency > TELEGRAM_QUERY_TTL for latency in latencies),
        "alone_ms": alone * 1000,
        "cpu_share": cpu / (confirmed - started),
        "going": going,
        "waiting": waiting,
        "other": {k: v for k, v in counts.items() if k not in (Answer.GOING.value, Answer.WAITING.value)},
        "going_toasts": going_said,
        "waiting_toasts": waiting_said,
        "places_ok": places_ok,
        "refused": len({r.params.get("callback_query_id") for r in rejections}),
        "failed_updates": failures.counts.get("update", 0),
        "failed_apologies": failures.counts.get("apology", 0),
        "failure_kinds": dict(failures.kinds),
        "rejections": Counter(f"{r.method}: {r.description}" for r in rejections),
        "verdict": "OK" if ok else "WRONG",
    }


# (b) reminders ---------------------------------------------------------------------------------------


def reset_peak_memory() -> None:
    """ "5" resets VmHWM to the current size (Linux 4.0 and later), so (b) is not charged for (a)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def vm_mb(field: str = "VmHWM") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def steady_rate(times: list[float]) -> float:
    """Messages per second over the middle 90% of the sends (start-up and tail left out)."""
    times = sorted(times)
    cut = len(times) // 20
    middle = times[cut : len(times) - cut]
    if len(middle) < 2 or middle[-1] == middle[0]:
        return float("nan")
    return (len(middle) - 1) / (middle[-1] - middle[0])


async def bench_b(url: str, going: int, limited: bool) -> dict[str, Any]:
    async with running(url, limited=limited) as app:
        event_id = await add_people(app, going, capacity=None)
        answered = NOW.astimezone(UTC)
        rows = [
            {"event_id": event_id, "user_id": PARENT_BASE + i, "answer": "going", "answered_at": answered}
            for i in range(going)
        ]
        async with app.dp["sessionmaker"]() as session:
            for begin in range(0, len(rows), 5_000):
                await session.execute(insert(EventAnswer), rows[begin : begin + 5_000])
            await session.commit()
        for i in range(going):
            reach(app.emu, PARENT_BASE + i, language(i))
        notifier: EventNotifier = app.dp["event_notifier"]
        await notifier.stop()  # driven from here; its own tick would otherwise join in after 60 s
        due = reminder_due(STARTS, NoticeKind.REMIND_3D)
        app.clock.advance(due - app.clock.now())
        now = app.clock.now()
        calls_before = len(app.emu.calls_to("sendMessage"))
        reset_peak_memory()
        rss_before = vm_mb("VmRSS")
        started = time.perf_counter()
        written = await notifier.enqueue_reminders(now)
        enqueued = time.perf_counter()
        sent = await notifier.run_once(now)
        finished = time.perf_counter()
        calls = app.emu.calls_to("sendMessage")[calls_before:]
        to_parents = [c for c in calls if int(c.params.get("chat_id", 0)) >= PARENT_BASE]
        per_chat = Counter(int(c.params["chat_id"]) for c in to_parents)
        async with app.dp["sessionmaker"]() as session:
            statuses = dict(
                (
                    await session.execute(
                        select(EventNotice.status, func.count())
                        .where(EventNotice.event_id == event_id)
                        .group_by(EventNotice.status)
                    )
                ).all()
            )
        throttled, rejections = len(app.emu.throttled), len(app.emu.rejections)
    send_s = finished - enqueued
    ok = (
        written == going
        and sent == going
        and len(per_chat) == going
        and set(per_chat.values()) == {1}
        and statuses == {"sent": going}
    )
    return {
        "going": going,
        "limited": limited,
        "written": written,
        "enqueue_s": enqueued - started,
        "sent": sent,
        "send_s": send_s,
        "per_second": sent / send_s if send_s else float("nan"),
        "steady_per_second": steady_rate([c.at for c in to_parents]),
        "statuses": statuses,
        "429s": throttled,
        "rejections": rejections,
        "vm_hwm_mb": vm_mb(),
        "rss_before_mb": rss_before,
        "ru_maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "verdict": "OK" if ok else "WRONG",
    }


# Entry ---------------------------------------------------------------------------------------------


def report_a(r: dict[str, Any]) -> None:
    ttl = (
        f"Telegram's {r['query_ttl']:.0f} s callback TTL in force"
        if r["query_ttl"] <= TELEGRAM_QUERY_TTL
        else "callback TTL lifted"
    )
    print(
        f"(a) RSVP rush, limits lifted, {ttl}, updates at once {r['polling_limit'] or 'default (40)'}: "
        f"{r['parents']:,} parents, capacity {r['capacity']}; "
        f"the announcement reached all of them in {r['announce_s']:.1f} s"
    )
    print(
        f"    {r['parents']:,} presses handled in {r['handled_s']:.2f} s = {r['per_second']:.0f} presses/s; "
        f"toast latency p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms, "
        f"max {r['max_ms']:.0f} ms; toasts later than 15 s (Telegram would refuse them): "
        f"{r['later_than_15s']:,}"
    )
    print(
        f"    {r['confirmations']:,} confirmations sent after {r['confirmed_s']:.2f} s; process CPU "
        f"meanwhile {r['cpu_share']:.0%} of one core (bot and emulator together); one press at a time, no "
        f"contention: toast in {r['alone_ms']:.0f} ms (median of 30)"
    )
    extra = f", other answers {r['other']}" if r["other"] else ""
    problems = ""
    if r["rejections"] or r["failed_updates"]:
        problems = (
            f"; toasts refused as too old {r['refused']:,}, updates failed {r['failed_updates']:,} "
            f"{r['failure_kinds']} (apologies refused {r['failed_apologies']:,}), "
            f"emulator rejections {dict(r['rejections'])}"
        )
    print(
        f"    outcome: going {r['going']} (want {r['capacity']}), waiting {r['waiting']} "
        f"(want {r['parents'] - r['capacity']}){extra}; toasts: going {r['going_toasts']}, "
        f"waiting {r['waiting_toasts']}, places 1..{r['parents'] - r['capacity']} each once: "
        f"{'yes' if r['places_ok'] else 'no'}{problems} -> {r['verdict']}"
    )


def report_b(r: dict[str, Any]) -> None:
    if r["limited"]:
        how = "Telegram's limits in force, the bot's default limiter"
        against = f" ({r['steady_per_second'] / 30:.0%} of the ~30/s ceiling)"
    else:
        how = "limits lifted (the bot-side rate)"
        against = ""
    print(f"(b) 3-day reminders, {how}: {r['going']:,} going parents")
    print(
        f"    enqueue (INSERT ... SELECT): {r['written']:,} rows in {r['enqueue_s'] * 1000:.0f} ms; "
        f"sent {r['sent']:,} in {r['send_s']:.1f} s = {r['per_second']:.1f} messages/s, "
        f"steady {r['steady_per_second']:.1f}/s{against}"
    )
    print(
        f"    notices {r['statuses']}, 429s {r['429s']}, rejections {r['rejections']}; "
        f"peak RSS: process {r['ru_maxrss_mb']:.0f} MB (ru_maxrss), during (b) {r['vm_hwm_mb']:.0f} MB "
        f"(VmHWM; {r['rss_before_mb']:.0f} MB before it) -> {r['verdict']}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default="a,b")
    parser.add_argument("--quick", action="store_true", help="small sizes, limits lifted in (b)")
    parser.add_argument("--parents", type=int, help="(a) parents pressing at once (2,000; --quick 300)")
    parser.add_argument("--capacity", type=int, default=100, help="(a) seats")
    parser.add_argument(
        "--query-ttl",
        type=float,
        default=3600.0,
        help="(a) seconds the emulator accepts a callback answer (Telegram: 15; lifted by default)",
    )
    parser.add_argument(
        "--polling-limit",
        type=int,
        help="(a) MAX_CONCURRENT_UPDATES, the updates handled at once (default: the setting's, 40)",
    )
    parser.add_argument("--going", type=int, help="(b) going parents to remind (5,000; --quick 500)")
    parser.add_argument("--pg-url", help="postgresql+asyncpg://... (its public schema is dropped!)")
    args = parser.parse_args()
    parents = args.parents or (300 if args.quick else 2_000)
    going = args.going or (500 if args.quick else 5_000)
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="bench-events-") as tmp:
        db = "PostgreSQL " + args.pg_url.split("@")[-1] if args.pg_url else "SQLite (fresh temp files)"
        print(f"database: {db}{'; --quick' if args.quick else ''}", flush=True)
        if "a" in only:
            url = args.pg_url or f"sqlite+aiosqlite:///{Path(tmp) / 'a.sqlite3'}"
            report_a(
                await bench_a(url, parents, min(args.capacity, parents), args.query_ttl, args.polling_limit)
            )
            sys.stdout.flush()
        if "b" in only:
            url = args.pg_url or f"sqlite+aiosqlite:///{Path(tmp) / 'b.sqlite3'}"
            report_b(await bench_b(url, going, limited=not args.quick))


if __name__ == "__main__":
    asyncio.run(main())
