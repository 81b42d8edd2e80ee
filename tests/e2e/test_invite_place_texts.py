"""/invite names the place by what it is: school staff work in an organisation, a coordinator for a district,
a city or the region. «Орынды таңдаңыз» / «Место:» said neither."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.app import ADMIN_ID, RunningApp, running_app
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import add_tree


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    async with running_app(database_url) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def test_a_psychologist_is_invited_to_an_organisation(app: RunningApp) -> None:
    admin = app.emu.user(ADMIN_ID)
    await pick_language(admin, "ru")
    await admin.send("/invite")
    roles = await admin.next_message()
    await admin.press(roles, button_with(roles, "Школьный психолог"))
    regions = await admin.wait_edit(roles)
    assert "Выберите организацию" in regions["text"] and "место" not in regions["text"]
    await admin.press(regions, button_with(regions, "Тестовая область"))
    region = await admin.wait_edit(regions)
    await admin.press(region, button_with(region, "Тестовый район"))
    district = await admin.wait_edit(region)
    await admin.press(district, button_with(district, "Школа № 1"))
    created = await admin.wait_edit(district)
    assert "Организация: Школа № 1" in created["text"] and "Место" not in created["text"]
    assert app.emu.rejections == []


async def test_a_coordinator_is_invited_to_an_area_in_kazakh(app: RunningApp) -> None:
    admin = app.emu.user(ADMIN_ID)
    await pick_language(admin, "kk")
    await admin.send("/invite")
    roles = await admin.next_message()
    await admin.press(roles, button_with(roles, "Үйлестіруші"))
    regions = await admin.wait_edit(roles)
    assert "Ауданды, қаланы немесе облысты таңдаңыз" in regions["text"] and "Орынды" not in regions["text"]
    await admin.press(regions, button_with(regions, "Сынақ облысы"))
    region = await admin.wait_edit(regions)
    await admin.press(region, button_with(region, "Сынақ ауданы"))
    district = await admin.wait_edit(region)
    await admin.press(district, button_with(district, "✅"))
    created = await admin.wait_edit(district)
    assert "Аумақ: Сынақ ауданы" in created["text"] and "Орны" not in created["text"]
    assert app.emu.rejections == []
