"""A Confirm says what really happened (issue 15, item 1), and the final steps read the author's role again
(issue 16, item 3): a draft that is gone, a database error, a real second press, a role that changed."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import OperationalError

from db.models import AuditRecord, Event, FsmRecord, Post, StaffRole
from db.repositories.drafts import DraftRepository
from tests.support.app import RunningApp
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, SCHOOL_2, add_parent, add_tree, grant
from tests.support.restarts import bot_process, quiet_emulator

PSY, COORD, COORD_2 = 8601, 8602, 8603
KK, RU = "Ертең ата-аналар жиналысы болады.", "Завтра родительское собрание."
CONFIRM = {"kk": "Растау", "ru": "Подтвердить"}
GONE = {"kk": "Бұл жоба енді жоқ. /post", "ru": "Этого черновика больше нет. Начните заново с /post."}
TWICE = {"kk": "екі рет жіберілмейді", "ru": "дважды оно не уйдёт"}


async def _count(app: RunningApp, model: type, *where: Any) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


async def _next_with(user, fragment: str, limit: int = 10) -> dict:
    for _ in range(limit):
        message = await user.next_message()
        if fragment in (message.get("text") or message.get("caption") or ""):
            return message
    raise AssertionError(f"no message with {fragment!r}")


async def _school_post_summary(psy, locale: str) -> dict:
    """A psychologist's post to every grade of their one school, up to the summary with Confirm."""
    words = {
        "kk": ("Барлық сыныптар", "Кәдімгі", "Қазір", "тексеріңіз"),
        "ru": ("Все классы", "Обычный", "Сейчас", "Проверьте"),
    }[locale]
    await psy.send("/post")
    await psy.next_message()
    await psy.send(KK)
    await psy.next_message()
    await psy.send(RU)
    media = await psy.next_message()
    await psy.press(media, 0)  # no attachment
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, words[0]))
    urgency = await psy.wait_edit(grades)
    await psy.press(urgency, button_with(urgency, words[1]))
    when = await psy.wait_edit(urgency)
    await psy.press(when, button_with(when, words[2]))
    return await _next_with(psy, words[3])


async def _psychologist(app: RunningApp, locale: str, user_id: int = PSY):
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, user_id, "psychologist", SCHOOL)
    psy = app.emu.user(user_id)
    await pick_language(psy, locale)
    return psy


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_confirm_after_cancel_says_the_draft_is_gone(app: RunningApp, locale: str) -> None:
    psy = await _psychologist(app, locale)
    summary = await _school_post_summary(psy, locale)
    await psy.send("/cancel")
    await psy.next_message()
    answer = await psy.press(summary, button_with(summary, CONFIRM[locale]))
    assert GONE[locale] in answer["text"] and TWICE[locale] not in answer["text"]
    assert await _count(app, Post) == 0
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_confirm_after_a_restart_that_lost_the_draft(database_url: str, locale: str) -> None:
    emu = quiet_emulator()
    async with bot_process(database_url, emu) as app:
        psy = await _psychologist(app, locale)
        summary = await _school_post_summary(psy, locale)
        await app.idle()  # the summary's step has saved the draft (it notes the summary after sending it)
        async with app.dp["sessionmaker"]() as session:  # the drafts did not survive (a flushed Redis)
            await session.execute(delete(FsmRecord))
            await session.commit()
    async with bot_process(database_url, emu) as app:
        answer = await psy.press(summary, button_with(summary, CONFIRM[locale]))
        assert GONE[locale] in answer["text"]
        assert await _count(app, Post) == 0
    assert emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_database_error_keeps_the_draft_and_is_answered(
    app: RunningApp, locale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    psy = await _psychologist(app, locale)
    summary = await _school_post_summary(psy, locale)
    real_confirm = DraftRepository.confirm
    failures = []

    async def failing_once(self: DraftRepository, *args: Any, **kwargs: Any) -> Any:
        if not failures:
            failures.append(1)
            raise OperationalError("INSERT INTO posts", {}, Exception("database is locked"))
        return await real_confirm(self, *args, **kwargs)

    monkeypatch.setattr(DraftRepository, "confirm", failing_once)
    answer = await psy.press(summary, button_with(summary, CONFIRM[locale]))
    assert {"kk": "сақтау мүмкін болмады", "ru": "не удалось сохранить"}[locale] in answer["text"]
    assert await _count(app, Post) == 0
    # The draft is still there: the same button now confirms it, and a real second press is told so.
    await psy.press(summary, button_with(summary, CONFIRM[locale]))
    await _next_with(psy, {"kk": "Расталды", "ru": "Подтверждено"}[locale])
    again = await psy.press_data(summary, "pst:c")  # the keyboard is gone; a tap that was on its way
    assert TWICE[locale] in again["text"]
    assert await _count(app, Post) == 1
    assert app.emu.rejections == []


async def test_event_confirm_after_cancel_says_the_draft_is_gone(app: RunningApp) -> None:
    psy = await _psychologist(app, "ru")
    await psy.send("/event")
    await psy.next_message()
    await psy.send("Қауіпсіз интернет")
    await psy.next_message()
    await psy.send("Безопасный интернет")
    await psy.next_message()
    await psy.send("20.12.2026 18:30")
    await psy.next_message()
    await psy.send("Актовый зал")
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, "Все классы"))
    capacity = await psy.wait_edit(grades)
    await psy.press(capacity, button_with(capacity, "Без ограничения"))
    summary = await _next_with(psy, "Проверьте")
    await psy.press(summary, button_with(summary, "Отмена"))
    answer = await psy.press(summary, button_with(summary, "Подтвердить"))
    assert "Этого черновика больше нет. Начните заново с /event." in answer["text"]
    assert await _count(app, Event) == 0
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_scope_lost_before_confirm_sends_nothing(app: RunningApp, locale: str) -> None:
    psy = await _psychologist(app, locale)
    parent = app.emu.user(8611)
    await pick_language(parent, "ru")
    await add_parent(app.dp["sessionmaker"], 8611, "ru", (SCHOOL, "5"))
    summary = await _school_post_summary(psy, locale)
    async with app.dp["sessionmaker"]() as session:  # moved to another school while the preview was open
        await session.execute(delete(StaffRole).where(StaffRole.user_id == PSY))
        await session.commit()
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL_2)
    await psy.press(summary, button_with(summary, CONFIRM[locale]))
    told = await psy.wait_edit(summary)
    assert {"kk": "рөліңіз енді", "ru": "Ваша роль больше не"}[locale] in told["text"]
    assert await _count(app, Post) == 0
    assert await _count(app, AuditRecord, AuditRecord.action == "post.scope_lost") == 1
    await parent.expect_no_message(0.5)
    assert app.emu.rejections == []


