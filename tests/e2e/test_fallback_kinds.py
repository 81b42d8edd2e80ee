"""What the bot cannot answer gets a short kind note that fits what was sent, says it is a bot and names 111,
112 and the police, 102, first, in words for a child and an adult alike; a child who thanks it after a crisis
reply is answered kindly, and what else they write gets the note."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from bot.emulator.sample_media import MP4
from tests.support.app import RunningApp
from tests.support.register import addresses

KAZAKH = set("әғқңөұүһі")
BOT = {"kk": "ботпын", "ru": "Я бот"}
HELP_FIRST = {
    "kk": "Қиын не қорқынышты болса — 111 (тегін, анонимді, тәулік бойы).\n"
    "Дәл қазір қауіп төнсе — 112, полиция — 102.",
    "ru": "Если трудно или страшно — 111 (бесплатно, анонимно, круглосуточно).\n"
    "Если опасность есть прямо сейчас — 112, полиция — 102.",
}
WELCOME = {"kk": "Оқасы жоқ!", "ru": "Пожалуйста!"}


def video_note(user: Any) -> Callable[[], Awaitable[dict[str, Any]]]:
    async def send() -> dict[str, Any]:
        # The emulator's user has no helper for a round video message; it is a file of its own kind.
        return await user._send_file("video_note", MP4, {"duration": 5, "length": 240})

    return send


# kind: (how the user sends it, a word of its note in kk, in ru)
KINDS: dict[str, tuple[Callable[[Any], Callable[[], Awaitable[dict[str, Any]]]], str, str]] = {
    "document": (lambda u: u.send_document, "файлдарды", "файлы"),
    "sticker": (lambda u: u.send_sticker, "Стикер үшін", "за стикер"),
    "video": (lambda u: u.send_video, "бейнені", "смотреть видео."),
    "video_note": (video_note, "бейнехабарлама", "видеосообщения"),
    "location": (lambda u: u.send_location, "геолокация", "геопозицию"),
    "contact": (lambda u: u.send_contact, "контакті", "контакты"),
    "voice": (lambda u: u.send_voice, "дауыстық", "голосовые"),
    "photo": (lambda u: u.send_photo, "суретті", "фото"),
}


def check_note(text: str, locale: str) -> None:
    assert BOT[locale] in text
    assert text.startswith(HELP_FIRST[locale] + "\n\n"), text
    assert addresses(text, locale) == [], text
    assert any(c in text for c in KAZAKH) == (locale == "kk")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_each_kind_of_message_gets_a_note_that_fits_it(app: RunningApp, locale: str) -> None:
    user = app.emu.user(6101 if locale == "kk" else 6102, language_code=locale)
    notes = {}
    for kind, (sender, kk_word, ru_word) in KINDS.items():
        await sender(user)()
        text = (await user.next_message())["text"]
        assert (kk_word if locale == "kk" else ru_word) in text, (kind, text)
        check_note(text, locale)
        notes[kind] = text
    assert len(set(notes.values())) == len(notes), "each kind its own note"
    assert app.emu.rejections == []


CRISIS = {"kk": "сыныптастарым мені күнде мазақтайды", "ru": "меня травят в классе, все смеются надо мной"}
AFTER = {"kk": ["рақмет", "менің телефоным жоқ"], "ru": ["спасибо", "у меня нет телефона"]}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_after_a_crisis_reply_thanks_are_welcomed_the_rest_noted(app: RunningApp, locale: str) -> None:
    user = app.emu.user(6103 if locale == "kk" else 6104, language_code=locale)
    await user.send(CRISIS[locale])
    crisis = await user.next_message()
    assert "111" in crisis["text"]
    thanks, other = AFTER[locale]
    await user.send(thanks)
    assert (await user.next_message())["text"].startswith(WELCOME[locale])
    await user.send(other)
    check_note((await user.next_message())["text"], locale)
    assert app.emu.rejections == []
