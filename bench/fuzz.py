"""Fuzzing the bot (issue 16, item 14): ten thousand generated updates of every kind, through the emulator.

Usage: .venv/bin/python bench/fuzz.py [--updates 10000] [--seed 1] [--batch 4]
Hypothesis draws the updates (tests/support/fuzz.py: any Unicode, entities, media and captions, callback
data random or mutated from the bot's own buttons and CallbackData prefixes, inline queries, blocks and
group membership changes, edited and group messages) for a cast of a stranger, a parent, a psychologist, a
coordinator and the admin; they go to the real Dispatcher in bursts of up to --batch. Prints the updates per
kind, exceptions, requests Telegram would reject, unanswered presses and the time; exit 1 if any problem.
Flood control and pacing are lifted (they would drop or slow the bursts); Telegram's content limits stay.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter
from tests.support.app import running_app
from tests.support.fuzz import Action, Fuzzer, Outcome, Problem, actions, printable, real_prefixes

UPDATE_ID = re.compile(r"update \d+")


def generate(count: int, batch: int, chosen_seed: int) -> list[list[Action]]:
    """Bursts of actions until `count` actions, drawn by hypothesis from a fixed seed."""
    bursts: list[list[Action]] = []
    total = [0]
    strategy = st.lists(actions(real_prefixes()), min_size=1, max_size=batch)

    @seed(chosen_seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(burst: list[Action]) -> None:
        if total[0] < count:
            bursts.append(burst)
            total[0] += len(burst)

    while total[0] < count:
        collect()
        chosen_seed += 1
        collect = seed(chosen_seed)(collect)
    return bursts


async def fuzz(count: int, batch: int, chosen_seed: int) -> int:
    started = time.perf_counter()
    bursts = generate(count, batch, chosen_seed)
    generated = time.perf_counter() - started
    outcome = Outcome()
    with tempfile.TemporaryDirectory(prefix="outreach-fuzz-") as folder:
        url = f"sqlite+aiosqlite:///{Path(folder) / 'fuzz.sqlite3'}"
        overrides = Overrides(flood=FloodControl(limit=10**9), limiter=OutgoingLimiter(1e9, 1e9, 1e9, 1e9))
        emulator = Emulator(global_rate=None, chat_rate=None)
        async with running_app(url, overrides, emulator=emulator) as app:
            fuzzer = Fuzzer(app)
            await fuzzer.set_up()
            fed = time.perf_counter()
            try:
                for n, burst in enumerate(bursts, 1):
                    await fuzzer.run(burst, outcome)
                    if n % 500 == 0:
                        print(f"  … {sum(outcome.kinds.values())} actions, {len(outcome.problems)} problems")
            finally:
                fuzzer.tear_down()
            feeding = time.perf_counter() - fed
            calls = len(app.emu.calls)
            blocked = fuzzer.blocked_refusals
    actions_total = sum(outcome.kinds.values())
    print(f"seed {chosen_seed}, bursts of up to {batch}: {len(bursts)} bursts")
    print(f"actions generated: {actions_total} (hypothesis, {generated:.1f} s)")
    for kind, n in sorted(outcome.kinds.items()):
        print(f"  {kind:<20} {n}")
    print(f"updates delivered to the bot: {outcome.updates}")
    print(f"requests the bot made: {calls}")
    print(f"exceptions (error handler or aiogram): {outcome.count('exception')}")
    print(f"requests Telegram would reject: {outcome.count('rejected')}")
    print(f"presses and inline queries left unanswered: {outcome.count('unanswered')}")
    print(f"emulator internal errors: {outcome.count('emulator')}")
    print(f"replies refused because the user had just blocked the bot (expected): {blocked}")
    print(f"time feeding: {feeding:.1f} s ({outcome.updates / feeding:.0f} updates/s)")
    groups: dict[str, list[Problem]] = {}
    for problem in outcome.problems:
        detail = UPDATE_ID.sub("update N", problem.detail)
        groups.setdefault(f"{problem.what}: {detail}", []).append(problem)
    for detail, found in sorted(groups.items(), key=lambda g: -len(g[1])):
        print(f"  {len(found)} × {detail}")
        shown = Counter(printable(p.action) for p in found if p.action is not None)
        for example, n in shown.most_common(6):
            print(f"      {n} × {example}")
    return 1 if outcome.problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--updates", type=int, default=10_000, help="actions to generate (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch", type=int, default=4, help="largest burst fed at once")
    args = parser.parse_args()
    return asyncio.run(fuzz(args.updates, args.batch, args.seed))


if __name__ == "__main__":
    raise SystemExit(main())
