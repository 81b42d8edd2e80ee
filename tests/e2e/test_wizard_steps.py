"""The staff wizards count the steps this user really sees (issue 15, item 3), their audience pickers have
Back and Cancel (item 5), and their lines start with a capital letter (item 12)."""

from __future__ import annotations

import itertools
import re

import pytest

from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, add_tree, grant

PSY, COORD = 8701, 8702
HEADER = re.compile(r"(\d+)/(\d+)-қадам|шаг (\d+) из (\d+)")
BACK = {"kk": "⬅️ Артқа", "ru": "⬅️ Назад"}
CANCEL = {"kk": "✖️ Болдырмау", "ru": "✖️ Отмена"}


def step_of(text: str) -> tuple[int, int]:
    found = HEADER.search(text)
    assert found, f"no step number in {text!r}"
    numbers = [int(g) for g in found.groups() if g is not None]
    return numbers[0], numbers[1]


def shown(message: dict) -> str:
    """The text as it is now: the emulator edits a message's dict in place when the bot edits it."""
    return str(message["text"])


def assert_counted(steps: list[tuple[int, int]]) -> None:
    """Starts at 1, never skips, and the last step is «N of N» (a step may be shown twice, after Back)."""
    assert steps[0][0] == 1
    numbers = [n for n, _ in steps]
    assert all(b - a <= 1 for a, b in itertools.pairwise(numbers)), steps
    assert steps[-1][0] == steps[-1][1], steps


def assert_capitalised(text: str) -> None:
    for line in text.splitlines():
        assert not line[:1].islower(), f"a line starts in lowercase: {line!r}"


def assert_nav(message: dict, locale: str, *, back: bool = True) -> None:
    texts = button_texts(message)
    assert CANCEL[locale] in texts
    assert (BACK[locale] in texts) is back


