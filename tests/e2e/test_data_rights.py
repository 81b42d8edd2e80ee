"""Data rights (issue 16, items 11-13; issue 15, item 9): /forget erases what is about the person and
pseudonymises what must stay for the record, staff lose their roles after a clear confirmation, /mydata
sends what is kept, the privacy screen says what, why, how long and how to erase it; old delivery rows are
pruned."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Integer, String, Text, func, select

from db.base import Base
from db.models import (
    Acknowledgement,
    AuditRecord,
    DigestRun,
    Event,
    EventAnswer,
    EventNotice,
    FsmRecord,
    Invite,
    OutboxEntry,
    Post,
    StaffRole,
)
from tests.support import events, posts
from tests.support.app import RunningApp
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import SCHOOL, add_parent, add_tree, grant

PARENT, PSY, OTHER = 8801, 8802, 8803
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


async def rows_naming(app: RunningApp, user_id: int) -> list[str]:
    """Every row of every table with this id in an id column, or the id in a text column."""
    found = []
    async with app.dp["sessionmaker"]() as session:
        for table in Base.metadata.sorted_tables:
            for column in table.columns:
                # Row ids are counters, not people (except a user's own).
                counter = column.name == "id" and table.name != "users"
                if isinstance(column.type, BigInteger | Integer) and not counter:
                    where = column == user_id
                elif isinstance(column.type, String | Text):
                    where = column.contains(str(user_id))
                else:
                    continue
                n = await session.scalar(select(func.count()).select_from(table).where(where))
                if n:
                    found.append(f"{table.name}.{column.name}: {n}")
    return found


async def add_post(app: RunningApp, author: int, **extra: Any) -> int:
    """A post to the whole school, delivered."""
    return await posts.add_post(
        app.dp["sessionmaker"],
        author_id=author,
        scope_code=SCHOOL,
        text={"kk": "Жиналыс", "ru": "Собрание"},
        status="done",
        created_at=NOW,
        finished_at=NOW,
        **extra,
    )


async def add_event(app: RunningApp, organiser: int) -> int:
    """A Family Hour at the school, a month ahead."""
    return await events.add_event(
        app.dp["sessionmaker"],
        organiser_id=organiser,
        scope_code=SCHOOL,
        place="Школа",
        starts_at=NOW + timedelta(days=30),
        created_at=NOW,
    )


async def traces_of_a_parent(app: RunningApp, parent: int, author: int) -> None:
    """A subscription, a delivered post and its «Понятно», an event answer and its reminder, a draft and an
    audited refusal: everything a parent leaves."""
    await add_parent(app.dp["sessionmaker"], parent, "ru", (SCHOOL, "5"))
    post_id = await add_post(app, author)
    event_id = await add_event(app, author)
    async with app.dp["sessionmaker"]() as session:
        session.add(OutboxEntry(post_id=post_id, chat_id=parent, language="ru", status="sent", sent_at=NOW))
        session.add(Acknowledgement(post_id=post_id, user_id=parent, at=NOW))
        session.add(EventAnswer(event_id=event_id, user_id=parent, answer="going", answered_at=NOW))
        session.add(
            EventNotice(
                event_id=event_id, user_id=parent, kind="remind_3d", ref="x", status="sent", due_at=NOW
            )
        )
        session.add(
            FsmRecord(
                bot_id=1,
                chat_id=parent,
                user_id=parent,
                thread_id=0,
                business_connection_id="",
                destiny="default",
                state="Some:state",
                data={"text": "черновик"},
            )
        )
        session.add(AuditRecord(at=NOW, actor_id=parent, action="refused.post", detail=f"by {parent}"))
        await session.commit()


async def test_a_parent_is_forgotten_everywhere(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    parent = app.emu.user(PARENT, language_code="ru")
    await pick_language(parent, "ru")
    await traces_of_a_parent(app, PARENT, OTHER)
    assert len(await rows_naming(app, PARENT)) >= 8

    await parent.send("/forget")
    ask = await parent.next_message()
    assert "нельзя отменить" in ask["text"]
    await parent.press(ask, button_with(ask, "Да, удалить"))
    done = await parent.wait_edit(ask)
    assert "бот вас забыл" in done["text"]
    assert await rows_naming(app, PARENT) == []
    async with app.dp["sessionmaker"]() as session:
        # The audit entry stays for the record, under an id that is nobody's.
        audit = (await session.scalars(select(AuditRecord).where(AuditRecord.action == "refused.post"))).one()
        assert audit.actor_id < 0 and str(PARENT) not in (audit.detail or "")
    assert app.emu.rejections == []


async def test_staff_are_told_their_roles_go_and_then_they_go(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    post_id = await add_post(
        app, PSY, approved_by=PSY, sent_by=PSY, progress_chat_id=PSY, progress_message_id=5
    )
    async with sm() as session:
        session.add(
            Invite(
                token="t" * 16,
                role="psychologist",
                scope_code=SCHOOL,
                created_by=PSY,
                created_at=NOW,
                expires_at=NOW + timedelta(days=7000),
            )
        )
        session.add(DigestRun(user_id=PSY, week="2026-W49", claimed_at=NOW, sent_at=NOW))
        session.add(AuditRecord(at=NOW, actor_id=PSY, action="post.created", post_id=post_id))
        await session.commit()
    await traces_of_a_parent(app, PARENT, PSY)

    psy = app.emu.user(PSY, language_code="kk")
    await pick_language(psy, "kk")
    for locale, warning, yes in (
        ("kk", "Рөліңіз де алынады", "Иә, өшіру"),
        ("ru", "Ваши роли тоже будут сняты", "Да, удалить"),
    ):
        if locale == "ru":
            await psy.send("/language")
            picker = await psy.next_message()
            await psy.press(picker, button_with(picker, "Русский"))
            await psy.wait_edit(picker)
        await psy.send("/forget")
        ask = await psy.next_message()
        assert warning in ask["text"], ask["text"]
        assert button_with(ask, yes)
    await psy.press(ask, button_with(ask, "Да, удалить"))
    done = await psy.wait_edit(ask)
    assert "роли сняты" in done["text"]
    assert await rows_naming(app, PSY) == []
    async with sm() as session:
        post = await session.get(Post, post_id)
        assert post is not None and post.author_id < 0  # the post stays for the record
        assert post.approved_by == post.author_id == post.sent_by  # one pseudonym per erasure
        assert await session.scalar(select(func.count()).select_from(StaffRole)) == 0
        assert await session.scalar(select(func.count()).select_from(Invite)) == 0
        event = (await session.scalars(select(Event))).one()
        assert event.organiser_id == post.author_id
    await psy.send("/post")  # no longer staff
    assert "Подтвердить" not in str((await psy.next_message()).get("reply_markup"))
    assert app.emu.rejections == []


async def test_mydata_sends_what_is_kept(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    for user_id, locale, words in ((PARENT, "ru", "подписки:\n  ◦ Школа № 1"), (OTHER, "kk", "жазылымдар:")):
        user = app.emu.user(user_id, language_code=locale)
        await pick_language(user, locale)
        await traces_of_a_parent(app, user_id, PSY)
        await user.send("/mydata")
        first = await user.next_message()
        second = await user.next_message()
        document, summary = (first, second) if "document" in first else (second, first)
        assert words in summary["text"], summary["text"]
        stored = app.emu.files.get(document["document"]["file_id"])
        data = json.loads(stored.data)
        assert data["user"]["id"] == user_id
        assert data["subscriptions"][0]["organisation"] == SCHOOL
        assert data["event_answers"][0]["answer"] == "going"
        assert data["acknowledgements"] and data["deliveries"] and data["drafts"]
    assert app.emu.rejections == []


async def test_the_privacy_screen_says_what_why_how_long_and_how_to_erase(app: RunningApp) -> None:
    for locale, law, words in (
        ("kk", "Дербес деректер және оларды қорғау туралы", ("90 күн", "/forget", "/mydata")),
        ("ru", "О персональных данных и их защите", ("90 дней", "/forget", "/mydata")),
    ):
        user = app.emu.user(PARENT if locale == "kk" else OTHER, language_code=locale)
        await pick_language(user, locale)
        await user.send("/privacy")
        screen = await user.next_message()
        assert law in screen["text"] and "94-V" in screen["text"]
        for word in words:
            assert word in screen["text"]
        assert len(screen["text"]) <= 4096
    assert app.emu.rejections == []


async def test_old_delivery_rows_are_pruned(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    await add_parent(app.dp["sessionmaker"], PARENT, "ru", (SCHOOL, "5"))
    now = app.dp["clock"].now()
    old = await add_post(app, OTHER)
    recent = await add_post(app, OTHER)
    async with app.dp["sessionmaker"]() as session:
        (await session.get(Post, old)).finished_at = now - timedelta(days=91)
        (await session.get(Post, recent)).finished_at = now - timedelta(days=89)
        for post_id in (old, recent):
            session.add(OutboxEntry(post_id=post_id, chat_id=PARENT, language="ru", status="sent"))
        await session.commit()
    assert await app.dp["retention"].run_once(now) == 1
    async with app.dp["sessionmaker"]() as session:
        left = await session.scalars(select(OutboxEntry.post_id))
        assert list(left) == [recent]
