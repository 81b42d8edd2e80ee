"""The crisis lane through the emulator: the reply for each kind of crisis, in the message's language."""

import asyncio
import logging
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.content import Content
from bot.views.crisis import crisis_reply
from db.engine import create_engine
from tests.support.app import RunningApp
from tests.support.chat import button_texts, button_with, next_with, pick_language
from tests.support.org_tree import SCHOOL, add_parent, add_tree, grant
from tests.support.post_wizard import write_post

CONTENT = Content.load()
KAZAKH = set("әғқңөұүһі")

# (reply kind, language, message): typed the way people type, none copied from the rule lists.
MESSAGES = [
    ("suicide", "kk", "бүгін түнде өлгім келіп жатыр, бәрі мағынасыз"),
    ("suicide", "ru", "я правда больше не хочу жить, всё бесполезно"),
    ("violence", "kk", "өгей әкем мені күнде ұрады"),
    ("violence", "ru", "отчим опять избил меня вчера вечером"),
    ("sexual_online", "kk", "бір адам жалаңаш суретімді сұрап, жібермесең таратамын деп қорқытады"),
    ("sexual_online", "ru", "взрослый мужик из игры требует мои фото без одежды"),
    ("bullying", "kk", "сыныптастарым мені күнде мазақтайды"),
    ("bullying", "ru", "меня травят в классе, все смеются надо мной"),
    ("suicide", "kk", "кеше тағы қолымды тілдім, ешкім білмейді"),  # self-harm: the same reply
    ("suicide", "ru", "опять порезалась ночью, никто не знает"),
    ("distress", "kk", "көмектесіңдерші, маған өте жаман, енді шыдай алмаймын"),
    ("distress", "ru", "помогите пожалуйста, мне очень плохо"),
    # A child tells of a friend's crisis: the reply for one who helps (bot/crisis/retold.py).
    ("friend", "kk", "құрбым өзін кесіп жүр, ешкімге айтпа деді, не істеймін?"),
    ("friend", "ru", "подруга сказала, что не хочет больше жить, как ей помочь?"),
    ("adult", "kk", "ұлым өмір сүргім келмейді дейді, не істеймін?"),
    ("adult", "ru", "моя дочь режет руки, что мне делать?"),
]


def _plain(html: str) -> str:
    return html.replace("<b>", "").replace("</b>", "")


@pytest.mark.parametrize(
    ("kind", "lang", "message"), MESSAGES, ids=[f"{k}-{lang}" for k, lang, _ in MESSAGES]
)
async def test_each_kind_of_crisis_gets_its_reply_in_the_message_language(
    app: RunningApp, kind: str, lang: str, message: str
) -> None:
    # Telegram says the user speaks the other language: the reply follows the message, not the setting.
    user = app.emu.user(
        30_000 + MESSAGES.index((kind, lang, message)), language_code="ru" if lang == "kk" else "kk"
    )
    # How fast is bench/crisis_reply.py's figure (median 10 ms, worst 53 ms): a timed assertion here would
    # fail whenever the CI machine is busy, and say nothing about the reply.
    await user.send(message)
    reply = await user.next_message(timeout=10)
    assert reply["text"] == _plain(crisis_reply(CONTENT, lang, kind))
    assert "111" in reply["text"]
    assert any(c in reply["text"] for c in KAZAKH) == (lang == "kk")
    assert button_texts(reply), "the reply offers all helplines on a button"
    assert app.emu.rejections == []


@pytest.mark.parametrize("kind", ["violence", "friend"])
def test_the_abuse_reply_never_sends_a_child_to_their_parents(kind: str) -> None:
    # The friend reply too: the one beaten may be the writer's brother, beaten by their parent.
    for lang in ("kk", "ru"):
        reply = crisis_reply(CONTENT, lang, kind).casefold()
        for word in ("ата-ана", "анаңа", "әкеңе", "родител", "маме", "папе", "маму", "папу"):
            assert word not in reply, (lang, word)
        assert "102" in reply and "112" in reply and "111" in reply


