"""The crisis lane: a crisis phrase gets 111 and 112 at once; the text is never stored or logged."""

import asyncio
import logging
import time
from pathlib import Path

import pytest
import yaml
from sqlalchemy import text

from db.engine import create_engine
from tests.support.app import RunningApp
from tests.support.chat import button_texts

SAMPLES = yaml.safe_load((Path(__file__).parents[1] / "data" / "crisis_samples.yaml").read_text("utf-8"))


def test_enough_samples_of_each_kind() -> None:
    for locale in ("kk", "ru"):
        assert len(SAMPLES["positive"][locale]) >= 20


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_every_crisis_sample_is_answered_within_a_second(app: RunningApp, locale: str) -> None:
    latencies = []
    for n, sample in enumerate(SAMPLES["positive"][locale]):
        # A new user each time: the per-chat rate limit must not blur the latency we measure.
        user = app.emu.user(30_000 + n, language_code="en")
        started = time.perf_counter()
        await user.send(sample)
        reply = await user.next_message(timeout=3)
        latencies.append(time.perf_counter() - started)
        assert "111" in reply["text"] and "112" in reply["text"], sample
        kazakh = any(c in reply["text"] for c in "әғқңөұүһі")
        assert kazakh == (locale == "kk"), (sample, reply["text"])
        assert button_texts(reply), "the reply offers all helplines on a button"
    assert max(latencies) < 1.0, f"slowest crisis reply took {max(latencies):.3f} s"
    assert app.emu.rejections == []


async def test_ordinary_messages_get_the_menu_not_the_crisis_reply(app: RunningApp) -> None:
    for n, sample in enumerate(SAMPLES["negative"]["ru"][:5]):
        user = app.emu.user(31_000 + n, language_code="ru")
        await user.send(sample)
        reply = await user.next_message()
        assert "112" not in reply["text"], sample
        assert "Главное меню" in reply["text"]


async def test_crisis_text_is_never_stored_or_logged(
    app: RunningApp, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = SAMPLES["positive"]["ru"][0] + " Айдана 7Б"
    user = app.emu.user(32_000, language_code="ru")
    await user.send("/start")
    await user.next_message()
    await user.send(secret)
    await user.next_message()
    await asyncio.sleep(0.2)
    for record in caplog.records:
        assert secret not in record.getMessage()
        assert "Айдана" not in record.getMessage()
    engine = create_engine(database_url)
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda c: c.dialect.get_table_names(c))
        for table in tables:
            rows = (await conn.execute(text(f"SELECT * FROM {table}"))).all()
            assert "Айдана" not in repr(rows)
    await engine.dispose()
    if database_url.startswith("sqlite"):
        path = Path(database_url.split("///", 1)[1])
        for file in path.parent.glob(path.name + "*"):
            assert "Айдана".encode() not in file.read_bytes()


async def test_crisis_is_answered_even_when_flooding(app: RunningApp) -> None:
    user = app.emu.user(33_000, language_code="kk")
    for _ in range(25):
        await user.send("сәлем")
    await user.send(SAMPLES["positive"]["kk"][0])
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if any("111" in (m.get("text") or "") and "112" in (m.get("text") or "") for m in user.messages):
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the crisis message was not answered while the user was throttled")
