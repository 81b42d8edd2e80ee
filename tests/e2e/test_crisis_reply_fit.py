"""The crisis reply fits what the message said, through the emulator, in Kazakh and Russian.

A teacher who hits, a parent beaten with the children, a relative who touches, a blackmailer with photos, a
child who wants to run away: each gets words that do not send them to the one who hurts them, do not assume
what did not happen, and say what to do first. Every reply to a child says the bot cannot talk on.
"""

from typing import Any

import pytest

from bot.content import Content
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with

CONTENT = Content.load()

# The line every reply to a child ends with: a bot that cannot talk on, people who answer at 111, 112 from
# any phone (a child who writes «у меня нет телефона», «спасибо» gets no answer from the bot after it).
BOT_LINE = {"kk": ("Мен — ботпын", "111", "112"), "ru": ("Я — бот", "111", "112")}
# A trusted adult is named only together with «who does not hurt you».
TEACHER = {"kk": "мұғалім", "ru": "учител"}
SAFE_ADULT = {"kk": "ренжітпейтін", "ru": "не обижает"}
BLACKMAIL = {"kk": ("бопса", "төлеме"), "ru": ("шантаж", "не плати")}
HIT = {"kk": "ұруға", "ru": "бить"}


async def _reply(app: RunningApp, user_id: int, lang: str, text: str) -> tuple[Any, dict[str, Any]]:
    # Telegram says the user speaks the other language: the reply follows the message.
    user = app.emu.user(user_id, language_code="ru" if lang == "kk" else "kk")
    await user.send(text)
    reply = await user.next_message(timeout=3)
    assert "111" in reply["text"]
    assert app.emu.rejections == []
    return user, reply


def _has_bot_line(text: str, lang: str) -> bool:
    return any(all(part in line for part in BOT_LINE[lang]) for line in text.splitlines())


# (kind of what was written, language, message): every kind of child reply, typed as children type.
CHILD = [
    ("suicide", "kk", "бүгін түнде өлгім келіп жатыр, бәрі мағынасыз"),
    ("suicide", "ru", "я правда больше не хочу жить, всё бесполезно"),
    ("selfharm", "kk", "кеше тағы қолымды тілдім, ешкім білмейді"),
    ("selfharm", "ru", "опять порезалась ночью, никто не знает"),
    ("violence", "kk", "өгей әкем мені күнде ұрады"),
    ("violence", "ru", "отчим опять избил меня вчера вечером"),
    ("teacher", "kk", "мектепте мұғалім мені ұрады"),
    ("teacher", "ru", "учитель меня бьёт"),
    ("runaway", "kk", "үйден қашып кеткім келеді"),
    ("runaway", "ru", "хочу сбежать из дома"),
    ("relative", "kk", "ағайым денемді ұстайды"),
    ("relative", "ru", "дядя трогает меня когда мамы нет дома"),
    ("sextortion", "kk", "суретімді жібердім, енді ақша сұрайды әйтпесе таратамын дейді"),
    ("sextortion", "ru", "скинула фото парню а теперь он требует денег иначе выложит"),
    ("bullying", "kk", "сыныптастарым мені күнде мазақтайды"),
    ("bullying", "ru", "меня травят в классе, все смеются надо мной"),
    ("distress", "kk", "көмектесіңдерші, маған өте жаман, енді шыдай алмаймын"),
    ("distress", "ru", "помогите пожалуйста, мне очень плохо"),
]


