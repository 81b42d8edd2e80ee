"""An adult in crisis themself gets the reply for an adult, through the emulator, in Kazakh and Russian.

A wife beaten by her husband who wants to die, a woman raped by her husband, one beaten or threatened by a
husband or an ex with no child named, a teacher beaten by pupils, a parent hurt by their own teenager: «вы» /
«Сіз», no word of children, no line for a child, no memo for parents; a girl of 15 beaten by her boyfriend
stays a child. bot/crisis/writer.py decides who writes;
tests/unit/test_crisis_adult_self.py has the paraphrases.
"""

import re

import pytest

from bot.content import Content
from tests.support.app import RunningApp
from tests.support.chat import button_texts

CONTENT = Content.load()

# (language, message, the reply's kind)
CASES = [
    ("ru", "муж бьёт меня, не хочу жить", "adult_self"),
    ("kk", "күйеуім ұрады, өмір сүргім келмейді", "adult_self"),
    ("ru", "муж насилует меня", "adult_sexual_self"),
    ("kk", "күйеуім мені зорлайды", "adult_sexual_self"),
    ("ru", "бывший угрожает убить меня", "adult_violence_self"),
    ("kk", "маған 40 жаста, күйеуім мені ұрады", "adult_violence_self"),
    # A teacher beaten by pupils, a parent by their own teenager: the adult's own reply too (round 7).
    ("ru", "меня ученики избили", "adult_violence_self"),
    ("kk", "оқушылар мені ұрды, мен мұғаліммін", "adult_violence_self"),
    ("ru", "сын-подросток бьёт меня", "adult_violence_self"),
    ("kk", "ұлым мені ұрады", "adult_violence_self"),
    ("ru", "мой парень меня бьёт, мне 15", "violence"),
    ("kk", "маған 14 жас, жігітім мені ұрады", "violence"),
]


@pytest.mark.parametrize(("lang", "text", "kind"), CASES, ids=[f"{k}-{lang}" for lang, _, k in CASES])
async def test_an_adult_hurt_by_a_partner_is_answered_as_an_adult(
    app: RunningApp, lang: str, text: str, kind: str
) -> None:
    # Telegram says the user speaks the other language: the reply follows the message.
    user = app.emu.user(
        36_300 + CASES.index((lang, text, kind)), language_code="ru" if lang == "kk" else "kk"
    )
    await user.send(text)
    note = await user.next_message(timeout=3)
    reply = note["text"]
    assert app.emu.rejections == []
    written = CONTENT.crisis.replies.model_dump()[kind][lang].strip()
    plain = written.replace("<b>", "").replace("</b>", "")
    assert reply.startswith(plain.splitlines()[0]), reply
    child_note = CONTENT.crisis.child_note.get(lang).replace("<b>", "").replace("</b>", "").strip()
    if kind == "violence":  # a child: the reply for a child, with the line that the bot cannot talk
        assert child_note in reply, reply
        return
    assert child_note not in reply
    assert re.search(r"\bсіз\w*" if lang == "kk" else r"\b(вам|вас)\b", reply, re.I), reply
    for word in ("балал", "бала ", "детей", "детям", "ребён"):
        assert word not in reply, word
    assert len(button_texts(note)) == 1, button_texts(note)  # all helplines; no memo for parents
