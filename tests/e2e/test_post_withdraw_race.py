"""Stopping a post races its sending: several posts come due at the moment their author presses Yes on each.
Every post ends one way or the other, never both: stopped, with no copy sent, or sent once, with the press
refused. With one instance, and (on PostgreSQL) with a second whose sender may take the posts."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from app.composition import build_app
from bot.clock import KZ, FrozenClock
from bot.emulator import Emulator
from bot.factory import Overrides
from bot.settings import Settings
from bot.views.post_withdraw import WithdrawAct, WithdrawCb
from db.models import AuditRecord, Post
from tests.support import databases
from tests.support.app import ADMIN_ID, TOKEN, running_app
from tests.support.chat import pick_language
from tests.support.org_tree import SCHOOL, add_parent, add_tree, grant
from tests.support.post_steps import t
from tests.support.posts import add_post

PSY, PARENT = 8901, 8902
NOON = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)
DUE = NOON + timedelta(hours=1)
POSTS = 8


@contextlib.asynccontextmanager
async def second_instance(database_url: str, emu: Emulator, clock: FrozenClock) -> AsyncIterator[Any]:
    """One more instance on the same database and emulator, without polling: its sender runs."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        telegram_api_url=emu.base_url,
        database_url=database_url,
        admin_ids=frozenset({ADMIN_ID}),
        instance_id="second",
    )
    bot, dp = build_app(settings, Overrides(clock=clock))
    await dp.emit_startup(bot=bot, **dp.workflow_data)
    try:
        yield dp
    finally:
        await dp.emit_shutdown(bot=bot, **dp.workflow_data)
        await bot.session.close()


@pytest.mark.parametrize(
    "instances",
    [
        1,
        pytest.param(
            2,
            marks=pytest.mark.skipif(
                databases.test_database_url() is None,
                reason="two instances share one PostgreSQL database; SQLite stays one process",
            ),
        ),
    ],
)
@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_each_post_is_either_stopped_or_sent_once(
    database_url: str, instances: int, locale: str
) -> None:
    clock = FrozenClock(NOON)
    emu = Emulator()
    async with (
        running_app(database_url, Overrides(clock=clock), emulator=emu) as app,
        contextlib.AsyncExitStack() as stack,
    ):
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, PSY, "psychologist", SCHOOL)
        parent = emu.user(PARENT)
        await pick_language(parent, "ru")
        await add_parent(sm, PARENT, "ru", (SCHOOL, "5"))
        texts = [f"Сообщение номер {n}." for n in range(POSTS)]
        ids = [
            await add_post(
                sm,
                author_id=PSY,
                scope_code=SCHOOL,
                status="scheduled",
                created_at=NOON,
                text={"kk": f"Хабар нөмірі {n}.", "ru": text},
                silent=True,
                send_at=DUE,
            )
            for n, text in enumerate(texts)
        ]
        senders = [app.dp["broadcaster"]]
        if instances == 2:
            senders.append(
                (await stack.enter_async_context(second_instance(database_url, emu, clock)))["broadcaster"]
            )
        psy = emu.user(PSY, language_code=locale)
        await pick_language(psy, locale)
        base = psy.messages[-1]
        questions = []
        for post_id in ids:
            await psy.press_data(base, WithdrawCb(act=WithdrawAct.ask, post_id=post_id).pack())
            questions.append(await psy.next_message())

        # The time comes as the author presses Yes on every question at once.
        clock.advance(timedelta(hours=1, minutes=1))
        for sender in senders:
            sender.wake()
        answers = await asyncio.gather(
            *(
                psy.press_data(q, WithdrawCb(act=WithdrawAct.yes, post_id=post_id).pack())
                for q, post_id in zip(questions, ids, strict=True)
            )
        )
        statuses = await _settled(sm, ids)
        await asyncio.sleep(0.5)  # a copy sent twice would arrive by now
        async with sm() as session:
            audited = set(
                await session.scalars(
                    select(AuditRecord.post_id).where(AuditRecord.action == "post.withdrawn")
                )
            )

    got = [m.get("text") or "" for m in emu.world.chats[PARENT].messages.values()]
    sorry = (
        "Sorry, post #{id} has already begun to go out to parents, so it can no longer be stopped. "
        "/stats shows how it is delivered."
    )
    for post_id, text, answer in zip(ids, texts, answers, strict=True):
        copies = sum(text in m for m in got)
        if statuses[post_id] == "withdrawn":
            assert copies == 0 and post_id in audited, post_id
            assert not answer.get("show_alert"), answer
        else:
            assert statuses[post_id] == "done", statuses
            assert copies == 1 and post_id not in audited, (post_id, copies)
            assert answer["text"] == t(app, sorry, locale, id=post_id) and answer["show_alert"]
    tally = sorted(statuses.values())
    print(f"{instances} instance(s): {tally.count('withdrawn')} stopped, {tally.count('done')} sent once")
    assert emu.rejections == []


async def _settled(sm: Any, ids: list[int], within: float = 30.0) -> dict[int, str]:
    """The posts' statuses once none is waiting or being sent any more."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        async with sm() as session:
            rows = dict((await session.execute(select(Post.id, Post.status).where(Post.id.in_(ids)))).all())
        if all(status in ("withdrawn", "done") for status in rows.values()) or loop.time() > deadline:
            return {post_id: str(status) for post_id, status in rows.items()}
        await asyncio.sleep(0.1)
