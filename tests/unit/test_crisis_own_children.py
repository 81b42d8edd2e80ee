"""Who writes about the children: an adult beaten with their own children, or a child beaten with a parent.

A mother or a father who writes that they and the children are beaten gets the reply for an adult (112 and
102 first, their own safety at home, the memo on signs of violence), whatever case, number or possessive the
children are named in and in any word order: «мені және балаларды», «балаларымның көзінше», «баламды да, мені
де», «меня и детей», «при детях», «на глазах у детей», in Kazakh letters, without them or in Latin letters.
A child who writes that a parent beats them and their mother, a brother or a sister, who is beaten by other
children («сыныптағы балалар», «другие дети», «старшие дети»), in front of other children, or who says they
are a child («мен баламын», «я ещё ребёнок») gets the reply for a child. Paraphrases written before the rules
(common.yaml about_child, bot/crisis/writer.py); none of them is in tests/data/crisis_eval/.
"""

from __future__ import annotations

import pytest

from bot.content import Content
from bot.crisis import Category, CrisisDetector
from bot.views.crisis import is_adult, reply_kind

pytestmark = pytest.mark.no_database

CONTENT = Content.load()

# An adult beaten together with their own children, or in front of them.
ADULT_KK = [
    "күйеуім мені және балаларды ұрады",
    "күйеуім мені де, балаларды да ұрады",
    "ерім мені де, балаларды да соғады",
    "күйеуім балаларымның көзінше мені ұрады",
    "күйеуім ішіп келіп мені және балаларымды ұрады",
    "балаларды да, мені де күйеуім ұрып жүр",
    "ерім мас болып келіп мені, балаларды ұрады",
    "күйеуім баламды және мені ұрады",
    "күйеуім ұлымды да мені де соғады",
    "күйеуім қызымды да, мені де ұрады, қорқамын",
    "жолдасым мені балалардың көзінше ұрады",
    "әйелім мені және балаларды ұрады",
    "қайын атам мені және балаларымды ұрады",
    "күйеуім балаларыма да, маған да қол көтереді",
    "маған да, балаларға да күйеуім қол көтереді",
    "ішіп келіп балалардың көзінше мені ұрады",
    "ерім мені балаларымның көзінше тепкілейді",
    "күйеуім мені ұрады, балалар қорқып жылайды",
    "күйеуім мені ұрады, балаларым бәрін көріп отыр",
    "күйеуім мені ұрады, бала қорқып қалды",
    "kuieuim meni jane balalardy urady",
    "kuieuim meni de balalarymdy da urady",
    "erim meni de balalardy da urady",
    "куйеуим мени жане балаларды урады",
    "ерим балаларымды да мени де урады",
    "менің ерім мені және қыздарымды ұрады",
    "күйеуім ұлдарымды да, мені де ұрады",
]
# A child beaten with a parent, a brother or a sister; by other children; in front of other children.
CHILD_KK = [
    "әкем анамды да, мені де ұрады",
    "әкем анамды және мені ұрады",
    "папам мамамды және мені ұрады",
    "әкем мені және інімді ұрады",
    "өгей әкем мені де, анамды да соғады",
    "әкем ішіп келіп анамды ұрады, мені де ұрады",
    "шешем мені және бауырларымды ұрады",
    "ағам мені және қарындасымды ұрады",
    "әкем анамның көзінше мені ұрады",
    "сыныптағы балалар мені ұрады",
    "үлкен балалар мені ұрып, ақшамды тартып алады",
    "балалар мені күнде ұрады",
    "мұғалім мені балалардың көзінше ұрады",
    "мұғалім мені де, басқа балаларды да ұрады",
    "өгей шешем мені ұрады, өз балаларын ұрмайды",
    "мен 12 жастағы баламын, әкем мені ұрады",
    "akem anamdy da meni de urady",
    "akem meni jane anamdy urady",
    "акем анамды жане мени урады",
]
ADULT_RU = [
    "муж бьёт меня и детей",
    "муж бьёт детей и меня",
    "муж бьёт и меня, и детей",
    "муж бьёт меня при детях",
    "при детях бьёт меня",
    "муж бьёт меня на глазах у детей",
    "муж бьёт меня, дети всё видят",
    "муж избивает меня и ребёнка",
    "муж избил меня при ребенке",
    "муж бьёт меня и сына",
    "сожитель бьёт меня и дочь",
    "муж бьёт меня и дочку",
    "жена бьёт меня и детей",
    "бывший муж угрожает убить меня и детей",
    "муж душит меня при детях",
    "свекровь и муж бьют меня и детей",
    "муж бьёт меня вместе с детьми",
    "муж пьёт и бьёт меня, детям тоже достаётся",
    "muzh b'et menya i detej",
    "muzh bet menya pri detyah",
]
CHILD_RU = [
    "папа бьёт маму и меня",
    "папа бьёт меня и маму",
    "отчим бьёт маму и меня",
    "папа бьёт меня и младшего брата",
    "отец избивает маму при мне",
    "мама бьёт меня и сестру",
    "отчим бьёт меня при маме",
    "отец бьёт меня ремнём при сестре",
    "папа бьёт нас с братом",
    "дети в классе бьют меня",
    "старшие дети бьют меня во дворе",
    "другие дети бьют меня на перемене",
    "ученики из 9 класса бьют меня",
    "подростки во дворе избили меня",
    "учительница бьёт меня при других детях",
    "мачеха бьёт только меня, своих детей жалеет",
    "мне 12, я ещё ребёнок, а отчим бьёт меня",
    "papa b'et mamu i menya",
]

CASES = (
    [pytest.param(t, "kk", True, id=f"adult-kk-{n}") for n, t in enumerate(ADULT_KK)]
    + [pytest.param(t, "kk", False, id=f"child-kk-{n}") for n, t in enumerate(CHILD_KK)]
    + [pytest.param(t, "ru", True, id=f"adult-ru-{n}") for n, t in enumerate(ADULT_RU)]
    + [pytest.param(t, "ru", False, id=f"child-ru-{n}") for n, t in enumerate(CHILD_RU)]
)


@pytest.mark.parametrize(("text", "lang", "adult"), CASES)
def test_the_writer_of_violence_with_children_is_told_apart(
    detector: CrisisDetector, text: str, lang: str, adult: bool
) -> None:
    finding = detector.detect(text)
    assert finding is not None
    assert finding.about_child is adult, finding
    kind = reply_kind(finding, CONTENT)
    assert is_adult(kind) is adult, kind
    assert finding.locale == lang
    if adult:
        assert kind == "adult_violence", finding
    else:
        assert finding.category in (Category.VIOLENCE, Category.BULLYING), finding


def test_each_direction_has_fifteen_paraphrases_per_language() -> None:
    for texts in (ADULT_KK, CHILD_KK, ADULT_RU, CHILD_RU):
        assert len(texts) >= 15
