"""An adult in crisis themself: hurt by a husband, wife, ex or in-law, or saying an adult's age.

1. An adult whose partner hurts them and who wants to die or is in despair («муж бьёт меня, не хочу жить»,
   «күйеуім ұрады, өмір сүргім келмейді», «мне 35, не хочу жить») gets adult_self; raped or sexually abused by
   a partner («муж насилует меня», «күйеуім мені зорлайды») adult_sexual_self; beaten, threatened or
   humiliated with no child named («муж бьёт меня», «бывший угрожает убить меня», «маған 40 жаста, күйеуім
   ұрады») adult_violence_self. All three speak to the adult with «вы» / «Сіз», say nothing of children
   and offer no memo for parents.
2. With the writer's children named, violence keeps adult_violence, whose text speaks of them («муж бьёт меня
   и детей»), and a child's own crisis keeps the reply about a child («сын говорит, что не хочет жить»); the
   writer's wish to die beside their children is still theirs («... и детей, не хочу жить»).
3. A child stays a child: an age under 18 said in digits wins over everything («мне 15, муж бьёт меня»,
   «маған 13 жас, күйеуім мені ұрады», «I am 12»), and a boyfriend or girlfriend («мой парень», «жігітім»),
   an ex-boyfriend, an ex-classmate, a stepparent or a mother's ex («мамин бывший») make no adult.

Paraphrases written for this test (bot/crisis/writer.py decides); none of them is in tests/data/crisis_eval/.
"""

from __future__ import annotations

import re

import pytest

from bot.content import Content
from bot.content.crisis import SELF_KINDS
from bot.crisis import CrisisDetector
from bot.i18n import create_i18n
from bot.views.crisis import crisis_keyboard, crisis_reply, is_adult, reply_kind

pytestmark = pytest.mark.no_database

CONTENT = Content.load()