def test_the_adult_reply_is_formal_and_the_childs_is_not() -> None:
    adult_ru, adult_kk = crisis_reply(CONTENT, "ru", "adult"), crisis_reply(CONTENT, "kk", "adult")
    assert "Позвоните" in adult_ru and " ты " not in f" {adult_ru.casefold()} " and "тебе" not in adult_ru
    assert "шалыңыз" in adult_kk and "Сіз" in adult_kk and " сен " not in f" {adult_kk.casefold()} "
    for kind in ("suicide", "violence", "sexual", "bullying", "distress"):
        assert "позвони " in crisis_reply(CONTENT, "ru", kind).casefold() + " " or "звони" in crisis_reply(
            CONTENT, "ru", kind
        )
        assert "шалыңыз" not in crisis_reply(CONTENT, "kk", kind)


# (message, the other saved language, a fragment of the helplines button, one of the memo button or None)
BUTTON_CASES = [
    ("мені үйде әкем ұрады, қорқамын", "ru", "телефондары", None),
    ("меня дома бьёт отчим, мне страшно", "kk", "телефоны помощи", None),
    ("Сын сказал, что его травят и он не хочет жить. Что делать?", "kk", "телефоны помощи", "поговорить"),
    ("Қызым өзін кесіп жүр, не істеймін?", "ru", "телефондары", "сөйлесу"),
]


@pytest.mark.parametrize(("text", "saved", "helplines_button", "memo_button"), BUTTON_CASES)
async def test_the_notes_buttons_answer_in_the_notes_language_and_keep_it(
    app: RunningApp, text: str, saved: str, helplines_button: str, memo_button: str | None
) -> None:
    lang = "ru" if saved == "kk" else "kk"
    user = app.emu.user(31_001 + BUTTON_CASES.index((text, saved, helplines_button, memo_button)))
    await pick_language(user, saved)  # the saved language is the other one
    await user.send(text)
    note = await user.next_message()
    assert any(c in note["text"] for c in KAZAKH) == (lang == "kk")
    await user.press(note, button_with(note, helplines_button))
    helplines = await user.next_message()
    assert "111" in helplines["text"] and any(c in helplines["text"] for c in KAZAKH) == (lang == "kk")
    if memo_button is not None:
        assert note["text"] == _plain(crisis_reply(CONTENT, lang, "adult"))
        await user.press(note, button_with(note, memo_button))
        memo = await user.next_message()
        talk = next(m for m in CONTENT.memos.memos if m.slug == CONTENT.crisis.adult_memo)
        assert talk.get(lang).title in memo["text"]
    kept = next(m for m in user.messages if m["message_id"] == note["message_id"])
    assert kept["text"] == note["text"], "the note stays in place"
    assert app.emu.rejections == []


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_voice_sticker_and_photo_get_111(app: RunningApp, locale: str) -> None:
    user = app.emu.user(31_010 + (locale == "ru"), language_code=locale)
    await pick_language(user, locale)
    for send in (user.send_voice, user.send_sticker, user.send_photo, user.send_document):
        await send()
        reply = await user.next_message()
        assert "111" in reply["text"] and "112" in reply["text"]
        assert any(c in reply["text"] for c in KAZAKH) == (locale == "kk")


@pytest.mark.parametrize("locale", ["kk", "ru"])
async def test_a_long_letter_gets_a_kind_answer_with_111(app: RunningApp, locale: str) -> None:
    user = app.emu.user(31_020 + (locale == "ru"), language_code=locale)
    await pick_language(user, locale)
    await user.send(("Сәлеметсіз бе. " if locale == "kk" else "Здравствуйте. ") * 150)
    reply = await user.next_message()
    assert "111" in reply["text"]
    assert ("рақмет" in reply["text"].casefold()) if locale == "kk" else ("Спасибо" in reply["text"])