@pytest.mark.parametrize(("case", "lang", "text"), CHILD, ids=[f"{c}-{lang}" for c, lang, _ in CHILD])
async def test_every_reply_to_a_child_says_it_is_a_bot_and_names_no_adult_who_may_hurt(
    app: RunningApp, case: str, lang: str, text: str
) -> None:
    _, note = await _reply(app, 36_000 + CHILD.index((case, lang, text)), lang, text)
    reply = note["text"]
    assert _has_bot_line(reply, lang), reply
    for line in reply.splitlines():
        if TEACHER[lang] in line.casefold():
            assert SAFE_ADULT[lang] in line, line
    for word in ("ата-анаңа", "анаңа", "әкеңе", "родителям", "маме", "папе"):
        assert word not in reply.casefold(), word
    blackmail = any(word in reply for word in BLACKMAIL[lang])
    assert blackmail == (case == "sextortion"), reply
    if case in ("runaway", "relative", "sextortion", "distress", "suicide", "selfharm"):
        assert HIT[lang] not in reply, reply


# (language, message from an adult, the memo the reply's button opens, numbers that must come before 111)
ADULT = [
    ("ru", "муж бьёт меня и детей", "signs_of_violence", ("112", "102")),
    ("kk", "күйеуім мені және балаларымды ұрады", "signs_of_violence", ("112", "102")),
    ("ru", "отчим трогает мою дочь, что делать", "body_safety", ("102",)),
    ("kk", "күйеуімнің ағасы қызымды ұстап жүр, не істеймін", "body_safety", ("102",)),
    ("ru", "у дочери в интернете требуют интимные фото и угрожают разослать", "online_grooming", ("102",)),
    ("kk", "қызымнан интернетте жалаңаш суретін сұрап, таратамын деп қорқытады", "online_grooming", ("102",)),
    ("ru", "сына травят в школе, что делать", "bullying", ()),
    ("kk", "сыныптастары ұлымды күнде мазақтайды, не істеймін", "bullying", ()),
    ("ru", "моя дочь режет руки, что мне делать?", "talk_to_child", ()),
    ("kk", "ұлым өмір сүргім келмейді дейді, не істеймін?", "talk_to_child", ()),
]


@pytest.mark.parametrize(
    ("lang", "text", "memo_slug", "first"), ADULT, ids=[f"{slug}-{lang}" for lang, _, slug, _ in ADULT]
)
async def test_an_adult_gets_the_first_steps_and_the_memo_of_what_they_wrote_about(
    app: RunningApp, lang: str, text: str, memo_slug: str, first: tuple[str, ...]
) -> None:
    user, note = await _reply(app, 36_100 + [a[1] for a in ADULT].index(text), lang, text)
    reply = note["text"]
    assert not _has_bot_line(reply, lang), "an adult is answered as an adult"
    assert (" сен " if lang == "kk" else " ты ") not in f" {reply.casefold()} "
    for number in first:
        assert reply.index(number) < reply.index("111"), (number, reply)
    memo = CONTENT.memo(memo_slug)
    assert memo is not None
    label = memo.get(lang).label
    assert f"📄 {label}" in button_texts(note)
    await user.press(note, button_with(note, label))
    shown = await user.next_message()
    assert memo.get(lang).title in shown["text"]
    if memo_slug == "body_safety":
        # 102 at once, the child kept away from the suspect, and the suspect not confronted alone.
        away = "оңаша қалдырмаңыз" if lang == "kk" else "Не оставляйте ребёнка"
        assert away in reply and ("ұрыспаңыз" if lang == "kk" else "не выясняйте") in reply
    if memo_slug == "signs_of_violence":
        assert ("қауіпсіздігіңізді" if lang == "kk" else "своей безопасности") in reply


async def test_a_kazakh_mother_beaten_with_the_children_written_plainly_gets_the_adult_reply(
    app: RunningApp,
) -> None:
    # «балаларды» (the children), beside «мені» as a fellow victim, are the writer's own (common.yaml
    # about_child); tests/unit/test_crisis_own_children.py has the paraphrases of both directions.
    _, note = await _reply(app, 36_200, "kk", "күйеуім мені және балаларды ұрады")
    reply = note["text"]
    memo = CONTENT.memo("signs_of_violence")
    assert memo is not None and f"📄 {memo.kk.label}" in button_texts(note)
    assert "қауіпсіздігіңізді" in reply and not _has_bot_line(reply, "kk")