SELF_KK = [
    "күйеуім мені ұрады, өлгім келеді",
    "күйеуім ұрады, өмір сүргім келмейді",
    "күйеуім мені соққыға жығады, өзімді өлтіргім келеді",
    "ерім мені ұрады, енді өмір сүргім келмейді",
    "әйелім мені қорлайды, өлгім келеді",
    "менің күйеуім мені ұрады, өлгім келеді",
    "маған 35 жас, өлгім келеді",
    "маған 40 жаста, өмір сүргім келмейді",
    "бұрынғы күйеуім мені қорқытады, өлгім келеді",
    "kuieuim meni urady, olgim keledi",
    "куйеуим мени урады, олгим келеди",
    "күйеуім мені және балаларды ұрады, өлгім келеді",
]
SELF_RU = [
    "муж бьёт меня, не хочу жить",
    "меня бьёт муж, я не хочу больше жить",
    "жена угрожает, я больше не могу жить",
    "муж избивает меня, хочу покончить с собой",
    "мой муж меня бьёт, хочу умереть",
    "сожитель избивает меня, жить не хочется",
    "бывший муж угрожает, я хочу умереть",
    "бывший преследует меня, не хочу жить",
    "мне 35, не хочу жить",
    "мне 40 лет, хочу умереть",
    "свекровь издевается, не хочу больше жить",
    "muzh menya b'et, ne hochu zhit",
    "муж бьёт меня и детей, не хочу жить",
]
SEXUAL_KK = [
    "күйеуім мені зорлайды",
    "күйеуім мені зорлады",
    "ерім мені күштеп зорлады",
    "бұрынғы күйеуім мені зорлады",
    "жұбайым мені зорлайды",
    "күйеуім маған күштеп жақындасады",
    "маған 30 жас, мені зорлады",
    "kuieuim meni zorlady",
    "куйеуим мени зорлады",
]
SEXUAL_RU = [
    "муж насилует меня",
    "муж меня изнасиловал",
    "мой муж насилует меня каждую ночь",
    "муж заставляет меня спать с ним силой",
    "бывший муж изнасиловал меня",
    "бывший изнасиловал меня",
    "сожитель меня изнасиловал",
    "мне 30 лет, меня изнасиловали",
    "muzh menya iznasiloval",
]
VIOLENCE_KK = [
    "бұрынғы күйеуім мені ұрады",
    "бұрынғы күйеуім мені өлтіремін деп қорқытады",
    "маған 40 жаста, күйеуім ұрады",
    "маған 35 жас, мені ұрады",
    "бұрынғы әйелім мені пышақпен қорқытады",
    "күйеуім мені қорлайды",
    "менің жасым 40, күйеуім мені ұрады",
    "күйеуім мені ұрады",
    "мен 38 жастамын, ерім мені соғады",
]
VIOLENCE_RU = [
    "муж бьёт меня",
    "бывший угрожает убить меня",
    "бывший муж избил меня",
    "мой бывший избивает меня",
    "я боюсь бывшего, он угрожает убить меня",
    "byvshiy ugrozhaet ubit menya",
    "муж унижает меня каждый день",
    "мне 35, меня бьют",
    "мне 40 лет, муж бьёт меня",
    "бывшая жена угрожает мне ножом",
]
# The writer's children named: the replies about a child (adult_violence speaks of the children too).
ABOUT_CHILD = [
    ("күйеуім мені және балаларды ұрады", "kk", "adult_violence"),
    ("күйеуім балаларымды ұрады", "kk", "adult_violence"),
    ("ұлым өлгім келеді дейді, күйеуім ішеді", "kk", "adult"),
    ("муж бьёт меня и детей", "ru", "adult_violence"),
    ("муж бьёт сына", "ru", "adult_violence"),
    ("сын говорит, что не хочет жить, муж пьёт", "ru", "adult"),
    ("мне 35, отчим бьёт моего сына", "ru", "adult_violence"),
    ("муж трогает дочь", "ru", "adult_sexual"),
]
# A child writes: an age under 18, a boyfriend, an ex-boyfriend or ex-classmate, a stepparent.
CHILD_KK = [
    "маған 14 жас, мені ұрады",
    "маған 15 жас, жігітім мені ұрады",
    "жігітім мені ұрады",
    "жігітім мені зорлады",
    "бұрынғы жігітім мені қорқытады",
    "мен 13 жастамын, өлгім келеді",
    "маған 13 жас, күйеуім мені ұрады",
    "өгей әкем мені ұрады",
    "шешемнің күйеуі мені ұрады",
    "менің жасым 14, әкем мені ұрады",
    "маған 14 жас, өгей әкем мені зорлады",
    "жігітім маған қол көтереді",
    "magan 14 zhas, meni urady",
    "мен 16 жастамын, жігітім мені ұрады",
    "маған 16 жас, күйеуім мені зорлады",
    "маған 15 жас, күйеуім ұрады, өлгім келеді",
]
CHILD_RU = [
    "мой парень меня бьёт",
    "мой парень меня бьёт, мне 15",
    "мне 15 лет, парень меня изнасиловал",
    "мой парень меня изнасиловал",
    "мне 13, меня бьют дома",
    "мне 14, не хочу жить",
    "мне 13 лет, мамин сожитель бьёт меня",
    "бывший парень угрожает слить мои фото",
    "бывший одноклассник бьёт меня",
    "мамин бывший бьёт меня",
    "отчим бьёт меня",
    "моя девушка меня бьёт",
    "I am 12, отчим бьёт меня",
    "мне уже 16, мой парень бьёт меня",
    "мне 16, муж бьёт меня",
    "мне 17 лет, муж меня изнасиловал",
    "мне 15, муж бьёт меня, не хочу жить",
    "I am 14, муж бьёт меня",
]


def _cases(kind: str, kk: list[str], ru: list[str]) -> list[object]:
    return [pytest.param(t, "kk", kind, id=f"{kind}-kk-{n}") for n, t in enumerate(kk)] + [
        pytest.param(t, "ru", kind, id=f"{kind}-ru-{n}") for n, t in enumerate(ru)
    ]


