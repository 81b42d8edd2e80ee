"""Staff: invitations, scope checks, a post by a school psychologist, a district post with approval."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.clock import KZ, FrozenClock
from bot.factory import Overrides
from db.models import AuditRecord, Post, StaffRole
from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_with, next_with, pick_language
from tests.support.org_tree import DISTRICT, OTHER_SCHOOL, SCHOOL, SCHOOL_2, add_parent, add_tree, grant
from tests.support.post_wizard import write_post

PSY, COORD, COORD_2, STRANGER = 8101, 8102, 8103, 8104


async def _count(app: RunningApp, stmt) -> int:
    async with app.dp["sessionmaker"]() as session:
        return int(await session.scalar(stmt) or 0)


async def _eventually(check, within: float = 3.0) -> bool:
    # The menu is published right after the welcome is sent; give it a moment.
    for _ in range(int(within / 0.05)):
        if check():
            return True
        await asyncio.sleep(0.05)
    return check()


async def test_invite_is_claimed_once_and_scoped(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    admin = app.emu.user(ADMIN_ID, language_code="ru")
    await pick_language(admin, "ru")
    await admin.send("/invite")
    roles = await admin.next_message()
    await admin.press(roles, button_with(roles, "Координатор"))
    places = await admin.wait_edit(roles)
    # The test region is one of several; open it, then its district.
    await admin.press(places, button_with(places, "Тестовая область"))
    places = await admin.wait_edit(places)
    await admin.press(places, button_with(places, "Тестовый район"))
    places = await admin.wait_edit(places)
    await admin.press(places, button_with(places, "Тестовый район"))  # "Here: ..."
    created = await admin.wait_edit(places)
    token = re.search(r"start=(staff_[\w-]+)", created["text"]).group(1)

    coord = app.emu.user(COORD, language_code="kk")
    await coord.send(f"/start {token}")
    welcome = await coord.next_message()
    assert "үйлестіруші" in welcome["text"].lower()
    assert await _eventually(
        lambda: "post" in [c["command"] for c in app.emu.commands({"type": "chat", "chat_id": COORD})]
    )

    late = app.emu.user(STRANGER, language_code="ru")
    await late.send(f"/start {token}")
    refused = await late.next_message()
    assert "не работает" in refused["text"]
    assert (
        await _count(app, select(func.count()).select_from(StaffRole).where(StaffRole.user_id == STRANGER))
        == 0
    )

    # The coordinator may invite a psychologist for a school in the district, not outside it.
    await coord.send("/invite")
    roles = await coord.next_message()
    # Not another coordinator of their own district: that one is appointed by the region or an admin.
    assert "Үйлестіруші" not in " ".join(
        b["text"] for row in roles["reply_markup"]["inline_keyboard"] for b in row
    )
    await coord.press(roles, button_with(roles, "психолог"))
    places = await coord.wait_edit(roles)
    await coord.press(places, button_with(places, "№ 1 мектеп"))
    created = await coord.wait_edit(places)
    assert "start=staff_" in created["text"]
    await coord.press_data(created, f"inv:p:psychologist:{OTHER_SCHOOL}:0")
    forged = await _count(
        app, select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "invite.forged")
    )
    assert forged == 1
    assert app.emu.rejections == []


async def test_non_staff_cannot_use_staff_commands_or_buttons(app: RunningApp) -> None:
    await add_tree(app.dp["sessionmaker"])
    user = app.emu.user(STRANGER, language_code="kk")
    await pick_language(user, "ru")
    for command in ("/post", "/invite", "/staff", "/stats"):
        await user.send(command)
        reply = await user.next_message()
        assert "для сотрудников" in reply["text"]
    menu = user.messages[-1]
    await user.press_data(menu, "apr:a:1")
    await user.press_data(menu, f"pst:to:{SCHOOL}")
    refusals = await _count(
        app, select(func.count()).select_from(AuditRecord).where(AuditRecord.action.startswith("refused."))
    )
    assert refusals == 6
    assert app.emu.rejections == []


async def test_school_post_reaches_only_its_grade_in_each_language(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    parent_kk, parent_ru, other_grade, other_school = (app.emu.user(i) for i in (8201, 8202, 8203, 8204))
    for parent, language in ((parent_kk, "kk"), (parent_ru, "ru"), (other_grade, "ru"), (other_school, "kk")):
        await pick_language(parent, language)  # Telegram only lets a bot write to people who started it
    await add_parent(sm, 8201, "kk", (SCHOOL, "5"))
    await add_parent(sm, 8202, "ru", (SCHOOL, "5"), (SCHOOL, "7"))
    await add_parent(sm, 8203, "ru", (SCHOOL, "7"))
    await add_parent(sm, 8204, "kk", (SCHOOL_2, "5"))

    psy = app.emu.user(PSY, language_code="ru")
    await pick_language(psy, "ru")
    await write_post(psy, "Ертең <b>ата-аналар</b> жиналысы болады.", "Завтра родительское собрание.")
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, "5 класс"))
    grades = await psy.wait_edit(grades)
    await psy.press(grades, button_with(grades, "Готово"))
    urgency = await psy.wait_edit(grades)
    assert "Срочн" not in str(urgency["reply_markup"])  # school staff may not mark a post urgent
    await psy.press(urgency, button_with(urgency, "Обычный"))
    when = await psy.wait_edit(urgency)
    await psy.press(when, button_with(when, "Сейчас"))
    summary = await next_with(psy, "Проверьте")
    assert "Получателей сейчас: 2" in summary["text"]
    previews = [m.get("text") or "" for m in psy.messages]
    assert any(
        "&lt;b&gt;ата-аналар" in p or "<b>ата-аналар" in p for p in previews
    )  # typed tags stay literal
    await psy.press(summary, button_with(summary, "Подтвердить"))
    await psy.press(summary, button_with(summary, "Подтвердить"))  # a double tap

    got_kk = await next_with(parent_kk, "жиналысы")
    assert "Завтра" not in got_kk["text"]
    got_ru = await next_with(parent_ru, "Завтра")
    assert got_ru["text"].count("Завтра") == 1
    await other_grade.expect_no_message(0.5)
    await other_school.expect_no_message(0.1)
    await parent_ru.expect_no_message(0.5)  # one copy, though subscribed for two grades
    assert await _count(app, select(func.count()).select_from(Post)) == 1
    assert app.emu.rejections == []


async def test_district_post_needs_a_second_coordinator(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, COORD_2, "coordinator", DISTRICT)
    parent = app.emu.user(8301)
    await pick_language(parent, "ru")
    await add_parent(sm, 8301, "ru", (SCHOOL_2, "9"))
    coord, coord_2 = app.emu.user(COORD), app.emu.user(COORD_2)
    await pick_language(coord, "ru")
    await pick_language(coord_2, "kk")

    await write_post(
        coord,
        "Аудан бойынша хабарландыру: қауіпсіздік апталығы.",
        "Объявление по району: неделя безопасности.",
    )
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, "Всем"))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, "Все классы"))
    urgency = await coord.wait_edit(grades)
    await coord.press(urgency, button_with(urgency, "Срочный"))
    when = await coord.wait_edit(urgency)
    await coord.press(when, button_with(when, "Сейчас"))
    summary = await next_with(coord, "Проверьте")
    assert "одобрит" in summary["text"]
    await coord.press(summary, button_with(summary, "Подтвердить"))
    await next_with(coord, "на одобрение")
    await parent.expect_no_message(0.5)

    request = await next_with(coord_2, "мақұлдауыңыз")
    await coord.press_data(request, request["reply_markup"]["inline_keyboard"][0][0]["callback_data"])
    await coord_2.press(request, 0)  # approve
    await coord_2.wait_edit(request)
    got = await next_with(parent, "неделя безопасности")
    assert "❗" in got["text"]
    approved = await _count(
        app, select(func.count()).select_from(AuditRecord).where(AuditRecord.action == "post.approved")
    )
    assert approved == 1
    assert app.emu.rejections == []


async def test_normal_post_waits_for_the_end_of_quiet_hours(database_url: str) -> None:
    clock = FrozenClock(datetime(2026, 12, 2, 23, 0, tzinfo=KZ))
    async with running_app(database_url, Overrides(clock=clock)) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        await grant(sm, PSY, "psychologist", SCHOOL)
        parent = app.emu.user(8401)
        await pick_language(parent, "kk")
        await add_parent(sm, 8401, "kk", (SCHOOL, "3"))
        psy = app.emu.user(PSY)
        await pick_language(psy, "kk")
        await write_post(psy, "Ертеңгі сабақ кестесі өзгерді.", "Расписание на завтра изменилось.")
        grades = await psy.next_message()
        await psy.press(grades, button_with(grades, "Барлық сыныптар"))
        urgency = await psy.wait_edit(grades)
        await psy.press(urgency, button_with(urgency, "Кәдімгі"))
        when = await psy.wait_edit(urgency)
        await psy.press(when, button_with(when, "Қазір"))
        summary = await next_with(psy, "тексеріңіз")
        assert "Жіберу: 2026 жылғы 3 желтоқсан, 08:00" in summary["text"]
        await psy.press(summary, button_with(summary, "Растау"))
        await next_with(psy, "Расталды")
        await parent.expect_no_message(2.5)  # longer than the sender's tick: it looked and waited

        clock.advance(timedelta(hours=9, minutes=1))  # 08:01 next morning
        got = await next_with(parent, "кестесі")
        assert got["text"].startswith("📢")
        sent = [c for c in app.emu.calls_to("sendMessage") if str(c.params.get("chat_id")) == "8401"]
        assert sent and sent[-1].params.get("disable_notification") in (None, False, "false")
        assert app.emu.rejections == []


async def test_post_flow_handles_bad_input_and_cancel(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, PSY, "psychologist", SCHOOL)
    psy = app.emu.user(PSY)
    await pick_language(psy, "ru")
    await psy.send("/post")
    await psy.next_message()
    await psy.send_sticker()
    assert "отправьте текст" in (await psy.next_message())["text"]
    await psy.send("Ұзын мәтін. " * 400)
    too_long = await psy.next_message()
    assert "3800" in too_long["text"] and "слишком длинный" in too_long["text"]
    await psy.send("Ата-аналарға хабарлама: ертең мектепте іс-шара болады.")
    await psy.next_message()
    await psy.send("Ата-аналарға хабарлама: ертең мектепте іс-шара болады.")
    warning = await psy.next_message()
    assert "на одном языке" in warning["text"]
    await psy.press(warning, button_with(warning, "Оставить как есть"))
    media_step = await psy.next_message()
    await psy.send("не файл")
    assert "фото или документ" in (await psy.next_message())["text"]
    await psy.press(media_step, button_with(media_step, "Без вложения"))
    grades = await psy.next_message()
    await psy.press(grades, button_with(grades, "Все классы"))
    urgency = await psy.wait_edit(grades)
    await psy.press(urgency, button_with(urgency, "Тихий"))
    when = await psy.wait_edit(urgency)
    await psy.press(when, button_with(when, "В назначенное время"))
    await psy.wait_edit(when)
    await psy.send("01.01.2020 10:00")
    assert "уже прошло" in (await psy.next_message())["text"]
    await psy.send("завтра вечером")
    assert "Не понял" in (await psy.next_message())["text"]
    await psy.send("/cancel")
    assert "Отменено" in (await psy.next_message())["text"]
    await psy.press_data(when, "pst:n:")  # a button of the abandoned flow
    await psy.send("/cancel")
    assert "нечего" in (await psy.next_message())["text"]
    assert await _count(app, select(func.count()).select_from(Post)) == 0
    assert app.emu.rejections == []


async def test_staff_list_and_revocation_take_effect_at_once(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, PSY, "psychologist", SCHOOL)
    await grant(sm, COORD_2, "psychologist", OTHER_SCHOOL)
    coord, psy = app.emu.user(COORD), app.emu.user(PSY)
    await pick_language(coord, "ru")
    await pick_language(psy, "ru")
    await coord.send("/staff")
    listing = await coord.next_message()
    assert str(PSY) in listing["text"] and str(COORD_2) not in listing["text"]  # only their own district
    labels = [b["text"] for row in listing["reply_markup"]["inline_keyboard"] for b in row]
    removals = [label for label in labels if label.startswith("✖️")]
    assert removals == [f"✖️ Снять {PSY}: школьный психолог"]
    await coord.press(listing, 0)
    ask = await coord.wait_edit(listing)
    await coord.press(ask, button_with(ask, "Да, снять"))
    await coord.wait_edit(ask)
    assert (await psy.next_message())["text"].startswith("Ваша роль сотрудника в боте снята.")
    await psy.send("/post")
    assert "для сотрудников" in (await psy.next_message())["text"]
    await psy.send("/staff")
    assert "для сотрудников" in (await psy.next_message())["text"]
    assert app.emu.rejections == []


async def test_the_author_is_told_when_nobody_can_approve_yet(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    coord = app.emu.user(COORD)
    await pick_language(coord, "kk")
    await write_post(coord, "Аудандық жарыс сенбі күні өтеді.", "Районные соревнования пройдут в субботу.")
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, "барлығына"))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, "Барлық сыныптар"))
    urgency = await coord.wait_edit(grades)
    await coord.press(urgency, button_with(urgency, "Үнсіз"))
    when = await coord.wait_edit(urgency)
    await coord.press(when, button_with(when, "Қазір"))
    summary = await next_with(coord, "тексеріңіз")
    await coord.press(summary, button_with(summary, "Растау"))
    await next_with(coord, "Мақұлдауға жіберілді")
    assert "ешкімнен сұралмады" in (await coord.next_message())["text"]
    assert app.emu.rejections == []
