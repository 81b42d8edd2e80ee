"""Memos, lessons, Family Hour and the roadmap page, through the emulator in both languages."""

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.clock import KZ, FrozenClock
from bot.content import Content
from bot.factory import Overrides
from bot.measures import Catalogue, load_catalogue
from bot.views.formats import date_before_stop
from tests.support.app import RunningApp, running_app
from tests.support.chat import button_with, buttons, pick_language, settle
from tests.support.org_tree import REGION, SCHOOL, add_parent, add_tree

CONTENT = Content.load()
HELPLINE_LINE = {"kk": "тегін, анонимді, тәулік бойы", "ru": "бесплатно, анонимно, круглосуточно"}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_memo_by_category_ends_with_the_helpline_line(app: RunningApp, locale: str) -> None:
    user = app.emu.user(8001, language_code=locale)
    await pick_language(user, locale)
    await user.send("/memos")
    topics = await user.next_message()
    category = CONTENT.memos.categories[0]
    await user.press(topics, button_with(topics, category.title(locale)))
    listing = await user.wait_edit(topics)
    memo = CONTENT.memos_in(category.slug)[0]
    await user.press(listing, button_with(listing, memo.get(locale).label))
    shown = await user.next_message()
    assert shown["text"].startswith(memo.get(locale).title)
    assert HELPLINE_LINE[locale] in shown["text"]
    share = [b for b in buttons(shown) if "switch_inline_query" in b]
    assert share and share[0]["switch_inline_query"] == memo.get(locale).title
    assert app.emu.rejections == []


async def test_a_shared_memo_is_found_inline_by_its_title(app: RunningApp) -> None:
    memo = CONTENT.memos.memos[3]
    user = app.emu.user(8002, language_code="ru")
    results = await user.inline(memo.ru.title)
    # Right after the 111 and 112 cards, which come first for any query (handlers/inline.py).
    assert results[2]["id"] == f"memo_{memo.slug}"
    assert memo.ru.title in results[2]["input_message_content"]["message_text"]
    # A single word of the title is enough, and helpline cards still follow.
    word = max(memo.ru.title.split(), key=len)
    results = await user.inline(word)
    assert any(r["id"] == f"memo_{memo.slug}" for r in results)
    assert any(r["id"] == "contact_center_111" for r in results)
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_lessons_by_age_group(app: RunningApp, locale: str) -> None:
    user = app.emu.user(8003, language_code=locale)
    await pick_language(user, locale)
    await user.send("/lessons")
    groups = await user.next_message()
    for group in CONTENT.lessons.groups:
        assert group.get(locale).title in " ".join(b["text"] for b in buttons(groups))
    group = CONTENT.lessons.groups[2]
    await user.press(groups, button_with(groups, group.get(locale).title))
    topics = await user.wait_edit(groups)
    topic = group.topics[0]
    await user.press(topics, button_with(topics, topic.get(locale).label))
    shown = await user.next_message()
    assert topic.get(locale).title in shown["text"]
    assert {"kk": "Бала не үйренеді", "ru": "Чему учится ребёнок"}[locale] in shown["text"]
    assert {"kk": "Үйде қалай бекітуге болады", "ru": "Как закрепить дома"}[locale] in shown["text"]
    assert app.emu.rejections == []


NEXT = {
    "kk": "Қолданыстағы жол картасы (",
    "ru": "По действующей дорожной карте (",
}


def top_of(page: dict[str, Any]) -> str:
    """The paragraph under the title: the next Family Hour, or why no month is named."""
    return str(page["text"]).split("\n\n")[1]


@pytest.mark.parametrize(
    ("today", "kk_month", "ru_month"),
    [
        (datetime(2025, 11, 22, 10, 0), "желтоқсан", "декабре"),
        (datetime(2024, 12, 31, 23, 59), "желтоқсан", "декабре"),
        # 00:05 in Kazakhstan is still 31 December in UTC: the month is Kazakhstan's.
        (datetime(2025, 1, 1, 0, 5), "наурыз", "марте"),
        (datetime(2025, 7, 1, 9, 0), "қыркүйек", "сентябре"),
    ],
)
async def test_family_hour_names_the_next_month_in_kazakhstan_time(
    database_url: str, today: datetime, kk_month: str, ru_month: str
) -> None:
    clock = FrozenClock(today.replace(tzinfo=KZ))
    async with running_app(database_url, Overrides(clock=clock)) as app:
        for user_id, locale, month in ((8004, "kk", kk_month), (8005, "ru", ru_month)):
            user = app.emu.user(user_id, language_code=locale)
            await user.send("/familyhour")
            shown = await user.next_message()
            # The 2023–2025 roadmap is in force: its schedule names the month.
            assert NEXT[locale] in top_of(shown) and "2023–2025" in top_of(shown)
            assert month in top_of(shown)
            # Its four months, in the past tense, close the explanation.
            assert CONTENT.familyhour.text(locale).schedule in shown["text"]
        assert app.emu.rejections == []


