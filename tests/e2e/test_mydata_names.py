"""/mydata's summary names what it counts: the language by its name in the reader's language («қазақ тілі»,
«русский язык», not «kk»/«ru»), and each subscription by its school and grades, not «жазылым: 1»."""

from __future__ import annotations

import pytest

from tests.support.app import RunningApp
from tests.support.chat import pick_language
from tests.support.org_tree import SCHOOL, SCHOOL_2, add_parent, add_tree

# (chosen language, the language line, the subscription lines)
SUMMARY = {
    "kk": (
        "• таңдаған тіліңіз: қазақ тілі",
        "• жазылымдар:\n  ◦ № 1 мектеп — 5, 7-сыныптар\n  ◦ № 2 мектеп — 1-сынып",
    ),
    "ru": (
        "• выбранный язык: русский язык",
        "• подписки:\n  ◦ Школа № 1 — 5, 7 классы\n  ◦ Школа № 2 — 1 класс",
    ),
}


async def summary_of(user) -> str:
    await user.send("/mydata")
    first, second = await user.next_message(), await user.next_message()
    return (second if "document" in first else first)["text"]


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_mydata_names_the_language_and_each_subscription(app: RunningApp, locale: str) -> None:
    await add_tree(app.dp["sessionmaker"])
    user_id = 8821 if locale == "kk" else 8822
    user = app.emu.user(user_id, language_code=locale)
    await pick_language(user, locale)
    await add_parent(app.dp["sessionmaker"], user_id, locale, (SCHOOL, "7"), (SCHOOL, "5"), (SCHOOL_2, "1"))
    summary = await summary_of(user)
    language, subscriptions = SUMMARY[locale]
    assert language in summary, summary
    assert subscriptions in summary, summary
    assert ": kk" not in summary and ": ru" not in summary
    assert app.emu.rejections == []


@pytest.mark.parametrize(
    ("locale", "line"),
    [("kk", "• Telegram-дағы тіліңіз: қазақ тілі"), ("ru", "• язык вашего Telegram: русский язык")],
)
async def test_mydata_names_telegrams_language(app: RunningApp, locale: str, line: str) -> None:
    user = app.emu.user(8823 if locale == "kk" else 8824, language_code=locale)
    # No language chosen yet: the bot goes by Telegram's.
    summary = await summary_of(user)
    assert line in summary, summary
    assert app.emu.rejections == []