async def _staff(app: RunningApp, user_id: int, role: str, scope: str, locale: str):
    await add_tree(app.dp["sessionmaker"])
    await grant(app.dp["sessionmaker"], user_id, role, scope)
    user = app.emu.user(user_id)
    await pick_language(user, locale)
    return user


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_post_steps_of_a_psychologist_with_one_school(app: RunningApp, locale: str) -> None:
    words = {
        "kk": ("Барлық сыныптар", "Кәдімгі", "Белгіленген уақытта"),
        "ru": ("Все классы", "Обычный", "В назначенное время"),
    }[locale]
    psy = await _staff(app, PSY, "psychologist", SCHOOL, locale)
    await psy.send("/post")
    seen = [shown(await psy.next_message())]
    await psy.send("Ертең ата-аналар жиналысы болады.")
    seen.append(shown(await psy.next_message()))
    await psy.send("Завтра родительское собрание.")
    media = await psy.next_message()
    seen.append(shown(media))
    await psy.press(media, 0)  # no attachment
    grades = await psy.next_message()
    seen.append(shown(grades))
    assert_nav(grades, locale)
    await psy.press(grades, BACK[locale])  # back to the attachment
    media = await psy.wait_edit(grades)
    seen.append(shown(media))
    await psy.press(media, 0)
    grades = await psy.next_message()
    seen.append(shown(grades))
    await psy.press(grades, button_with(grades, words[0]))
    urgency = await psy.wait_edit(grades)
    seen.append(shown(urgency))
    await psy.press(urgency, button_with(urgency, words[1]))
    when = await psy.wait_edit(urgency)
    seen.append(shown(when))
    if locale == "kk":
        assert "Хабарландыруды қашан жібереміз: қазір бе, әлде белгіленген уақытта ма?" in when["text"]
    await psy.press(when, button_with(when, words[2]))
    seen.append(shown(await psy.wait_edit(when)))  # the time, still the last step
    steps = [step_of(m) for m in seen]
    assert steps == [(1, 6), (2, 6), (3, 6), (4, 6), (3, 6), (4, 6), (5, 6), (6, 6), (6, 6)]
    assert_counted(steps)
    for text in seen:
        assert_capitalised(text)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_post_steps_of_a_district_coordinator(app: RunningApp, locale: str) -> None:
    words = {
        "kk": ("№ 1 мектеп", "Дайын", "Барлық сыныптар", "Үнсіз", "Қазір", "тексеріңіз", "Таңдалғаны: 1"),
        "ru": ("Школа № 1", "Готово", "Все классы", "Тихий", "Сейчас", "Проверьте", "Выбрано: 1"),
    }[locale]
    coord = await _staff(app, COORD, "coordinator", DISTRICT, locale)
    await coord.send("/post")
    seen = [shown(await coord.next_message())]
    await coord.send("Аудандық жарыс сенбі күні өтеді.")
    seen.append(shown(await coord.next_message()))
    await coord.send("Районные соревнования пройдут в субботу.")
    media = await coord.next_message()
    seen.append(shown(media))
    await coord.press(media, 0)
    orgs = await coord.next_message()
    seen.append(shown(orgs))
    assert_nav(orgs, locale)
    await coord.press(orgs, button_with(orgs, words[0]))
    orgs = await coord.wait_edit(orgs)
    assert words[6] in orgs["text"]  # «Выбрано: 1», not «выбрана 1»
    seen.append(shown(orgs))
    await coord.press(orgs, button_with(orgs, words[1]))
    grades = await coord.wait_edit(orgs)
    seen.append(shown(grades))
    assert_nav(grades, locale)
    await coord.press(grades, BACK[locale])  # back to the organisations, the tick kept
    orgs = await coord.wait_edit(grades)
    assert words[6] in orgs["text"]
    seen.append(shown(orgs))
    await coord.press(orgs, button_with(orgs, words[1]))
    grades = await coord.wait_edit(orgs)
    seen.append(shown(grades))
    await coord.press(grades, button_with(grades, words[2]))
    urgency = await coord.wait_edit(grades)
    seen.append(shown(urgency))
    await coord.press(urgency, button_with(urgency, words[3]))
    when = await coord.wait_edit(urgency)
    seen.append(shown(when))
    await coord.press(when, button_with(when, words[4]))
    steps = [step_of(m) for m in seen]
    assert steps == [(1, 7), (2, 7), (3, 7), (4, 7), (4, 7), (5, 7), (4, 7), (5, 7), (6, 7), (7, 7)]
    assert_counted(steps)
    summary = None
    for _ in range(6):
        summary = await coord.next_message()
        if words[5] in (summary.get("text") or ""):
            break
    assert summary is not None and words[5] in summary["text"]
    assert {"kk": "Қазір алушылар саны: 0", "ru": "Получателей сейчас: 0"}[locale] in summary["text"]
    for text in [*seen, shown(summary)]:
        assert_capitalised(text)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_event_steps_of_a_psychologist_with_one_school(app: RunningApp, locale: str) -> None:
    words = {"kk": ("Барлық сыныптар",), "ru": ("Все классы",)}[locale]
    psy = await _staff(app, PSY, "psychologist", SCHOOL, locale)
    await psy.send("/event")
    seen = [shown(await psy.next_message())]
    for typed in ("Қауіпсіз интернет", "Безопасный интернет", "20.12.2026 18:30"):
        await psy.send(typed)
        seen.append(shown(await psy.next_message()))
    await psy.send("Актовый зал")
    grades = await psy.next_message()  # who is invited is not asked: the one school
    seen.append(shown(grades))
    assert_nav(grades, locale)
    await psy.press(grades, BACK[locale])  # back to the place
    place = await psy.wait_edit(grades)
    seen.append(shown(place))
    await psy.send("Мәжіліс залы")
    grades = await psy.next_message()
    seen.append(shown(grades))
    await psy.press(grades, button_with(grades, words[0]))
    seen.append(shown(await psy.wait_edit(grades)))
    steps = [step_of(m) for m in seen]
    assert steps == [(1, 6), (2, 6), (3, 6), (4, 6), (5, 6), (4, 6), (5, 6), (6, 6)]
    assert_counted(steps)
    for text in seen:
        assert_capitalised(text)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_event_steps_of_a_coordinator_outside_family_hour(app: RunningApp, locale: str) -> None:
    words = {
        "kk": ("Ата-аналарға арналған семинар", "№ 1 мектеп", "Сынақ ауданы: барлығына", "Барлық сыныптар"),
        "ru": ("Семинар для родителей", "Школа № 1", "Всем: Тестовый район", "Все классы"),
    }[locale]
    coord = await _staff(app, COORD, "coordinator", DISTRICT, locale)
    await coord.send("/event")
    seen = [shown(await coord.next_message())]
    for typed in ("Қауіпсіз интернет", "Безопасный интернет"):
        await coord.send(typed)
        seen.append(shown(await coord.next_message()))
    await coord.send("20.01.2027 18:30")  # January: not a Family Hour month, so the kind is asked
    kind = await coord.next_message()
    seen.append(shown(kind))
    await coord.press(kind, button_with(kind, words[0]))
    seen.append(shown(await coord.next_message()))
    await coord.send("Актовый зал")
    orgs = await coord.next_message()
    seen.append(shown(orgs))
    assert_nav(orgs, locale)  # at the top of the tree Back goes to the place
    await coord.press(orgs, button_with(orgs, words[1]))
    grades = await coord.wait_edit(orgs)
    seen.append(shown(grades))
    await coord.press(grades, BACK[locale])  # back to who is invited
    orgs = await coord.wait_edit(grades)
    seen.append(shown(orgs))
    await coord.press(orgs, button_with(orgs, words[2]))
    grades = await coord.wait_edit(orgs)
    seen.append(shown(grades))
    await coord.press(grades, button_with(grades, words[3]))
    seen.append(shown(await coord.wait_edit(grades)))
    steps = [step_of(m) for m in seen]
    # The kind is counted once the date shows it is asked.
    assert steps == [(1, 7), (2, 7), (3, 7), (4, 8), (5, 8), (6, 8), (7, 8), (6, 8), (7, 8), (8, 8)]
    assert_counted(steps)
    for text in seen:
        assert_capitalised(text)
    assert app.emu.rejections == []
