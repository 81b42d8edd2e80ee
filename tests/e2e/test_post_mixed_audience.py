"""A post to a kindergarten and a school with a grade ticked: the grade is the school's, the kindergarten's
parents are all counted, reached and named (tester's round 7, item 1)."""

from __future__ import annotations

import pytest

from db.models import Organisation
from tests.support.app import RunningApp
from tests.support.chat import button_with, next_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, add_parent, add_tree, staff_member
from tests.support.post_wizard import write_post

COORD = 8711
KG = "t-dis-k1"
KG_PARENT, GRADE_1, GRADE_2 = 8712, 8713, 8714
WORDS = {
    "kk": ("№ 1 балабақша", "№ 1 мектеп", "Дайын", "1-сынып", "Кәдімгі", "Қазір", "Растау"),
    "ru": ("Ясли-сад № 1", "Школа № 1", "Готово", "1 класс", "Обычный", "Сейчас", "Подтвердить"),
}
SUMMARY = {"kk": ("тексеріңіз", "Қазір алушылар саны: 2"), "ru": ("Проверьте", "Получателей сейчас: 2")}


async def _kindergarten(app: RunningApp) -> None:
    async with app.dp["sessionmaker"]() as session:
        session.add(
            Organisation(
                code=KG,
                kind="kindergarten",
                parent_code=DISTRICT,
                name_kk="№ 1 балабақша",
                name_ru="Ясли-сад № 1",
            )
        )
        await session.commit()


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_grade_filter_leaves_a_kindergarten_whole(app: RunningApp, locale: str) -> None:
    kg, school, done, grade, normal, now, confirm = WORDS[locale]
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await _kindergarten(app)
    parents = {i: app.emu.user(i) for i in (KG_PARENT, GRADE_1, GRADE_2)}
    for parent in parents.values():
        await pick_language(parent, "ru")
    await add_parent(sm, KG_PARENT, "ru", (KG, "pre"))
    await add_parent(sm, GRADE_1, "ru", (SCHOOL, "1"))
    await add_parent(sm, GRADE_2, "ru", (SCHOOL, "2"))
    coord = await staff_member(app, COORD, "coordinator", DISTRICT, locale)

    await write_post(coord, "Ертең жиналыс болады.", "Завтра собрание.")
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, kg))
    orgs = await coord.wait_edit(orgs)
    await coord.press(orgs, button_with(orgs, school))
    orgs = await coord.wait_edit(orgs)
    await coord.press(orgs, button_with(orgs, done))
    grades = await coord.wait_edit(orgs)
    await coord.press(grades, button_with(grades, grade))
    grades = await coord.wait_edit(grades)
    await coord.press(grades, button_with(grades, done))
    urgency = await coord.wait_edit(grades)
    await coord.press(urgency, button_with(urgency, normal))
    when = await coord.wait_edit(urgency)
    await coord.press(when, button_with(when, now))
    summary = await next_with(coord, SUMMARY[locale][0])
    assert SUMMARY[locale][1] in summary["text"]
    # The grade stands beside the school it filters, not after the whole list.
    assert f"{school} ({grade})" in summary["text"]
    assert f"{kg}," in summary["text"] and f"{kg} (" not in summary["text"]
    await coord.press(summary, button_with(summary, confirm))

    await next_with(parents[KG_PARENT], "Завтра собрание")
    await next_with(parents[GRADE_1], "Завтра собрание")
    await parents[GRADE_2].expect_no_message(0.5)
    assert app.emu.rejections == []
