"""/about tells, on the day it is shown in Kazakhstan, what followed the Karaganda roadmap 2023–2025 in its
region: nothing yet, a new roadmap imported ahead of its start, or a new roadmap in force."""

import logging
from datetime import date, datetime

import pytest

from bot.clock import KZ, FrozenClock
from bot.content import Content
from bot.content.base import Bilingual
from bot.factory import Overrides
from bot.measures import Catalogue, Plan, load_catalogue
from tests.support.app import running_app
from tests.support.chat import button_with

# What the page says of the old roadmap's end whatever the day, and the new status sentence after it.
ENDED = {"kk": "Ол 2025 жылы аяқталды.", "ru": "Срок её истёк в 2025 году."}
NOT_ADOPTED = {
    "kk": "Облыс жаңа жол картасын әлі қабылдаған жоқ.",
    "ru": "Новую дорожную карту область пока не приняла.",
}
# A new roadmap in force: its measures named by the roadmap, not «its»
# (in the paragraph «Ол» / «Её» is the old one).
NEW_MEASURES = {
    "kk": "Жаңа жол картасының іс-шаралары: /measures.",
    "ru": "Мероприятия новой дорожной карты: /measures.",
}
USERS = (("kk", 8101), ("ru", 8102))


def next_plan() -> tuple[Plan, Plan]:
    """The 2023–2025 roadmap and a successor for the same region, 2027–2029."""
    krg = load_catalogue().plan("krg-2023-2025")
    assert krg is not None
    title = Bilingual[str](
        kk="Қарағанды облысындағы балаларды қорғау жөніндегі 2027–2029 жылдарға арналған жол картасы",
        ru="Дорожная карта по защите детей в Карагандинской области на 2027–2029 годы",
    )
    new = krg.model_copy(
        update={
            "code": "krg-2027-2029",
            "title": title,
            "starts": date(2027, 1, 1),
            "ends": date(2029, 12, 31),
        }
    )
    return krg, new


def at(day: datetime) -> FrozenClock:
    return FrozenClock(day.replace(tzinfo=KZ))


async def test_between_roadmaps_about_says_none_is_adopted_yet(database_url: str) -> None:
    async with running_app(database_url, Overrides(clock=at(datetime(2026, 12, 6, 12, 0)))) as app:
        for locale, user_id in USERS:
            user = app.emu.user(user_id, language_code=locale)
            await user.send("/about")
            shown = await user.next_message()
            assert f"{ENDED[locale]} {NOT_ADOPTED[locale]}" in shown["text"], shown["text"]
            assert "/measures" not in shown["text"]
        assert app.emu.rejections == []


# 00:30 on 1 January 2027 in Kazakhstan is still 31 December in UTC: the day is Kazakhstan's.
@pytest.mark.parametrize("today", [datetime(2027, 3, 1, 9, 0), datetime(2027, 1, 1, 0, 30)])
async def test_a_new_roadmap_in_force_is_named_with_its_measures(database_url: str, today: datetime) -> None:
    krg, new = next_plan()
    overrides = Overrides(clock=at(today), catalogue=Catalogue(plans=(krg, new)))
    async with running_app(database_url, overrides) as app:
        for locale, user_id in USERS:
            user = app.emu.user(user_id, language_code=locale)
            await user.send("/about")
            shown = await user.next_message()
            assert ENDED[locale] in shown["text"]
            assert f"«{new.title.get(locale)}»" in shown["text"] and NEW_MEASURES[locale] in shown["text"]
            assert NOT_ADOPTED[locale] not in shown["text"]
            # The main menu's screen is the same page, and so is the way back from the details.
            await user.send("/menu")
            menu = await user.next_message()
            await user.press(menu, button_with(menu, "ℹ️"))
            assert (await user.wait_edit(menu))["text"] == shown["text"]
            await user.press(shown, button_with(shown, "📊"))
            details = await user.wait_edit(shown)
            await user.press(details, button_with(details, "ℹ️"))
            assert (await user.wait_edit(details))["text"] == shown["text"]
        assert app.emu.rejections == []


async def test_a_new_roadmap_imported_ahead_gives_its_start(database_url: str) -> None:
    krg, new = next_plan()
    overrides = Overrides(clock=at(datetime(2026, 12, 6, 12, 0)), catalogue=Catalogue(plans=(krg, new)))
    async with running_app(database_url, overrides) as app:
        for locale, user_id in USERS:
            user = app.emu.user(user_id, language_code=locale)
            await user.send("/about")
            shown = await user.next_message()
            # «2027 жылғы 1 қаңтар», «1 января 2027 г.»: the sentence's full stop is not doubled.
            starts = {"kk": "2027 жылғы 1 қаңтар.", "ru": "1 января 2027\u202fг."}[locale]
            assert ENDED[locale] in shown["text"] and starts in shown["text"], shown["text"]
            assert ".." not in shown["text"]
            assert NOT_ADOPTED[locale] not in shown["text"]
            assert new.title.get(locale) not in shown["text"]
        assert app.emu.rejections == []


async def test_a_roadmap_the_catalogue_lacks_shows_the_page_without_the_status(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    # `python -m bot content check` refuses this content; a bot started with it still answers /about.
    content = Content.load()
    content = content.model_copy(update={"about": content.about.model_copy(update={"plan": "krg-2030-2032"})})
    overrides = Overrides(clock=at(datetime(2026, 12, 6, 12, 0)), content=content)
    async with running_app(database_url, overrides) as app:
        for locale, user_id in USERS:
            user = app.emu.user(user_id, language_code=locale)
            await user.send("/about")
            shown = (await user.next_message())["text"]
            # The paragraph goes on from the roadmap's end: no status, no space or empty line left for it.
            assert f"{ENDED[locale]}\n" in shown, shown
            assert NOT_ADOPTED[locale] not in shown and " \n" not in shown and "\n\n\n" not in shown
            assert "{" not in shown and shown.count("\n\n") == 3
        assert app.emu.rejections == []
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and all("krg-2030-2032" in r.getMessage() for r in errors), errors
