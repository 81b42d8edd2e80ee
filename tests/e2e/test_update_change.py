"""/update's summary has ✏️ Change: one part of the progress update (a text, a figure, the date, the evidence,
the status, whether parents see it, the organisation) is asked again, its question saying what is there now,
and the bot goes straight back to a fresh summary with the rest kept. ⬅️ Back at the part's question puts it
back; Confirm saves what the latest summary shows; an old or forged Change changes nothing. On the way, every
question after the first has ⬅️ Back (to the question before it) and ✖️ Cancel, the typed ones too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from bot.clock import KZ, FrozenClock
from bot.digest import iso_week
from bot.factory import Overrides
from bot.middlewares.throttling import FloodControl
from db.models import DigestRun, MeasureUpdate, Post
from tests.support.app import RunningApp, running_app
from tests.support.audits import audit_count
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.org_tree import DISTRICT, SCHOOL, SCHOOL_2, add_parent, add_tree, grant
from tests.support.restarts import NOW, bot_process, quiet_emulator
from tests.support.small_plan import small_catalogue

PSY, COORD, STRANGER = 9101, 9102, 9103
START = datetime(2026, 12, 2, 12, 0, tzinfo=KZ)  # a Wednesday afternoon: no quiet hours
KK, RU, RU_NEW = (
    "Ата-аналар жиналысы өтті.",
    "Прошло собрание.",
    "Прошло родительское собрание в актовом зале.",
)
W = {
    "kk": {
        "summary": "Есепті тексеріңіз",
        "confirm": "Растау",
        "saved": "Сақталды",
        "change": "Өзгерту",
        "menu": "Нені өзгерткіңіз келеді?",
        "back": "Артқа",
        "cancel": "Болдырмау",
        "skip": "Өткізіп жіберу",
        "today": "Бүгін",
        "no_evidence": "Фото мен құжат жоқ",
        "in_progress": "орындалуда",
        "done": "орындалды",
        "public": "Жария",
        "internal": "Ішкі",
        "kk": "Қазақша мәтін",
        "ru": "Орысша мәтін",
        "participants": "Қатысушылар",
        "events": "Өткен іс-шаралар",
        "date": "Күні",
        "evidence": "Фото немесе құжат",
        "status": "Орындалу күйі",
        "who": "Кім көреді",
        "org": "Ұйым",
        "text_now": "Қазіргі мәтін:",
        "currently": "Ағымдағы мәні",
        "over": "Бұл қадам аяқталды",
        "seen_yes": "Ата-аналар көреді: иә",
        "seen_no": "Ата-аналар көреді: жоқ",
        "ask_kk": "Қазақ тілінде де жазыңыз",
        "section": "қай бөлімде",
        "measure": "қай іс-шарасы",
        "ask_ru": "орыс",
        "when": "Қашан орындалды",
        "ask_evidence": "Дәлел ретінде",
        "ask_status": "әлде әлі жүріп жатыр ма",
        "how_many": "Қатысушылар —",
        "events_how_many": "Өткен іс-шаралар —",
    },
    "ru": {
        "summary": "Проверьте отчёт",
        "confirm": "Подтвердить",
        "saved": "Сохранено",
        "change": "Изменить",
        "menu": "Что вы хотите изменить?",
        "back": "Назад",
        "cancel": "Отмена",
        "skip": "Пропустить",
        "today": "Сегодня",
        "no_evidence": "Нет фото и документов",
        "in_progress": "в работе",
        "done": "выполнено",
        "public": "Публичный",
        "internal": "Внутренний",
        "kk": "Текст на казахском",
        "ru": "Текст на русском",
        "participants": "Участников",
        "events": "Проведено мероприятий",
        "date": "Дата",
        "evidence": "Фото или документ",
        "status": "Статус",
        "who": "Кто видит",
        "org": "Организация",
        "text_now": "Текущий текст:",
        "currently": "Текущее значение",
        "over": "Этот шаг уже завершён",
        "seen_yes": "Видят родители: да",
        "seen_no": "Видят родители: нет",
        "ask_kk": "Напишите его и по-казахски",
        "section": "В каком разделе",
        "measure": "О каком мероприятии",
        "ask_ru": "по-русски",
        "when": "Когда это сделано",
        "ask_evidence": "в подтверждение",
        "ask_status": "или ещё в работе",
        "how_many": "Участников —",
        "events_how_many": "Проведено мероприятий —",
    },
}


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[RunningApp]:
    # Some forty presses and messages in a few seconds: flood control must not take them for a flood.
    overrides = Overrides(
        clock=FrozenClock(START), catalogue=small_catalogue(), flood=FloodControl(limit=1000)
    )
    async with running_app(database_url, overrides) as running:
        await add_tree(running.dp["sessionmaker"])
        yield running


async def _updates(app: RunningApp) -> list[MeasureUpdate]:
    async with app.dp["sessionmaker"]() as session:
        return list(await session.scalars(select(MeasureUpdate).order_by(MeasureUpdate.id)))


async def _staff(app: RunningApp, user_id: int, role: str, scope: str, locale: str) -> Any:
    await grant(app.dp["sessionmaker"], user_id, role, scope)
    user = app.emu.user(user_id)
    await pick_language(user, locale)
    return user


def _has_back_and_cancel(message: dict, locale: str) -> bool:
    labels = button_texts(message)
    return any(W[locale]["back"] in b for b in labels) and any(W[locale]["cancel"] in b for b in labels)


async def _summary(user: Any, locale: str, *, kk: str | None = KK, public: bool = False) -> dict:
    """/update 2 (two figures) for the reporter's school: the texts, 120 participants, no events, done
    today, no evidence, in progress, internal (or public): the summary."""
    w = W[locale]
    await user.send("/update 2")
    ask_kk = await user.next_message()
    if kk is None:
        await user.press(ask_kk, button_with(ask_kk, w["skip"]))
    else:
        await user.send(kk)
    await user.next_message()
    await user.send(RU)
    await user.next_message()
    await user.send("120")
    events = await user.next_message()
    await user.press(events, button_with(events, w["skip"]))
    when = await user.next_message()
    await user.press(when, button_with(when, w["today"]))
    evidence = await user.next_message()
    await user.press(evidence, button_with(evidence, w["no_evidence"]))
    status = await user.next_message()
    await user.press(status, button_with(status, w["in_progress"]))
    visibility = await user.wait_edit(status)
    await user.press(visibility, button_with(visibility, w["public" if public else "internal"]))
    return await next_with(user, w["summary"])


async def _open(user: Any, summary: dict, locale: str, part: str) -> dict:
    """✏️ Change on `summary`, then the part: its question, in place of the menu."""
    w = W[locale]
    await user.press(summary, button_with(summary, w["change"]))
    menu = await user.wait_edit(summary)
    assert w["menu"] in menu["text"]
    await user.press(menu, button_with(menu, w[part]))
    question = await user.wait_edit(menu)
    assert _has_back_and_cancel(question, locale)
    return question


async def _confirm(user: Any, summary: dict, locale: str) -> dict:
    await user.press(summary, button_with(summary, W[locale]["confirm"]))
    return await next_with(user, W[locale]["saved"])


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_the_russian_text_from_the_summary(app: RunningApp, locale: str) -> None:
    w = W[locale]
    psy = await _staff(app, PSY, "psychologist", SCHOOL, locale)
    summary = await _summary(psy, locale)
    await psy.press(summary, button_with(summary, w["change"]))
    menu = await psy.wait_edit(summary)
    labels = " ".join(button_texts(menu))
    for part in ("kk", "ru", "participants", "events", "date", "evidence", "status", "who"):
        assert w[part] in labels, part
    assert w["org"] not in labels  # school staff are never asked for the organisation
    await psy.press(menu, button_with(menu, w["ru"]))
    question = await psy.wait_edit(menu)
    assert w["text_now"] in question["text"] and RU in question["text"]
    assert w["skip"] in " ".join(button_texts(question))  # internal, with a Kazakh text: may be left out
    await psy.send(RU_NEW)
    fresh = await psy.next_message()  # straight back: no figures, date, evidence, status asked again
    assert w["summary"] in fresh["text"] and RU_NEW in fresh["text"] and KK in fresh["text"]
    assert f"{w['how_many']} 120" in fresh["text"] and w["seen_no"] in fresh["text"]
    assert button_with(fresh, w["confirm"]) and button_with(fresh, w["change"])
    await _confirm(psy, fresh, locale)
    [update] = await _updates(app)
    assert (update.text_kk, update.text_ru, update.figures) == (KK, RU_NEW, {"participants": 120})
    assert update.status == "in_progress" and not update.public and update.done_on == date(2026, 12, 2)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_change_a_figure_the_status_the_date_and_the_evidence(app: RunningApp, locale: str) -> None:
    w = W[locale]
    psy = await _staff(app, PSY, "psychologist", SCHOOL, locale)
    summary = await _summary(psy, locale)

    question = await _open(psy, summary, locale, "participants")
    assert w["currently"] in question["text"] and "120" in question["text"]
    await psy.send("много")  # not a number: asked again, the change still open
    await psy.next_message()
    await psy.send("1 500")
    summary = await psy.next_message()
    assert w["summary"] in summary["text"] and "1\xa0500" in summary["text"]

    question = await _open(psy, summary, locale, "events")
    await psy.send("4")
    summary = await next_with(psy, w["summary"])
    assert f"{w['events_how_many']} 4" in summary["text"] and "1\xa0500" in summary["text"]

    question = await _open(psy, summary, locale, "status")
    assert w["currently"] in question["text"] and w["in_progress"] in question["text"]
    await psy.press(question, button_with(question, w["done"]))
    summary = await next_with(psy, w["summary"])
    assert "✅ " + w["done"] in summary["text"]

    question = await _open(psy, summary, locale, "date")
    assert "02.12.2026" in question["text"]
    await psy.send("10.12.2026")  # still ahead: refused, the change open
    await psy.next_message()
    await psy.send("01.12.2026")
    summary = await next_with(psy, w["summary"])
    assert "01.12.2026" in summary["text"]

    await _open(psy, summary, locale, "evidence")
    await psy.send_photo()
    summary = await next_with(psy, w["summary"])
    # Each answer came back to the summary: never the next question of the way (the status, the visibility).
    assert w["seen_no"] in summary["text"] and "✅ " + w["done"] in summary["text"]

    await _confirm(psy, summary, locale)
    [update] = await _updates(app)
    assert update.figures == {"participants": 1500, "events": 4} and update.status == "done"
    assert update.done_on == date(2026, 12, 1) and update.evidence_kind == "photo"
    assert (update.text_kk, update.text_ru) == (KK, RU) and not update.public
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_back_at_a_part_puts_it_back(app: RunningApp, locale: str) -> None:
    """Public with no Kazakh text asks for it; ⬅️ Back there puts the part back: internal, one language."""
    w = W[locale]
    psy = await _staff(app, PSY, "psychologist", SCHOOL, locale)
    summary = await _summary(psy, locale, kk=None)

    question = await _open(psy, summary, locale, "participants")
    await psy.press(question, button_with(question, w["skip"]))  # no figure of participants
    summary = await next_with(psy, w["summary"])
    assert w["how_many"] not in summary["text"]
    question = await _open(psy, summary, locale, "who")
    assert w["seen_no"] in question["text"]
    await psy.press(question, button_with(question, w["public"]))
    missing = await psy.wait_edit(question)  # in place: its Back goes to the menu
    assert w["ask_kk"] in missing["text"] and _has_back_and_cancel(missing, locale)
    assert w["skip"] not in " ".join(button_texts(missing))
    await psy.press(missing, button_with(missing, w["back"]))
    menu = await psy.wait_edit(missing)
    assert w["menu"] in menu["text"]
    await psy.press(menu, button_with(menu, w["back"]))
    same = await psy.wait_edit(menu)
    assert w["summary"] in same["text"] and w["seen_no"] in same["text"] and KK not in same["text"]

    # The Kazakh text of an internal update with a Russian one may be left out; of a public one never.
    question = await _open(psy, same, locale, "who")
    await psy.press(question, button_with(question, w["public"]))
    missing = await psy.wait_edit(question)
    await psy.send(KK)
    fresh = await next_with(psy, w["summary"])
    assert w["seen_yes"] in fresh["text"] and KK in fresh["text"] and RU in fresh["text"]
    question = await _open(psy, fresh, locale, "kk")
    assert KK in question["text"] and w["skip"] not in " ".join(button_texts(question))
    forged_skip = await psy.press_data(question, "mu:k:")
    assert forged_skip["show_alert"]
    await psy.press(question, button_with(question, w["back"]))
    menu = await psy.wait_edit(question)
    await psy.press(menu, button_with(menu, w["back"]))
    fresh = await psy.wait_edit(menu)
    await _confirm(psy, fresh, locale)
    [update] = await _updates(app)
    assert update.public and (update.text_kk, update.text_ru) == (KK, RU) and update.figures == {}
    assert update.post_id is not None
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_an_old_change_button_changes_nothing(app: RunningApp, locale: str) -> None:
    w = W[locale]
    psy = await _staff(app, PSY, "psychologist", SCHOOL, locale)
    summary = await _summary(psy, locale)
    await _open(psy, summary, locale, "ru")
    await psy.send(RU_NEW)
    fresh = await next_with(psy, w["summary"])
    # Change of the older summary (its message now the question) while the fresh one waits: a step over.
    old = await psy.press_data(summary, "mu:em:")
    assert w["over"] in old["text"]
    await _confirm(psy, fresh, locale)
    for message, data in ((summary, "mu:em:"), (fresh, "mu:em:"), (fresh, "mu:ep:kk"), (fresh, "mu:es:")):
        answer = await psy.press_data(message, data)
        assert w["over"] in answer["text"]
    [update] = await _updates(app)
    assert update.text_ru == RU_NEW
    assert await audit_count(app, "measure_update.stale") == 5
    assert app.emu.rejections == []


async def test_forged_change_presses_are_refused(app: RunningApp) -> None:
    psy = await _staff(app, PSY, "psychologist", SCHOOL, "ru")
    summary = await _summary(psy, "ru")
    stranger = app.emu.user(STRANGER)
    menu = await pick_language(stranger, "ru")
    for data in ("mu:em:", "mu:ep:ru"):
        refused = await stranger.press_data(menu, data)
        assert "для сотрудников" in refused["text"]
    # The organisation (school staff are not asked for it) and a part no draft has are forged presses.
    await psy.press(summary, button_with(summary, "Изменить"))
    menu = await psy.wait_edit(summary)
    for data in ("mu:ep:org", "mu:ep:zz", "mu:ep:f7"):
        forged = await psy.press_data(menu, data)
        assert forged["show_alert"]
    assert await audit_count(app, "measure_update.forged") == 3
    await psy.press(menu, button_with(menu, "Назад"))
    summary = await psy.wait_edit(menu)
    await _confirm(psy, summary, "ru")
    [update] = await _updates(app)
    assert (update.text_kk, update.text_ru) == (KK, RU)
    assert app.emu.rejections == []


async def test_a_coordinator_changes_the_district_to_one_school(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    coord = await _staff(app, COORD, "coordinator", DISTRICT, "kk")
    parent, elsewhere = app.emu.user(9111), app.emu.user(9112)
    await pick_language(parent, "kk")
    await pick_language(elsewhere, "kk")
    await add_parent(sm, 9111, "kk", (SCHOOL, "5"))
    await add_parent(sm, 9112, "kk", (SCHOOL_2, "5"))
    await coord.send("/update 3")
    await coord.next_message()
    await coord.send(KK)
    await coord.next_message()
    await coord.send(RU)
    when = await coord.next_message()
    await coord.press(when, button_with(when, "Бүгін"))
    evidence = await coord.next_message()
    await coord.press(evidence, button_with(evidence, "Фото мен құжат жоқ"))
    status = await coord.next_message()
    await coord.press(status, button_with(status, "орындалды"))
    visibility = await coord.wait_edit(status)
    await coord.press(visibility, button_with(visibility, "Жария"))
    orgs = await coord.next_message()
    await coord.press(orgs, button_with(orgs, "Бүкіл аудан"))
    summary = await next_with(coord, "Есепті тексеріңіз")
    assert "Аумақ: Сынақ ауданы" in summary["text"]

    # Back at the top of the picker: the menu, then the same summary, for the district as it was.
    orgs = await _open(coord, summary, "kk", "org")
    assert "Ағымдағы мәні: Сынақ ауданы" in orgs["text"]
    await coord.press(orgs, button_with(orgs, "Артқа"))
    menu = await coord.wait_edit(orgs)
    await coord.press(menu, button_with(menu, "Артқа"))
    summary = await coord.wait_edit(menu)
    assert "Аумақ: Сынақ ауданы" in summary["text"]

    orgs = await _open(coord, summary, "kk", "org")
    school = next(label for label in button_texts(orgs) if "№ 1" in label)
    await coord.press(orgs, school)
    fresh = await next_with(coord, "Есепті тексеріңіз")
    assert "Ұйым: " in fresh["text"] and "№ 1" in fresh["text"] and "Аумақ" not in fresh["text"]
    saved = await _confirm(coord, fresh, "kk")
    assert "Мақұлдауға" not in saved["text"]  # one school: no approver needed
    got = await next_with(parent, "жиналысы өтті")
    assert "Ақпараттық стендтер" in got["text"]
    await elsewhere.expect_no_message(0.5)
    [update] = await _updates(app)
    assert update.org_code == SCHOOL and update.public and update.status == "done"
    async with sm() as session:
        post = await session.get(Post, update.post_id)
        # Queued, waiting for no approver (the district as a whole would); the sender may have taken it.
        assert (
            post is not None and post.scope_code == SCHOOL and post.status in ("scheduled", "sending", "done")
        )
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_every_question_after_the_first_goes_back(app: RunningApp, locale: str) -> None:
    """⬅️ Back asks the question before in place of the one pressed on; the answers given stay until
    answered again; only the latest question's Back counts."""
    w = W[locale]
    psy = await _staff(app, PSY, "psychologist", SCHOOL, locale)
    await psy.send("/update")
    sections = await psy.next_message()
    assert w["section"] in sections["text"] and w["back"] not in " ".join(button_texts(sections))
    await psy.press(sections, button_with(sections, "1."))
    measures = await psy.wait_edit(sections)
    assert w["measure"] in measures["text"] and _has_back_and_cancel(measures, locale)
    await psy.press(measures, button_with(measures, w["back"]))
    sections = await psy.wait_edit(measures)
    assert w["section"] in sections["text"]
    await psy.press(sections, button_with(sections, "1."))
    measures = await psy.wait_edit(sections)
    await psy.press(measures, button_with(measures, "№2."))
    ask_kk = await psy.next_message()
    assert _has_back_and_cancel(ask_kk, locale)
    await psy.send(KK)
    ask_ru = await psy.next_message()
    assert w["ask_ru"] in ask_ru["text"] and _has_back_and_cancel(ask_ru, locale)
    await psy.press(ask_ru, button_with(ask_ru, w["back"]))
    ask_kk = await psy.wait_edit(ask_ru)
    assert _has_back_and_cancel(ask_kk, locale) and w["skip"] in " ".join(button_texts(ask_kk))
    await psy.send(KK + " Тағы.")
    await psy.next_message()
    await psy.send(RU)
    participants = await psy.next_message()
    assert w["how_many"] in participants["text"] and _has_back_and_cancel(participants, locale)
    await psy.send("120")
    events = await psy.next_message()
    await psy.press(events, button_with(events, w["back"]))
    participants = await psy.wait_edit(events)
    assert w["how_many"] in participants["text"]
    await psy.send("130")
    events = await psy.next_message()
    await psy.press(events, button_with(events, w["skip"]))
    when = await psy.next_message()  # a typed date: Back and Cancel as buttons all the same
    assert w["when"] in when["text"] and _has_back_and_cancel(when, locale)
    await psy.press(when, button_with(when, w["back"]))
    events = await psy.wait_edit(when)
    assert w["events_how_many"] in events["text"]
    await psy.press(events, button_with(events, w["skip"]))
    when = await psy.next_message()
    await psy.send("01.12.2026")
    evidence = await psy.next_message()
    assert w["ask_evidence"] in evidence["text"] and _has_back_and_cancel(evidence, locale)
    await psy.press(evidence, button_with(evidence, w["back"]))
    when = await psy.wait_edit(evidence)
    assert w["when"] in when["text"]
    await psy.press(when, button_with(when, w["today"]))
    evidence = await psy.next_message()
    await psy.press(evidence, button_with(evidence, w["no_evidence"]))
    status = await psy.next_message()
    assert w["ask_status"] in status["text"] and _has_back_and_cancel(status, locale)
    await psy.press(status, button_with(status, w["back"]))
    evidence = await psy.wait_edit(status)
    assert w["ask_evidence"] in evidence["text"]
    await psy.press(evidence, button_with(evidence, w["no_evidence"]))
    status = await psy.next_message()
    await psy.press(status, button_with(status, w["done"]))
    visibility = await psy.wait_edit(status)
    assert _has_back_and_cancel(visibility, locale)
    await psy.press(visibility, button_with(visibility, w["back"]))
    status = await psy.wait_edit(visibility)
    assert w["ask_status"] in status["text"]
    # An older question's Back (the date's, answered since) is a step over; the draft stays.
    stale = await psy.press_data(when, "mu:b:")
    assert w["over"] in stale["text"]
    await psy.press(status, button_with(status, w["in_progress"]))
    visibility = await psy.wait_edit(status)
    await psy.press(visibility, button_with(visibility, w["internal"]))
    summary = await next_with(psy, w["summary"])
    assert f"{w['how_many']} 130" in summary["text"] and w["events_how_many"] not in summary["text"]
    await _confirm(psy, summary, locale)
    [update] = await _updates(app)
    assert update.text_kk == KK + " Тағы." and update.figures == {"participants": 130}
    assert update.done_on == date(2026, 12, 2) and update.status == "in_progress"
    assert await audit_count(app, "measure_update.stale") == 1
    assert app.emu.rejections == []


