"""The staff wizards count the steps this user really sees (issue 15, item 3), their audience pickers have
Back and Cancel (item 5), and their lines start with a capital letter (item 12)."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator

import pytest

from bot.emulator.sample_media import PDF
from bot.factory import Overrides
from db.models import Organisation
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_texts, button_with
from tests.support.org_tree import DISTRICT, SCHOOL, add_tree, staff_member
from tests.support.small_plan import small_catalogue

PSY, COORD = 8701, 8702
HEADER = re.compile(r"(\d+)/(\d+)-қадам|шаг (\d+) из (\d+)")
# /update's buttons: Skip, Today, no evidence, in progress, Public, Internal.
UPDATE_WORDS = {
    "kk": ("Өткізіп жіберу", "Бүгін", "Фото мен құжат жоқ", "орындалуда", "Жария", "Ішкі"),
    "ru": ("Пропустить", "Сегодня", "Нет фото и документов", "в работе", "Публичный", "Внутренний"),
}
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
    return await staff_member(app, user_id, role, scope, locale)


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


@pytest.fixture
async def plan_app(database_url: str) -> AsyncIterator[RunningApp]:
    """The bot with a small roadmap over the test tree, for /update."""
    async with running_app(database_url, Overrides(catalogue=small_catalogue())) as running:
        yield running


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_update_steps_of_a_psychologist_with_one_school(plan_app: RunningApp, locale: str) -> None:
    words = UPDATE_WORDS[locale]
    section_name = {"kk": "Ата-аналармен жұмыс", "ru": "Работа с родителями"}[locale]
    measure_name = {"kk": "Ата-аналар жиналысы", "ru": "Родительские собрания"}[locale]
    psy = await _staff(plan_app, PSY, "psychologist", SCHOOL, locale)
    await psy.send("/update")
    sections = await psy.next_message()
    seen = [shown(sections)]
    await psy.press(sections, button_with(sections, section_name))
    measures = await psy.wait_edit(sections)
    seen.append(shown(measures))
    await psy.press(measures, button_with(measures, measure_name))  # two figures to report
    for typed in ("Жиналыс өтті.", "Собрание прошло.", "120", "3"):
        seen.append(shown(await psy.next_message()))
        await psy.send(typed)
    when = await psy.next_message()
    seen.append(shown(when))
    await psy.press(when, button_with(when, words[1]))
    evidence = await psy.next_message()
    seen.append(shown(evidence))
    await psy.press(evidence, button_with(evidence, words[2]))
    status = await psy.next_message()
    seen.append(shown(status))
    await psy.press(status, button_with(status, words[3]))
    visibility = await psy.wait_edit(status)
    seen.append(shown(visibility))
    await psy.press(visibility, button_with(visibility, words[5]))
    await psy.next_message()  # the summary: the school is not asked
    steps = [step_of(m) for m in seen]
    # The measure's two figures are counted once it is chosen.
    assert steps == [(1, 8), (2, 8), (3, 10), (4, 10), (5, 10), (6, 10), (7, 10), (8, 10), (9, 10), (10, 10)]
    assert_counted(steps)
    for text in seen:
        assert_capitalised(text)
    assert plan_app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_update_steps_of_a_district_coordinator(plan_app: RunningApp, locale: str) -> None:
    words = UPDATE_WORDS[locale]
    coord = await _staff(plan_app, COORD, "coordinator", DISTRICT, locale)
    await coord.send("/update 3")  # named: no section or measure to choose, no figures
    seen = [shown(await coord.next_message())]
    await coord.send("Стендтер жаңартылды.")
    text_ru = await coord.next_message()
    seen.append(shown(text_ru))
    await coord.press(text_ru, button_with(text_ru, words[0]))
    when = await coord.next_message()
    seen.append(shown(when))
    await coord.press(when, button_with(when, words[1]))
    evidence = await coord.next_message()
    seen.append(shown(evidence))
    await coord.press(evidence, button_with(evidence, words[2]))
    status = await coord.next_message()
    seen.append(shown(status))
    await coord.press(status, button_with(status, words[3]))
    visibility = await coord.wait_edit(status)
    seen.append(shown(visibility))
    await coord.press(visibility, button_with(visibility, words[4]))  # public: the Russian text is missing
    seen.append(shown(await coord.next_message()))
    await coord.send("Стенды обновлены.")
    orgs = await coord.next_message()  # a coordinator chooses for which organisation
    seen.append(shown(orgs))
    steps = [step_of(m) for m in seen]
    assert steps == [(1, 7), (2, 7), (3, 7), (4, 7), (5, 7), (6, 7), (7, 8), (8, 8)]
    assert_counted(steps)
    for text in seen:
        assert_capitalised(text)
    assert plan_app.emu.rejections == []


async def _upload_file_and_title(user, seen: list[str]) -> dict:
    """From the file prompt: a PDF, the first language, the suggested title; returns the next screen."""
    await user.send_document(file_name="Буллинг.pdf", data=PDF + b"% steps\n", mime_type="application/pdf")
    language = await user.next_message()
    seen.append(shown(language))
    await user.press(language, 0)
    title = await user.wait_edit(language)
    seen.append(shown(title))
    await user.press(title, 0)  # the file's name, suggested
    return await user.wait_edit(title)


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_upload_steps_of_a_psychologist_for_a_lesson(app: RunningApp, locale: str) -> None:
    psy = await _staff(app, PSY, "psychologist", SCHOOL, locale)
    await psy.send("/upload")
    start = await psy.next_message()
    seen = [shown(start)]
    await psy.press(start, button_with(start, "📚"))
    groups = await psy.wait_edit(start)
    seen.append(shown(groups))
    await psy.press(groups, 0)
    topics = await psy.wait_edit(groups)
    seen.append(shown(topics))
    await psy.press(topics, 0)
    seen.append(shown(await psy.wait_edit(topics)))  # the file
    preview = await _upload_file_and_title(psy, seen)
    assert HEADER.search(shown(preview)) is None  # a lesson topic's age is not asked: the preview follows
    steps = [step_of(m) for m in seen]
    assert steps == [(1, 6), (2, 6), (3, 6), (4, 6), (5, 6), (6, 6)]
    assert_counted(steps)
    for text in seen:
        assert_capitalised(text)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_upload_steps_of_a_coordinator_for_a_memo(app: RunningApp, locale: str) -> None:
    coord = await _staff(app, COORD, "coordinator", DISTRICT, locale)
    await coord.send("/upload")
    start = await coord.next_message()
    seen = [shown(start)]
    await coord.press(start, button_with(start, "📝"))
    categories = await coord.wait_edit(start)
    seen.append(shown(categories))
    await coord.press(categories, 0)
    memos = await coord.wait_edit(categories)
    seen.append(shown(memos))
    await coord.press(memos, 0)
    seen.append(shown(await coord.wait_edit(memos)))  # the file
    age = await _upload_file_and_title(coord, seen)
    seen.append(shown(age))  # a memo is asked for whom
    await coord.press(age, 0)
    assert HEADER.search(shown(await coord.wait_edit(age))) is None  # the preview
    steps = [step_of(m) for m in seen]
    # The memo's age question is counted once the memo way is chosen.
    assert steps == [(1, 6), (2, 7), (3, 7), (4, 7), (5, 7), (6, 7), (7, 7)]
    assert_counted(steps)
    for text in seen:
        assert_capitalised(text)
    assert app.emu.rejections == []


COLLEGE = "t-dis-c1"
COLLEGE_BUTTON = "Колледж"  # the grade's one name, the same in kk and ru


async def _add_college(app: RunningApp) -> None:
    async with app.dp["sessionmaker"]() as session:
        name_kk, name_ru = "№ 1 колледж", "Колледж № 1"
        session.add(
            Organisation(code=COLLEGE, kind="college", parent_code=DISTRICT, name_kk=name_kk, name_ru=name_ru)
        )
        await session.commit()


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_post_grades_are_those_of_the_chosen_organisations(app: RunningApp, locale: str) -> None:
    words = {"kk": ("№ 1 мектеп", "№ 1 колледж", "Дайын"), "ru": ("Школа № 1", "Колледж № 1", "Готово")}[
        locale
    ]
    coord = await _staff(app, COORD, "coordinator", DISTRICT, locale)
    await _add_college(app)
    await coord.send("/post")
    await coord.next_message()
    await coord.send("Аудандық жарыс сенбі күні өтеді.")
    await coord.next_message()
    await coord.send("Районные соревнования пройдут в субботу.")
    media = await coord.next_message()
    await coord.press(media, 0)
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, words[0]))  # a school only
    orgs = await coord.wait_edit(orgs)
    await coord.press(orgs, button_with(orgs, words[2]))
    grades = await coord.wait_edit(orgs)
    assert not any(COLLEGE_BUTTON in text for text in button_texts(grades))
    assert any("1" in text for text in button_texts(grades))  # the school's grades are there
    await coord.press(grades, BACK[locale])
    orgs = await coord.wait_edit(grades)
    await coord.press(orgs, button_with(orgs, words[1]))  # and the college
    orgs = await coord.wait_edit(orgs)
    await coord.press(orgs, button_with(orgs, words[2]))
    grades = await coord.wait_edit(orgs)
    assert any(COLLEGE_BUTTON in text for text in button_texts(grades))
    assert step_of(shown(grades)) == (5, 7)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
@pytest.mark.parametrize("with_college", [False, True])
async def test_event_grades_of_a_whole_district_are_those_taught_in_it(
    app: RunningApp, locale: str, with_college: bool
) -> None:
    everyone = {"kk": "Сынақ ауданы: барлығына", "ru": "Всем: Тестовый район"}[locale]
    coord = await _staff(app, COORD, "coordinator", DISTRICT, locale)
    if with_college:
        await _add_college(app)
    await coord.send("/event")
    await coord.next_message()
    for typed in ("Қауіпсіз интернет", "Безопасный интернет", "20.12.2026 18:30", "Актовый зал"):
        await coord.send(typed)
        await coord.next_message()
    orgs = coord.messages[-1]
    await coord.press(orgs, button_with(orgs, everyone))
    grades = await coord.wait_edit(orgs)
    assert any(COLLEGE_BUTTON in text for text in button_texts(grades)) is with_college
    assert app.emu.rejections == []
