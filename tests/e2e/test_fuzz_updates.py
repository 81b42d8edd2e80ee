"""Issue 16, item 14: generated updates of every kind reach the real Dispatcher through the emulator.

No exception may reach the error handler (or escape it), no request may be one Telegram would reject, and
every button press and inline query gets its answer. A few hundred updates here, deterministic
(derandomize); bench/fuzz.py runs ten thousand and more.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter
from tests.support.app import running_app
from tests.support.fuzz import KINDS, Action, Fuzzer, Outcome, actions, printable, real_prefixes

PREFIXES = real_prefixes()
OUTCOME = Outcome()


def no_limits() -> Overrides:
    # Flood control and pacing would drop or slow the bursts; what is checked is how each update is handled.
    return Overrides(flood=FloodControl(limit=10**9), limiter=OutgoingLimiter(1e9, 1e9, 1e9, 1e9))


@pytest.fixture
async def fuzzer(database_url: str) -> AsyncIterator[Fuzzer]:
    emulator = Emulator(global_rate=None, chat_rate=None)
    async with running_app(database_url, no_limits(), emulator=emulator) as app:
        fuzz = Fuzzer(app)
        await fuzz.set_up()
        try:
            yield fuzz
        finally:
            fuzz.tear_down()


def test_every_kind_is_generated() -> None:
    assert len(PREFIXES) >= 20, PREFIXES  # the CallbackData classes were found
    seen = set()

    @settings(max_examples=200, derandomize=True, database=None)
    @given(actions(PREFIXES))
    def collect(action: Action) -> None:
        seen.add(action.kind)

    collect()
    assert seen == set(KINDS)


@settings(
    max_examples=150,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(batch=st.lists(actions(PREFIXES), min_size=1, max_size=3))
async def test_generated_updates_raise_nothing_and_break_no_telegram_rule(
    fuzzer: Fuzzer, batch: list[Action]
) -> None:
    problems = await fuzzer.run(batch, OUTCOME)
    assert not problems, "\n".join(f"{p.what}: {p.detail}\n  input: {printable(p.action)}" for p in problems)
