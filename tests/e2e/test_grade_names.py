"""One list of grades per kind of organisation, and one name per grade, for parents and staff alike."""

from __future__ import annotations

import pytest

from tests.support.app import RunningApp
from tests.support.chat import button_texts, pick_language
from tests.support.org_tree import SCHOOL, add_parent, add_tree, grant
from tests.support.post_wizard import write_post

PRE = {"kk": "Мектепалды сыныбы", "ru": "Предшкольный класс"}
PRE_IN_TEXT = {"kk": "мектепалды сыныбы — 1 ата-ана", "ru": "предшкольный класс — 1 родитель"}
FIFTH = {"kk": "5-сынып", "ru": "5 класс"}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_parents_and_staff_see_the_same_grades_of_a_school(app: RunningApp, locale: str) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, 8301, "psychologist", SCHOOL)
    parent = app.emu.user(8302, language_code=locale)
    await pick_language(parent, locale)
    await parent.send(f"/start school_{SCHOOL}")
    for_parent = button_texts(await parent.next_message())
    await add_parent(sm, 8303, locale, (SCHOOL, "pre"))

    psy = app.emu.user(8301, language_code=locale)
    await pick_language(psy, locale)
    await write_post(psy, "Ертең жиналыс болады.", "Завтра собрание.")
    for_staff = button_texts(await psy.next_message())
    grades = [PRE[locale], *(FIFTH[locale].replace("5", str(n), 1) for n in range(1, 12))]
    # The same names, the same grades, in the same order; a school has no «college» grade.
    assert for_parent[: len(grades)] == grades
    assert for_staff[: len(grades)] == grades
    assert not any("колледж" in label.lower() for label in for_parent + for_staff)

    await psy.send("/cancel")
    await psy.next_message()
    await psy.send("/stats")
    stats = await psy.next_message()
    assert PRE_IN_TEXT[locale] in stats["text"]
    assert app.emu.rejections == []