# Photos used to blackmail an adult: the online variant (don't pay, keep the messages), not the rape reply's
# doctor and clothes.
ONLINE_KK = [
    "бұрынғы күйеуім интим суреттерімді жариялаймын деп қорқытады",
    "күйеуім жалаңаш суреттерімді таратамын дейді",
    "маған 30 жас, біреу суреттерімді жариялаймын деп ақша сұрайды",
]
ONLINE_RU = [
    "бывший муж угрожает выложить мои интимные фото",
    "мне 30, бывший шантажирует интимными фото",
    "бывший муж шантажирует меня фото и требует деньги",
    "мне 40 лет, незнакомец требует деньги, иначе разошлёт мои голые фото",
]

SELF = (
    _cases("adult_sexual_self_online", ONLINE_KK, ONLINE_RU)
    + _cases("adult_self", SELF_KK, SELF_RU)
    + _cases("adult_sexual_self", SEXUAL_KK, SEXUAL_RU)
    + _cases("adult_violence_self", VIOLENCE_KK, VIOLENCE_RU)
)


@pytest.mark.parametrize(("text", "lang", "kind"), SELF)
def test_an_adult_in_crisis_themself_gets_the_adult_reply_of_the_kind(
    detector: CrisisDetector, text: str, lang: str, kind: str
) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert finding.about_child and finding.adult_self, finding
    assert reply_kind(finding, CONTENT) == kind, finding
    assert finding.locale == lang


@pytest.mark.parametrize(("text", "lang", "kind"), ABOUT_CHILD)
def test_the_writers_child_named_keeps_the_reply_about_a_child(
    detector: CrisisDetector, text: str, lang: str, kind: str
) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert finding.about_child and not finding.adult_self, finding
    assert reply_kind(finding, CONTENT) == kind, finding
    assert finding.locale == lang


@pytest.mark.parametrize(("text", "lang"), [(t, "kk") for t in CHILD_KK] + [(t, "ru") for t in CHILD_RU])
def test_a_child_stays_a_child(detector: CrisisDetector, text: str, lang: str) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert not finding.about_child and not finding.adult_self, finding
    assert not is_adult(reply_kind(finding, CONTENT)), finding
    assert finding.locale == lang


# «ты»/«тебе»/«сен»/«саған»: words that speak to a child; the children the writer may not have.
_TO_A_CHILD = {
    "ru": re.compile(r"\b(ты|тебя|тебе|тобой|твой|твоя|твоей|позвони|расскажи|ребён\w*|дет\w*)\b", re.I),
    "kk": re.compile(r"\b(сен|сені|саған|сенің|өзің|шал|айт|бала\w*)\b", re.I),
}


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("kind", SELF_KINDS)
def test_the_reply_to_an_adult_in_crisis_speaks_to_them_alone(kind: str, lang: str) -> None:
    with create_i18n(lang).context():
        keyboard = crisis_keyboard(CONTENT, kind, lang)
    text = crisis_reply(CONTENT, lang, kind)
    assert "<b>111</b>" in text and "<b>112</b>" in text
    # «сіз» in lower case inside a sentence, as in every other adult text of the bot.
    assert re.search(r"\bсіз\w*" if lang == "kk" else r"\b(вы|вам|вас|ваш\w*)\b", text, re.I)
    assert not _TO_A_CHILD[lang].search(text), _TO_A_CHILD[lang].search(text)
    assert CONTENT.crisis.child_note.get(lang).strip() not in text
    if kind != "adult_self":
        assert "<b>102</b>" in text
    plain = text.replace("<b>", "").replace("</b>", "")
    assert len(plain) <= 600, len(plain)
    # One button, all helplines: the memos are for adults who look after a child.
    assert [len(row) for row in keyboard.inline_keyboard] == [1]
