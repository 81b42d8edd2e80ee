"""What the bot cannot answer opens with where help is (111; 112 and the police, 102, for danger now), not
with a thank-you; a plain thank-you gets a short «you're welcome» and the menu instead of that note."""

from __future__ import annotations

import pytest

from tests.support.app import RunningApp
from tests.support.chat import button_texts
from tests.support.register import addresses

HELP_FIRST = {
    "kk": "Қиын не қорқынышты болса — 111 (тегін, анонимді, тәулік бойы).\n"
    "Дәл қазір қауіп төнсе — 112, полиция — 102.\n\n",
    "ru": "Если трудно или страшно — 111 (бесплатно, анонимно, круглосуточно).\n"
    "Если опасность есть прямо сейчас — 112, полиция — 102.\n\n",
}
CANNOT_ANSWER = {
    "kk": "Мен — ботпын: тек батырмалар мен командаларды түсінемін, сондықтан бұл хабарламаға жауап бере "
    "алмаймын.",
    "ru": "Я бот: понимаю только кнопки и команды, поэтому на это сообщение ответить не могу.",
}
WELCOME = {"kk": "Оқасы жоқ!", "ru": "Пожалуйста!"}
MENU_BUTTON = {"kk": "🆘 Көмек дәл қазір керек", "ru": "🆘 Помощь прямо сейчас"}
THANKS = [
    "рахмет",
    "Рақмет!",
    "спасибо",
    "Спасибо большое!!",
    "благодарю 🙏",
    "thanks",
    "Raxmet)",
    "spasibo.",
    "көп рақмет сізге 😊",
    "Thank you!",
]
NOT_THANKS = {"kk": "рақмет, ертең сабақ бар ма?", "ru": "спасибо, а когда собрание?"}


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_text_the_bot_cannot_answer_leads_with_help(app: RunningApp, locale: str) -> None:
    user = app.emu.user(6111 if locale == "kk" else 6112, language_code=locale)
    for text in ("сәлем, қалың қалай?" if locale == "kk" else "привет, как дела?", NOT_THANKS[locale]):
        await user.send(text)
        note = await user.next_message()
        assert note["text"].startswith(HELP_FIRST[locale]), note["text"]
        assert CANNOT_ANSWER[locale] in note["text"]
        assert addresses(note["text"], locale) == [], note["text"]
        assert MENU_BUTTON[locale] in button_texts(note)
    await user.send(("Сәлеметсіз бе. " if locale == "kk" else "Здравствуйте. ") * 150)
    long_note = await user.next_message()
    assert long_note["text"].startswith(HELP_FIRST[locale]), long_note["text"]
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_thank_you_gets_a_welcome_and_the_menu(app: RunningApp, locale: str) -> None:
    user = app.emu.user(6113 if locale == "kk" else 6114, language_code=locale)
    for text in THANKS:
        await user.send(text)
        reply = await user.next_message()
        assert reply["text"].startswith(WELCOME[locale]), (text, reply["text"])
        assert "111" not in reply["text"], text
        assert MENU_BUTTON[locale] in button_texts(reply)
    assert app.emu.rejections == []
