"""/staff names people as Telegram does (kept only while they hold a role), and shows one school's staff."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import StaffProfile
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, SCHOOL_2, add_tree, grant

COORD, PSY, PSY_2, PARENT = 8501, 8502, 8503, 8504
SCHOOL_2_NAME = {"kk": "№ 2 мектеп", "ru": "Школа № 2"}
ONE_SCHOOL = {"kk": "Бір мектептің қызметкерлері", "ru": "Сотрудники одной школы"}
REMOVE = {"kk": "Иә, алып тастау", "ru": "Да, снять"}


async def _kept(app: RunningApp) -> dict[int, tuple[str, str | None, str | None]]:
    async with app.dp["sessionmaker"]() as session:
        rows = await session.execute(
            select(
                StaffProfile.user_id, StaffProfile.first_name, StaffProfile.last_name, StaffProfile.username
            )
        )
        return {user_id: (first, last, username) for user_id, first, last, username in rows}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_staff_list_shows_telegram_names_and_filters_by_school(app: RunningApp, locale: str) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, PSY, "psychologist", SCHOOL)
    await grant(sm, PSY_2, "psychologist", SCHOOL_2)
    coord = app.emu.user(COORD, "Дана", language_code=locale)
    psy = app.emu.user(PSY, "Айгүл", last_name="Серікова", username="aigul_psy", language_code=locale)
    psy_2 = app.emu.user(PSY_2, "<b>Ann", last_name="& Co</b>", language_code=locale)
    parent = app.emu.user(PARENT, "Parent", username="a_parent", language_code=locale)
    for user in (coord, psy, psy_2, parent):
        await pick_language(user, locale)
    # Using a staff command keeps the name as Telegram shows it; a parent's is never kept.
    for user in (coord, psy, psy_2, parent):
        await user.send("/stats")
        await user.next_message()
    assert set(await _kept(app)) == {COORD, PSY, PSY_2}

    await coord.send("/staff")
    listing = await coord.next_message()
    assert "Айгүл Серікова @aigul_psy" in listing["text"]
    assert "<b>Ann & Co</b>" in listing["text"]  # escaped: shown as typed, not as bold
    assert str(PSY) not in listing["text"]
    removals = [t for t in button_texts(listing) if t.startswith("✖️")]
    assert any("Айгүл Серікова" in t for t in removals) and any("<b>Ann & Co</b>" in t for t in removals)

    # The staff of one school: a picker of places, then only that school's people.
    await coord.press(listing, button_with(listing, ONE_SCHOOL[locale]))
    places = await coord.wait_edit(listing)
    await coord.press(places, button_with(places, SCHOOL_2_NAME[locale]))
    one = await coord.wait_edit(places)
    assert SCHOOL_2_NAME[locale] in one["text"]
    assert "<b>Ann & Co</b>" in one["text"] and "Айгүл" not in one["text"]

    # The role ends: the kept name goes with it.
    await coord.press(one, button_with(one, "✖️"))
    ask = await coord.wait_edit(one)
    assert "<b>Ann & Co</b>" in ask["text"]
    await coord.press(ask, button_with(ask, REMOVE[locale]))
    await coord.wait_edit(ask)
    assert set(await _kept(app)) == {COORD, PSY}
    assert app.emu.rejections == []