async def test_ordinary_messages_get_the_menu_not_the_crisis_reply(app: RunningApp) -> None:
    for n, sample in enumerate(
        [
            "когда родительское собрание?",
            "Ертең сабақ бола ма?",
            "Suicide Squad классный фильм",
            "этот отчёт никому не нужен",
        ]
    ):
        user = app.emu.user(31_100 + n, language_code="ru")
        await user.send(sample)
        reply = await user.next_message()
        # The bot's note names 111 and 112 too (handlers/fallback.py); the crisis reply has no menu.
        assert "Главное меню" in reply["text"], sample


async def test_a_staff_post_about_suicide_prevention_goes_out(app: RunningApp) -> None:
    sm = app.dp["sessionmaker"]
    await add_tree(sm)
    psy_id, parent_id = 31_200, 31_201
    await grant(sm, psy_id, "psychologist", SCHOOL)
    parent = app.emu.user(parent_id)
    await pick_language(parent, "ru")
    await add_parent(sm, parent_id, "ru", (SCHOOL, "5"))
    psy = app.emu.user(psy_id, language_code="ru")
    await pick_language(psy, "ru")
    await write_post(
        psy,
        "Жасөспірімнің суицидтік ойларын қалай тануға болады: ата-аналарға семинар.",
        "Как распознать суицидальные мысли у подростка: семинар для родителей. "
        "Я не хочу жить - так говорят дети.",
    )
    grades = await psy.next_message()
    assert "111" not in (grades.get("text") or ""), "the notice was taken for a crisis"
    await psy.press(grades, button_with(grades, "5 класс"))
    grades = await psy.wait_edit(grades)
    await psy.press(grades, button_with(grades, "Готово"))
    urgency = await psy.wait_edit(grades)
    await psy.press(urgency, button_with(urgency, "Обычный"))
    when = await psy.wait_edit(urgency)
    await psy.press(when, button_with(when, "Сейчас"))
    summary = await next_with(psy, "Проверьте")
    await psy.press(summary, button_with(summary, "Подтвердить"))
    got = await next_with(parent, "распознать")
    assert "суицидальные" in got["text"]


async def test_crisis_text_is_never_stored_or_logged(
    app: RunningApp, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    secret = "отчим бьёт меня каждый вечер, меня зовут Айдана, 7Б"
    user = app.emu.user(32_000, language_code="ru")
    await user.send("/start")
    await user.next_message()
    await user.send(secret)
    await user.next_message()
    await asyncio.sleep(0.2)
    for record in caplog.records:
        assert "Айдана" not in record.getMessage() and "отчим" not in record.getMessage()
    engine = create_engine(database_url)
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda c: c.dialect.get_table_names(c))
        for table in tables:
            rows = (await conn.execute(text(f"SELECT * FROM {table}"))).all()
            assert "Айдана" not in repr(rows)
    await engine.dispose()
    if database_url.startswith("sqlite"):
        path = Path(database_url.split("///", 1)[1])
        for file in path.parent.glob(path.name + "*"):
            assert "Айдана".encode() not in file.read_bytes()


async def test_crisis_is_answered_even_when_flooding(app: RunningApp) -> None:
    user = app.emu.user(33_000, language_code="kk")
    for _ in range(25):
        await user.send("сәлем")
    await user.send("өзіме қол жұмсағым келеді")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if any("111" in (m.get("text") or "") and "112" in (m.get("text") or "") for m in user.messages):
            break
        await asyncio.sleep(0.1)
    else:
        raise AssertionError("the crisis message was not answered while the user was throttled")


async def test_a_hung_request_does_not_hold_the_crisis_reply(database_url: str) -> None:
    """Each try of the crisis send has its own short timeout; a hung one is tried again at once."""
    from tests.support.app import running_app

    async with running_app(database_url, crisis_timeout=1) as app:
        user = app.emu.user(33_100, language_code="ru")
        app.emu.inject_fault("sendMessage", "timeout", chat_id=user.id)
        started = time.perf_counter()
        await user.send("меня избивает отчим")
        reply = await user.next_message(timeout=8)
        assert "102" in reply["text"]
        assert time.perf_counter() - started < 5, "the second try came after the first timed out"


