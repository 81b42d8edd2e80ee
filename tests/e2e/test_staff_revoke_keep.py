"""/staff's «remove this role?» has No as well as Yes: it only had «Да, снять» / «Иә, алып тастау»."""

from __future__ import annotations

import pytest

from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, add_tree, grant

COORD, PSY = 8831, 8832
WORDS = {
    "kk": {"yes": "Иә, алып тастау", "no": "Жоқ, қалдыру", "kept": "Рөл өзгеріссіз қалды."},
    "ru": {"yes": "Да, снять", "no": "Нет, оставить", "kept": "Роль остаётся как есть."},
}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_no_keeps_the_role(app: RunningApp, locale: str) -> None:
    w = WORDS[locale]
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    await grant(sm, COORD, "coordinator", DISTRICT)
    await grant(sm, PSY, "psychologist", SCHOOL)
    coord = app.emu.user(COORD, "Дана", language_code=locale)
    await pick_language(coord, locale)
    await coord.send("/staff")
    listing = await coord.next_message()
    await coord.press(listing, button_with(listing, "✖️"))
    ask = await coord.wait_edit(listing)
    assert button_texts(ask) == [w["yes"], w["no"]]
    await coord.press(ask, w["no"])
    kept = await coord.wait_edit(ask)
    assert kept["text"] == w["kept"] and not button_texts(kept)
    await coord.send("/staff")
    assert any(t.startswith("✖️") for t in button_texts(await coord.next_message()))
    assert app.emu.rejections == []