@pytest.mark.parametrize(
    "today",
    [
        # The roadmap ended on 31 December 2025 in Kazakhstan, while UTC is still on its last day.
        datetime(2026, 1, 1, 0, 5),
        datetime(2026, 12, 6, 12, 0),
    ],
)
async def test_family_hour_between_roadmaps_names_no_month(database_url: str, today: datetime) -> None:
    clock = FrozenClock(today.replace(tzinfo=KZ))
    async with running_app(database_url, Overrides(clock=clock)) as app:
        for user_id, locale in ((8010, "kk"), (8011, "ru")):
            t = CONTENT.familyhour.text(locale)
            user = app.emu.user(user_id, language_code=locale)
            await user.send("/familyhour")
            shown = await user.next_message()
            assert NEXT[locale] not in shown["text"]
            # What the ended roadmap scheduled, that there is no new one, and who announces meetings now.
            assert top_of(shown) == f"{t.schedule} {t.no_roadmap} {t.school_announces}"
            assert shown["text"].count(t.schedule) == 1
        assert app.emu.rejections == []


async def test_family_hour_follows_the_roadmap_of_the_parents_region(database_url: str) -> None:
    """A region whose next roadmap is imported ahead of its start: its parents get no month and that start,
    while a parent who follows no school gets the roadmap in force elsewhere."""
    krg = load_catalogue().plan("krg-2023-2025")
    assert krg is not None
    ahead = krg.model_copy(
        update={
            "code": "t-2026-2028",
            "region": REGION,
            "starts": date(2026, 1, 1),
            "ends": date(2028, 12, 31),
        }
    )
    fh = CONTENT.familyhour.model_copy(update={"measures": {krg.code: 55, ahead.code: 55}})
    overrides = Overrides(
        clock=FrozenClock(datetime(2025, 11, 22, 10, 0, tzinfo=KZ)),
        content=CONTENT.model_copy(update={"familyhour": fh}),
        catalogue=Catalogue(plans=(krg, ahead)),
    )
    async with running_app(database_url, overrides) as app:
        await add_tree(app.dp["sessionmaker"])
        for user_id, locale in ((8012, "kk"), (8013, "ru")):
            t = CONTENT.familyhour.text(locale)
            starts = t.next_roadmap.format(date=date_before_stop(ahead.starts, locale))
            follower = app.emu.user(user_id, language_code=locale)
            await pick_language(follower, locale)
            await add_parent(app.dp["sessionmaker"], user_id, locale, (SCHOOL, "5"))
            await follower.send("/familyhour")
            shown = await follower.next_message()
            assert NEXT[locale] not in shown["text"]
            assert top_of(shown).startswith(t.schedule) and starts in top_of(shown)
            assert t.no_roadmap not in shown["text"]
            newcomer = app.emu.user(user_id + 100, language_code=locale)
            await newcomer.send("/familyhour")
            assert NEXT[locale] in top_of(await newcomer.next_message())
        assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_about_opens_short_and_shows_the_figures_on_a_button(app: RunningApp, locale: str) -> None:
    user = app.emu.user(8006, language_code=locale)
    await user.send("/about")
    shown = await user.next_message()
    # The first screen: what the roadmap is, what the bot is for, where to call; no figures yet.
    assert "56" in shown["text"] and "111" in shown["text"]
    assert not re.search(r"317\s681", shown["text"])
    assert len(shown["text"]) < 1300, len(shown["text"])
    await user.press(shown, button_with(shown, CONTENT.about.text(locale).more))
    details = await user.wait_edit(shown)
    assert re.search(r"317\s681", details["text"]), details["text"]
    assert "{" not in details["text"]
    await user.press(details, button_with(details, "ℹ️"))
    back = await user.wait_edit(details)
    assert back["text"] == shown["text"]
    assert app.emu.rejections == []


async def test_help_leads_to_about(app: RunningApp) -> None:
    user = app.emu.user(8007, language_code="ru")
    await user.send("/help")
    shown = await user.next_message()
    assert "/about" in shown["text"]
    await user.press(shown, button_with(shown, "О дорожной карте"))
    await settle(user)
    assert "56" in user.messages[-1]["text"]


