"""A child who tells of a friend's, a classmate's or a sibling's crisis gets the reply for one who helps
(bot/crisis/retold.py, content/crisis.yaml `friend`); a child's own crisis that names a friend keeps the reply
for the child. Word order, cases, both languages, Latin letters."""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.crisis import load_detector
from bot.crisis.first_names import russian_forms
from bot.crisis.normalize import sentences
from bot.views.crisis import FRIEND, crisis_reply, reply_kind

# Someone else's crisis, told by a child.
THEIRS = [
    # ru: the one in crisis as the subject, a third-person verb
    "Моя подруга хочет умереть, что мне делать?",
    "подружка опять режет себе руки, я видела",
    "одноклассник говорит всем что скоро покончит с собой",
    "мой брат хочет покончить с собой, он сам мне сказал",
    "сестрёнка не хочет жить после развода родителей",
    "она режет себя уже полгода и прячет руки",
    "ей не хочется жить, она так и написала",
    # ru: a short clause between the one named and the crisis words
    "Мой брат, когда ему плохо, режет себе руки",
    "подруга, если её ругают, бьёт себя по лицу",
    # the one whose body it is, and what the writer saw
    "у сестры на руках свежие порезы, что делать",
    "у неё на запястьях свежие порезы, она их прячет",
    "у нее на руках шрамы, а она говорит что это кошка",
    "я увидела у подруги шрамы на руках",
    "құрбымның қолында кесілген жерлер бар",
    "інім ашуланса басын қабырғаға ұрады",
    # ru: a report, then the words reported
    "Даша сказала, что не доживёт до лета",
    "Ерлан написал мне, что хочет покончить с собой",
    "друг признался, что режет руки лезвием",
    "podruga skazala chto hochet umeret",
    # ru: the one hurt in an oblique case
    "подругу бьёт отчим, она боится идти домой",
    "моего друга избили старшеклассники за школой",
    "у Кати дома отец бьёт её ремнём",
    "сестру трогает отчим, когда мамы нет дома",
    # kk: the one in crisis as the subject
    "досым өлгім келеді дейді, не істеймін?",
    "құрбым өзін кесіп жүреді",
    "сіңлім өмір сүргісі келмейтінін айтты",
    "Айгерім өлгісі келетінін жазды, ешкімге айтпа деді",
    "сыныптасым өзін өлтіремін деді",
    "dosym olgim keledi deidi",
    # kk: the one hurt in an oblique case
    "досымды әкесі күнде ұрады",
    "құрбымды өгей әкесі ұрып тастапты",
    "Ерланды жоғары сынып балалары ұрады",
]

# The writer's own crisis, with a friend, a sibling or a name in it.
MINE = [
    "подруга предала, не хочется жить",
    "поссорилась с подругой и порезала руку",
    "подруга предала и теперь жить не хочется",
    "брат меня бьёт каждый день",
    "нас с сестрой бьёт отчим",
    "Даша рассказала всем мой секрет, теперь хочу умереть",
    "одноклассники бьют меня на переменах",
    "мама сказала, что я никому не нужна, хочу умереть",
    "подруга знает, что я режу руки, и молчит",
    "скинула парню фото, теперь он угрожает разослать всем",
    "я знаю, что подруга мне не поможет, я хочу умереть",
    "досым кетіп қалды, өмір сүргім келмейді",
    "сыныптастарым мені ұрады",
    "құрбым сатып кетті, өлгім келеді",
    "досыммен ұрысып қалдым, өзімді кесіп алдым",
    "достарым теріс айналды, таблеткаларды жинап қойдым, жақында бәрі бітеді",
    "подруга, с которой мы поссорились, не пишет, я режу себе руки",
    "у меня на руках порезы",
    "я увидела свои шрамы и снова порезалась",
    "олар маған барып асылып ал дейді",
    "досымның ағасы мені ұстап алды, ешкімге айтпа деді",
    "Айгерім бәріне менің құпиямды айтып қойды, енді өмір сүргім келмейді",
]


@pytest.fixture(scope="module")
def detector():
    return load_detector()


@pytest.fixture(scope="module")
def content() -> Content:
    return Content.load()


@pytest.mark.parametrize("text", THEIRS)
def test_a_friends_crisis_gets_the_reply_for_one_who_helps(detector, content, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert finding.retold, (text, finding)
    assert not finding.about_child
    assert reply_kind(finding, content) == FRIEND


@pytest.mark.parametrize("text", MINE)
def test_the_writers_own_crisis_keeps_the_reply_for_the_writer(detector, content, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert not finding.retold, (text, finding)
    assert reply_kind(finding, content) != FRIEND


def test_an_adult_about_a_pupil_gets_the_adult_reply(detector, content) -> None:
    finding = detector.detect("Я учитель. Ученица сказала, что хочет умереть")
    assert finding is not None and finding.about_child and not finding.retold
    assert reply_kind(finding, content) != FRIEND


def test_a_sibling_beaten_at_home_keeps_the_witness_reply(detector, content) -> None:
    for text in ("папа бьёт маму и брата", "әкем анамды ұрады"):
        finding = detector.detect(text)
        assert finding is not None, text
        assert reply_kind(finding, content) != FRIEND, text


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_the_friend_reply_names_the_helplines_and_keeps_the_bots_note(content, locale: str) -> None:
    text = crisis_reply(content, locale, FRIEND)
    for number in ("<b>111</b>", "<b>112</b>", "<b>102</b>"):
        assert number in text
    assert text.endswith(content.crisis.child_note.get(locale).strip())


@pytest.mark.parametrize(
    ("word", "person"),
    [
        ("хочу", "1"),
        ("хочет", "3"),
        ("режу", "1"),
        ("режет", "3"),
        ("хотела", None),
        ("отчим", None),
        ("өлгім", "1"),
        ("кесемін", "1"),
        ("өлгісі", "3"),
    ],
)
def test_the_person_of_a_word(detector, word: str, person: str | None) -> None:
    (folded,) = sentences(word)[0]
    assert detector._words.person(folded) == person


@pytest.mark.parametrize(
    ("name", "subject", "hurt"),
    [
        ("Катя", ("катя", "кате"), ("кати", "катю")),
        ("Даша", ("даша", "даше"), ("даши", "дашу")),
        ("Мария", ("мария", "марии"), ("марии", "марию")),
        ("Ерлан", ("ерлан", "ерлану"), ("ерлана",)),
        ("Андрей", ("андрей", "андрею"), ("андрея",)),
    ],
)
def test_russian_forms_of_a_first_name(name: str, subject: tuple[str, ...], hurt: tuple[str, ...]) -> None:
    assert russian_forms(name) == (subject, hurt)