async def test_a_public_update_goes_back_from_the_missing_language(app: RunningApp) -> None:
    psy = await _staff(app, PSY, "psychologist", SCHOOL, "ru")
    await psy.send("/update 3")
    ask_kk = await psy.next_message()
    assert "Назад" not in " ".join(button_texts(ask_kk))  # the first question: /update named the measure
    await psy.press(ask_kk, button_with(ask_kk, "Пропустить"))
    await psy.next_message()
    await psy.send(RU)
    when = await psy.next_message()
    await psy.press(when, button_with(when, "Сегодня"))
    evidence = await psy.next_message()
    await psy.press(evidence, button_with(evidence, "Нет фото"))
    status = await psy.next_message()
    await psy.press(status, button_with(status, "в работе"))
    visibility = await psy.wait_edit(status)
    await psy.press(visibility, button_with(visibility, "Публичный"))
    missing = await psy.next_message()
    assert "по-казахски" in missing["text"] and _has_back_and_cancel(missing, "ru")
    await psy.press(missing, button_with(missing, "Назад"))
    visibility = await psy.wait_edit(missing)
    await psy.press(visibility, button_with(visibility, "Внутренний"))
    summary = await next_with(psy, "Проверьте отчёт")
    assert "Видят родители: нет" in summary["text"]
    await _confirm(psy, summary, "ru")
    [update] = await _updates(app)
    assert not update.public and update.text_kk is None and update.text_ru == RU
    assert app.emu.rejections == []


async def test_a_change_survives_a_restart(database_url: str) -> None:
    emu = quiet_emulator()
    async with bot_process(database_url, emu, small_catalogue()) as app:
        sm = app.dp["sessionmaker"]
        await add_tree(sm)
        async with sm() as session:
            # This week's digest counts as sent, so it cannot come between a question and the answer.
            session.add(DigestRun(user_id=PSY, week=iso_week(NOW), claimed_at=NOW, sent_at=NOW))
            await session.commit()
        psy = await _staff(app, PSY, "psychologist", SCHOOL, "ru")
        summary = await _summary(psy, "ru")
        question = await _open(psy, summary, "ru", "ru")
        assert RU in question["text"]
        await app.idle()
    async with bot_process(database_url, emu, small_catalogue()) as app:  # the change is in the FSM storage
        await psy.send(RU_NEW)
        fresh = await next_with(psy, "Проверьте отчёт")
        assert RU_NEW in fresh["text"] and "Участников — 120" in fresh["text"]
        await _confirm(psy, fresh, "ru")
        [update] = await _updates(app)
        assert (update.text_kk, update.text_ru) == (KK, RU_NEW)
    assert emu.rejections == []
