"""The language of the crisis reply to a message that does not say its language, through the emulator.

A message of Kazakh and Russian words about as many of each (bot/crisis/language.py) is answered in the
language the user chose in the bot, else in Telegram's, else in the language most of its words are in (the
detector's guess). The chosen language is read from the database with at most CHOSEN_LANGUAGE_WAIT
(handlers/crisis.py): a slow or broken database does not hold the reply back, it goes in Telegram's language
or the guess. Each message is checked first: the detector is not sure of its language, and its guess is the
one the test says, so that the chosen or Telegram's language, when it is the other one, is what the reply
follows. Every script: Cyrillic, Kazakh without its letters, Latin.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from bot.crisis import load_detector
from db.repositories.users import UserRepository
from tests.support.app import RunningApp
from tests.support.chat import button_texts, pick_language

KAZAKH = set("әғқңөұүһі")

# The words lean one way, not enough to be sure: the detector's guess (Finding.locale) is the key.
MIXED = {
    "kk": [
        "өгей әкем мені ұрады, мне страшно",
        "маган оте жаман, хочу умереть",
        "ogei akem meni kunde urady, ya boyus",
    ],
    "ru": [
        "әкем ұрады, мне страшно идти домой",
        "олгим келеди, не хочу жить",
        "olgim keledi, ne hochu zhit",
    ],
}
OTHER = {"kk": "ru", "ru": "kk"}


def _unsure(message: str, guess: str) -> None:
    finding = load_detector().detect(message)
    assert finding is not None, message
    assert (finding.language_sure, finding.locale) == (False, guess), (message, finding)


def _in(reply: dict[str, Any], lang: str, message: str) -> None:
    # The crisis reply (111 and 112, the helplines on a button), not the apology of a failed update.
    assert "111" in reply["text"] and "112" in reply["text"], (message, reply["text"])
    assert button_texts(reply), message
    assert any(c in reply["text"] for c in KAZAKH) == (lang == "kk"), (lang, message, reply["text"])


@pytest.fixture
def stuck_database(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Reading the chosen language never ends (until the test is over): a database that does not answer."""
    original = UserRepository.language_of
    release = asyncio.Event()

    async def language_of(self: UserRepository, user_id: int) -> str | None:
        await release.wait()
        return await original(self, user_id)

    monkeypatch.setattr(UserRepository, "language_of", language_of)
    yield
    release.set()


# A database that is away or refuses the read; or any other failure of the read.
FAILURES = {
    "database": OperationalError("SELECT users.language", {}, ConnectionResetError("the database went away")),
    "other": RuntimeError("the read failed"),
}


@pytest.fixture(params=sorted(FAILURES))
def broken_database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the chosen language fails."""

    async def language_of(self: UserRepository, user_id: int) -> str | None:
        raise FAILURES[request.param]

    monkeypatch.setattr(UserRepository, "language_of", language_of)


@pytest.mark.parametrize("chosen", ["ru", "kk"])
async def test_a_mixed_message_is_answered_in_the_chosen_language(app: RunningApp, chosen: str) -> None:
    # The words lean to the other language and Telegram says the other one too: only the choice says `chosen`.
    other = OTHER[chosen]
    for n, message in enumerate(MIXED[other]):
        _unsure(message, other)
        user = app.emu.user(35_000 + 100 * (chosen == "kk") + n, language_code=other)
        await pick_language(user, chosen)
        await user.send(message)
        _in(await user.next_message(timeout=10), chosen, message)
    assert app.emu.rejections == []


@pytest.mark.parametrize("telegram", ["ru", "kk"])
async def test_someone_who_never_chose_is_answered_in_telegrams_language(
    app: RunningApp, telegram: str
) -> None:
    for n, message in enumerate(MIXED[OTHER[telegram]]):
        _unsure(message, OTHER[telegram])
        user = app.emu.user(35_200 + 100 * (telegram == "kk") + n, language_code=telegram)
        await user.send(message)
        _in(await user.next_message(timeout=10), telegram, message)
    assert app.emu.rejections == []


@pytest.mark.parametrize("telegram", ["ru", "kk"])
async def test_a_database_that_does_not_answer_does_not_hold_the_reply(
    app: RunningApp, stuck_database: None, telegram: str
) -> None:
    # They chose the other language, and the words lean to it: the reply that comes is in Telegram's.
    other = OTHER[telegram]
    for n, message in enumerate(MIXED[other]):
        _unsure(message, other)
        user = app.emu.user(35_400 + 100 * (telegram == "kk") + n, language_code=telegram)
        await pick_language(user, other)
        await user.send(message)
        _in(await user.next_message(timeout=10), telegram, message)
    assert app.emu.rejections == []


@pytest.mark.parametrize("guess", ["ru", "kk"])
async def test_with_no_language_to_read_the_guess_answers(
    app: RunningApp, stuck_database: None, guess: str
) -> None:
    # Telegram's language is neither Kazakh nor Russian, the database does not answer: the words decide,
    # whatever the default language of the bot (kk) and the language they chose.
    for n, message in enumerate(MIXED[guess]):
        _unsure(message, guess)
        user = app.emu.user(35_600 + 100 * (guess == "kk") + n, language_code="en")
        await pick_language(user, OTHER[guess])
        await user.send(message)
        _in(await user.next_message(timeout=10), guess, message)
    assert app.emu.rejections == []


@pytest.mark.parametrize("telegram", ["ru", "kk"])
async def test_a_database_that_fails_the_read_does_not_lose_the_reply(
    app: RunningApp, broken_database: None, telegram: str
) -> None:
    other = OTHER[telegram]
    message = MIXED[other][0]
    _unsure(message, other)
    user = app.emu.user(35_800 + 100 * (telegram == "kk"), language_code=telegram)
    await pick_language(user, other)
    await user.send(message)
    _in(await user.next_message(timeout=10), telegram, message)
    assert app.emu.rejections == []
