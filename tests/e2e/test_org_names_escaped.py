"""Organisation names are plain text wherever they go into HTML (issue 16, item 7): a name with «<» and «&»
(stored before the import refused markup, or typed into content/orgs) reads literally on every screen."""

from __future__ import annotations

import re

from sqlalchemy import update

from db.models import Organisation
from tests.support.app import ADMIN_ID, RunningApp
from tests.support.chat import button_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, add_parent, add_tree

NAMES = {
    DISTRICT: ("Сынақ <ауданы> & Ко", "Тестовый <район> & Ко"),
    SCHOOL: ("№ 1 <мектеп> & бақша", "Школа <№ 1> & сад"),
}
PSY, PARENT = 8901, 8902


async def test_names_with_angle_brackets_and_ampersands_read_literally(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    async with sm() as session:
        for code, (kk, ru) in NAMES.items():
            await session.execute(
                update(Organisation).where(Organisation.code == code).values(name_kk=kk, name_ru=ru)
            )
        await session.commit()

    admin = app.emu.user(ADMIN_ID, language_code="ru")
    await pick_language(admin, "ru")
    await admin.send("/invite")
    roles = await admin.next_message()
    await admin.press(roles, button_with(roles, "психолог"))
    places = await admin.wait_edit(roles)
    await admin.press(places, button_with(places, "Тестовая область"))
    places = await admin.wait_edit(places)
    await admin.press(places, button_with(places, "Тестовый <район> & Ко"))
    places = await admin.wait_edit(places)
    assert "Тестовый <район> & Ко" in places["text"]  # the path above the buttons
    await admin.press(places, button_with(places, "Школа <№ 1> & сад"))
    created = await admin.wait_edit(places)
    assert "Школа <№ 1> & сад" in created["text"]
    token = re.search(r"start=(staff_[\w-]+)", created["text"]).group(1)

    psy = app.emu.user(PSY, language_code="kk")
    await psy.send(f"/start {token}")
    assert "№ 1 <мектеп> & бақша" in (await psy.next_message())["text"]

    await admin.send("/staff")
    listing = await admin.next_message()
    for _ in range(4):  # down to the school's list, whatever the levels above
        if "№ 1" in listing["text"]:
            break
        await admin.press(listing, button_with(listing, "Школа <№ 1> & сад"))
        listing = await admin.wait_edit(listing)
    assert "Школа <№ 1> & сад" in listing["text"]

    await pick_language(app.emu.user(PARENT), "ru")
    await add_parent(sm, PARENT, "ru", (SCHOOL, "5"))
    parent = app.emu.user(PARENT)
    await parent.send("/mysubscriptions")
    assert "Школа <№ 1> & сад" in (await parent.next_message())["text"]

    await psy.send("/stats")  # subscribers by organisation
    stats = await psy.next_message()
    assert "№ 1 <мектеп> & бақша" in stats["text"], stats["text"]

    await psy.send("/forget")  # the roles it names
    assert "№ 1 <мектеп> & бақша" in (await psy.next_message())["text"]
    assert app.emu.rejections == []