async def test_a_role_revoked_before_confirm_sends_nothing(app: RunningApp) -> None:
    psy = await _psychologist(app, "ru")
    summary = await _school_post_summary(psy, "ru")
    async with app.dp["sessionmaker"]() as session:
        await session.execute(delete(StaffRole).where(StaffRole.user_id == PSY))
        await session.commit()
    answer = await psy.press(summary, button_with(summary, "Подтвердить"))
    assert "сотрудник" in answer["text"]
    assert await _count(app, Post) == 0
    assert await _count(app, AuditRecord, AuditRecord.action == "refused.button") == 1
    assert app.emu.rejections == []


async def test_event_scope_lost_before_confirm_creates_nothing(app: RunningApp) -> None:
    psy = await _psychologist(app, "kk")
    await psy.send("/event")
    for typed in ("Қауіпсіз интернет", "Безопасный интернет", "20.12.2026 18:30", "Мәжіліс залы"):
        await psy.next_message()
        await psy.send(typed)
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, "Барлық сыныптар"))
    capacity = await psy.wait_edit(grades)
    await psy.press(capacity, button_with(capacity, "Шектеусіз"))
    summary = await _next_with(psy, "тексеріңіз")
    async with app.dp["sessionmaker"]() as session:
        await session.execute(delete(StaffRole).where(StaffRole.user_id == PSY))
        await session.commit()
    await grant(app.dp["sessionmaker"], PSY, "psychologist", SCHOOL_2)
    await psy.press(summary, button_with(summary, "Растау"))
    told = await psy.wait_edit(summary)
    assert "рөліңіз енді" in told["text"]
    assert await _count(app, Event) == 0 and await _count(app, Post) == 0
    assert await _count(app, AuditRecord, AuditRecord.action == "event.scope_lost") == 1
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_approval_after_the_authors_role_ended_sends_nothing(app: RunningApp, locale: str) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, COORD_2, "coordinator", DISTRICT)
    parent = app.emu.user(8612)
    await pick_language(parent, "ru")
    await add_parent(sm, 8612, "ru", (SCHOOL_2, "9"))
    coord, coord_2 = app.emu.user(COORD), app.emu.user(COORD_2)
    await pick_language(coord, "ru")
    await pick_language(coord_2, locale)
    await coord.send("/post")
    await coord.next_message()
    await coord.send(KK)
    await coord.next_message()
    await coord.send(RU)
    media = await coord.next_message()
    await coord.press(media, 0)
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, "Всем"))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, "Все классы"))
    urgency = await coord.wait_edit(grades)
    await coord.press(urgency, button_with(urgency, "Тихий"))
    when = await coord.wait_edit(urgency)
    await coord.press(when, button_with(when, "Сейчас"))
    summary = await _next_with(coord, "Проверьте")
    await coord.press(summary, button_with(summary, "Подтвердить"))
    await _next_with(coord, "на одобрение")
    request = await _next_with(coord_2, {"kk": "мақұлдауыңыз", "ru": "вашего одобрения"}[locale])
    async with sm() as session:  # the author's role ends while the request waits
        await session.execute(delete(StaffRole).where(StaffRole.user_id == COORD))
        await session.commit()
    answer = await coord_2.press(request, 0)  # approve
    assert {"kk": "Автордың рөлі", "ru": "Роль автора"}[locale] in answer["text"]
    assert "не будет отправлено" in (await _next_with(coord, "одобрения"))["text"]
    async with sm() as session:
        [post] = list(await session.scalars(select(Post)))
    assert post.status == "cancelled"  # a rejected post
    await parent.expect_no_message(1.0)
    assert await _count(app, AuditRecord, AuditRecord.detail == "author's role ended") == 1
    assert app.emu.rejections == []