# Russian and Kazakh in Latin letters, as teenagers type them: the reply is in the language of the words.
TRANSLIT = {
    "ru": [
        "papa menya bet",
        "ya hochu umeret",
        "mne ploho ne hochu zhit",
        "otchim b'et menya remnem, mama molchit",
        "mama menya b'et kazhdyj den",
        "hochu pokonchit s soboj",
        "ya opyat porezala ruki",
        "menya travyat v klasse",
        "pomogite pozhalujsta, mne ochen ploho",
        "dyadya trogaet menya kogda mamy net doma",
        "mne pishet vzroslyi i prosit intim foto",
        "skoro vsyo zakonchitsya, ya uzhe reshil",
        "opyat panicheskaya ataka na uroke, ne mogu uspokoitsya",
        "papa kinul v mamu stulom, ya boyus vyhodit iz komnaty",
        "ya ne znayu 4to so mnoj, pomogite",
    ],
    "kk": [
        "men olgim keledi",
        "akem meni urady",
        "omir surgim kelmeidi",
        "anam meni kunde urady",
        "ozimdi oltirgim keledi",
        "synyptastarym meni mazaqtaidy",
        "qolymdy kestim",
        "maghan ote jaman, komek kerek",
        "oge akem meni urady",
        "men endi shydai almaimyn",
        "agai menin denemdi ustaidy",
        "suretimdi taratamyn dep qorqytady",
        "uige bargym kelmeidi, akem ishedi de urady",
        "ölgım keledı",
    ],
}


@pytest.mark.parametrize("lang", ["ru", "kk"])
async def test_a_message_in_latin_letters_is_answered_in_the_language_of_its_words(
    app: RunningApp, lang: str
) -> None:
    other = "kk" if lang == "ru" else "ru"
    wrong = []
    for n, message in enumerate(TRANSLIT[lang]):
        # Telegram says the user speaks the other language, and they chose it: the words decide.
        user = app.emu.user(34_000 + 100 * (lang == "kk") + n, language_code=other)
        await pick_language(user, other)
        await user.send(message)
        reply = await user.next_message(timeout=3)
        assert "111" in reply["text"], message
        if any(c in reply["text"] for c in KAZAKH) != (lang == "kk"):
            wrong.append(message)
    assert wrong == []
    assert app.emu.rejections == []


# Kazakh and Russian mixed: the words do not say one language, so the reply keeps the one the user chose.
MIXED = [
    "olgim keledi, ne hochu zhit",
    "meni urady, pomogite",
    "olgim keledi ya ustala ot vsego",
    # Not «ағам бьёт меня каждый день»: Russian with one Kazakh word is Russian (bot/crisis/language.py).
    "ағам бьёт меня, көмектесіңізші",
]


@pytest.mark.parametrize("chosen", ["kk", "ru"])
async def test_a_mixed_message_is_answered_in_the_language_the_user_chose(
    app: RunningApp, chosen: str
) -> None:
    other = "ru" if chosen == "kk" else "kk"
    for n, message in enumerate(MIXED):
        user = app.emu.user(34_300 + 100 * (chosen == "kk") + n, language_code=other)
        await pick_language(user, chosen)
        await user.send(message)
        reply = await user.next_message(timeout=3)
        assert "111" in reply["text"], message
        assert any(c in reply["text"] for c in KAZAKH) == (chosen == "kk"), message
    # Someone who chose no language: Telegram's.
    user = app.emu.user(34_299 + 100 * (chosen == "kk"), language_code=chosen)
    await user.send(MIXED[0])
    reply = await user.next_message(timeout=3)
    assert any(c in reply["text"] for c in KAZAKH) == (chosen == "kk")
    assert app.emu.rejections == []