async def test_family_hour_puts_the_month_and_no_events_at_the_top(app: RunningApp) -> None:
    for user_id, locale in ((8008, "kk"), (8009, "ru")):
        user = app.emu.user(user_id, language_code=locale)
        await user.send("/familyhour")
        shown = await user.next_message()
        paragraphs = shown["text"].split("\n\n")
        # Title, where Family Hour stands (today no roadmap is in force: what the 2023–2025 one scheduled),
        # then why no events are listed: all before the explanation of what Family Hour is.
        assert "2023–2025" in paragraphs[1]
        assert "/subscribe" in paragraphs[2]
        assert paragraphs[3].startswith("«Отбасы сағаты» —")
        assert app.emu.rejections == []


def rendered_pages(locale: str) -> dict[str, str]:
    """Every page of /about, /familyhour and /lessons, as Telegram shows it (tags stripped)."""
    from bot.emulator.formatting import message_text
    from bot.i18n import create_i18n
    from bot.views.about import Successor, about_details, about_message
    from bot.views.familyhour import Schedule, familyhour_message
    from bot.views.lessons import lessons_intro, topic_message

    krg = load_catalogue().plan(CONTENT.about.plan)
    assert krg is not None
    # The longest line /about can show: a new roadmap in force, named by a title as long as this one's.
    in_force = Successor(in_force=krg.title.get(locale))
    pages = {"about details": about_details(CONTENT, locale)}
    schedules = {
        "family hour": Schedule(in_force=True, next_month=12, years="2023–2025"),
        "family hour between roadmaps": Schedule(in_force=False, next_starts=date(2027, 1, 1)),
    }
    with create_i18n("kk").context():
        pages["about"] = about_message(CONTENT, locale, Successor())
        pages["about under a new roadmap"] = about_message(CONTENT, locale, in_force)
        for label, schedule in schedules.items():
            pages[label] = familyhour_message(CONTENT, schedule, locale)
        pages["lessons"] = lessons_intro(CONTENT, locale)
        for group in CONTENT.lessons.groups:
            for topic in group.topics:
                pages[f"topic {topic.slug}"] = topic_message(group, topic, locale)
    return {label: message_text(html, "HTML").text for label, html in pages.items()}


# A paragraph longer than this is a wall of text on a phone screen.
PARAGRAPH_LIMIT = 300


@pytest.mark.no_database
@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_no_paragraph_runs_past_a_phone_screen(locale: str) -> None:
    for label, text in rendered_pages(locale).items():
        for line in text.split("\n"):
            assert len(line) <= PARAGRAPH_LIMIT, (label, len(line), line)


@pytest.mark.no_database
@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_the_lessons_screen_asks_for_the_age_group_once(locale: str) -> None:
    text = rendered_pages(locale)["lessons"]
    asks = {"kk": "таңдаңыз", "ru": "Выберите"}[locale]
    assert text.count(asks) == 1, text


@pytest.mark.no_database
def test_every_memo_and_topic_button_fits_a_phone() -> None:
    from bot.content.base import BUTTON_LIMIT

    items = [m.get(loc) for m in CONTENT.memos.memos for loc in ("kk", "ru")]
    items += [t.get(loc) for g in CONTENT.lessons.groups for t in g.topics for loc in ("kk", "ru")]
    assert all(len(item.label) <= BUTTON_LIMIT for item in items)
    # A label is written for the button: never a title cut in the middle of a word.
    for item in items:
        if item.button and item.title.startswith(item.button):
            assert not item.title[len(item.button)].isalpha(), item.button


@pytest.mark.no_database
def test_a_title_too_long_for_a_button_needs_a_label() -> None:
    from pydantic import ValidationError

    from bot.content.memos import MemoText

    long_title = "Если в школе не решили проблему: куда обратиться"
    with pytest.raises(ValidationError, match="too long for a button"):
        MemoText(title=long_title, body="Текст.")
    assert MemoText(title=long_title, button="Куда обратиться", body="Текст.").label == "Куда обратиться"
    with pytest.raises(ValidationError):
        MemoText(title=long_title, button="Куда обратиться, если в школе не помогли", body="Текст.")


def test_content_files_exist_for_both_languages() -> None:
    folder = Path(__file__).resolve().parents[2] / "content"
    assert {p.name for p in folder.glob("*.yaml")} >= {
        "helplines.yaml",
        "crisis.yaml",
        "memos.yaml",
        "lessons.yaml",
        "familyhour.yaml",
        "about.yaml",
    }
