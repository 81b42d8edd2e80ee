"""Crisis rules, round 7.

1. The frequent words that tell the reply's language are data (content/crisis_rules/common.yaml
   reply_language_words), not a list in bot/crisis/language.py: a word added there counts, and the words
   moved keep their vote.
2. Filmed and spread around (to everyone, the class chat, the internet, the school) is bullying, blows filmed
   and spread too; a naked or undressing body filmed is sexual (the online reply); a party, a pet, a project,
   a concert or the school site filmed is nothing. The labelled items are in
   tests/data/crisis_eval/*_round7.yaml; the phrasings here are others, Cyrillic, plain (Kazakh without its
   letters) and Latin.
3. An adult's own reply names every number they may need: 111 (which takes adults' calls about violence in
   the family too), 112 when life is in danger now, and 102 (the police) wherever someone hurts them, also in
   adult_self, which a wish to die beside a husband's blows gets («муж бьёт меня, не хочу жить»);
   adult_violence_self fits violence at home, at work and from one's own child (no shelter line only).
4. A teacher or another adult at school beaten or threatened by pupils («меня ученики избили», «оқушылар мені
   ұрды, мен мұғаліммін») and a parent hurt by their own child («сын-подросток бьёт меня», «ұлым мені ұрады»)
   get the adult's own reply (adult_violence_self), not the child's nor the one about a child. Pupils with a
   class or older ones, with no role said, stay a child's peers; a pupil or a child who is the one hurt keeps
   the reply about a child.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.content import Content
from bot.content.base import parse_yaml
from bot.crisis import CrisisDetector
from bot.crisis.detector import RULES_DIR
from bot.views.crisis import reply_kind
from tests.support.crisis_eval import EVAL_DIR, category_test, quiet_test, reply_of

pytestmark = pytest.mark.no_database

CONTENT = Content.load()


# --- 1. The reply-language words are data -------------------------------------------------------------------

# A made-up word that no lexicon knows and that has no letter only Russian has: it says no language, unless
# common.yaml lists it.
_MADE_UP = "блымба"


def test_a_word_added_to_common_yaml_says_its_language(tmp_path: Path) -> None:
    folder = tmp_path / "crisis_rules"
    shutil.copytree(RULES_DIR, folder)
    common = folder / "common.yaml"
    data = yaml.safe_load(common.read_text("utf-8"))
    data.setdefault("reply_language_words", {}).setdefault("ru", []).append(_MADE_UP)
    common.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    text = "мені ұрады " + " ".join([_MADE_UP] * 6)
    plain = CrisisDetector.from_dir(RULES_DIR).detect(text)
    assert plain is not None and plain.locale == "kk", plain
    listed = CrisisDetector.from_dir(folder).detect(text)
    assert listed is not None and listed.locale == "ru" and listed.language_sure, listed


def test_the_language_module_holds_no_word_list() -> None:
    source = (Path(__file__).resolve().parents[2] / "bot" / "crisis" / "language.py").read_text("utf-8")
    for word in ("сегодня", "откуда", "потому", "бірақ", "өйткені", "ешқашан", "сосын"):
        assert word not in source, word


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        # Each is sure of its language only by the words moved to common.yaml (короче, типа, вообще, сейчас;
        # бірақ, қазір, өте, қатты): a guard that they still count.
        ("мені ұрады короче типа вообще сейчас тоже", "ru"),
        ("меня бьют бірақ қазір өте қатты болды кеше", "kk"),
    ],
)
def test_the_moved_words_still_vote(detector: CrisisDetector, text: str, lang: str) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.locale == lang and finding.language_sure, finding


@pytest.mark.parametrize("section", ["peer_harm", "about_child"])
def test_a_misspelt_key_of_a_concept_section_is_refused(tmp_path: Path, section: str) -> None:
    # peer_harm and about_child share their reading (bot/crisis/rules.py ConceptSets): a key no field
    # has is an error, not a set quietly left out.
    folder = tmp_path / "crisis_rules"
    shutil.copytree(RULES_DIR, folder)
    common = folder / "common.yaml"
    data = yaml.safe_load(common.read_text("utf-8"))
    data[section]["adult_typo"] = ["peers"]
    common.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(ValueError, match="adult_typo"):
        CrisisDetector.from_dir(folder)


# --- 2. Filmed and spread around ----------------------------------------------------------------------------

FILMED_RU = [
    "снимали меня на камеру и разослали всем",
    "сняли меня на телефон и разослали по всем чатам",
    "засняли меня и выложили в тикток",
    "они засняли, как я падаю, и кинули в чат класса",
    "сняли, как я плачу в коридоре, и разослали всему классу",
    "заставили меня петь на коленях, сняли на видео и выложили",
    "снимают меня на телефон и отправляют в беседу класса",
    "snimali menya na kameru i razoslali vsem",
    "zasnyali kak menya unizhayut i vylozhili v internet",
    # blows filmed and spread: peers' doing, with no adult named
    "сняли на видео, как меня пинают, и выложили в тикток",
    "меня толкнули в грязь, засняли и разослали всем",
    "видео как меня бьют разослали по всей школе",
    "Меня избили на улице. Сняли на видео и разослали всем.",
    "snyali na video kak menya b'yut i razoslali vsem",
]
FILMED_KK = [
    "мені телефонға түсіріп, барлығына таратып жіберді",
    "видеоға түсіріп, бүкіл мектепке таратты",
    "мені видеоға түсіріп алып, тиктокқа салды",
    "құлағанымды телефонға түсіріп, сынып тобына жіберді",
    "жылағанымды түсіріп алып, чатқа салып жіберді",
    "мени телефонга тусирип, барлыгына таратып жиберди",
    "видеога тусирип, букил мектепке таратты",
    "meni telefonga tusirip, barlygyna taratty",
    "videoga tusirip, internetke saldy",
    # blows filmed and spread
    "мені ұрып жатқанда видеоға түсіріп, интернетке салды",
    "мені тепкілеп, видеосын топқа жіберді",
    "Мені көшеде ұрды. Видеоға түсіріп, барлығына таратты.",
    "meni uryp jatqanda videoga tusirip, internetke saldy",
]
NAKED_RU = [
    "раздели и засняли на телефон, видео скинули в чат",
    "snyali menya gologo i vylozhili",
    "засняли, как я переодеваюсь, и выложили в тикток",
    "сняли меня полуголую и разослали всем",
]
NAKED_KK = [
    "шешініп жатқанымды телефонға түсіріп, топқа салды",
    "жаланаш кезимде тусирип, барлыгына таратты",
    "zhalangash videomdy tusirip taratty",
    "мені шешіндіріп телефонға түсіріп алды",
]
FILMED_QUIET = [
    "сняли видео на утреннике и скинули в чат родителей",
    "сняли видео с собакой и разослали всем друзьям",
    "засняли концерт и выложили на сайт школы",
    "снимали клип для конкурса и выложили в тикток",
    "snyali video na dne rozhdeniya i skinuli v chat",
    "меня сняли на видео на олимпиаде и выложили на сайт",
    "туған күнде видео түсіріп, барлығына жібердік",
    "концертте мені видеоға түсіріп, сайтқа салды",
    "мысығымды видеоға түсіріп, тиктокқа салдым",
    "линейкада бәрімізді видеоға түсіріп, топқа жіберді",
    "туган кунде видео тусирип, чатка салдык",
    "tugan kunde video tusirip, barlygyna jiberdik",
]


test_filmed_and_spread_around_is_bullying = category_test(FILMED_RU + FILMED_KK, "bullying", reply="bullying")
test_a_naked_or_undressing_body_filmed_is_sexual = category_test(
    NAKED_RU + NAKED_KK, "sexual", reply_prefix="sexual"
)
test_a_party_a_pet_or_a_project_filmed_is_nothing = quiet_test(FILMED_QUIET)


def _round7(lang: str) -> list[dict]:
    return list(parse_yaml((EVAL_DIR / f"{lang}_round7.yaml").read_text("utf-8"))["items"])


# Look-alikes of the labelled set that only the n-gram net flags (the rules leave them quiet): «түлек кешінде»
# (a graduation party) filmed and sent to the group. Vetoing the net on a party would also silence the crises
# only it catches; they stay strict xfails until it is refitted.
_NET_ONLY = {
    "түлек кешінде видео түсіріп, топқа жіберді",
    "tulek keshinde video tusirip, topqa jiberdi",
    "тулек кешинде видео тусирип, топка жиберди",
}


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(i, marks=pytest.mark.xfail(strict=True, reason="the n-gram net flags it"))
        if i["text"] in _NET_ONLY
        else i
        for lang in ("kk", "ru")
        for i in _round7(lang)
        if i["cat"] in ("bullying", "sexual", "none")
    ],
    ids=lambda i: i["text"][:40],
)
def test_the_labelled_round7_filming_items(detector: CrisisDetector, item: dict) -> None:
    finding = detector.detect(item["text"])
    if item["cat"] == "none":
        assert finding is None, finding
    else:
        assert finding is not None and finding.category.value == item["cat"], finding


def test_the_net_only_look_alikes_are_quiet_for_the_rules(rules_only: CrisisDetector) -> None:
    for text in _NET_ONLY:
        assert rules_only.detect(text) is None, text


# --- 3. The numbers in an adult's own reply -----------------------------------------------------------------

SELF_REPLIES = ("adult_self", "adult_violence_self", "adult_sexual_self", "adult_sexual_self_online")


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("kind", SELF_REPLIES)
def test_an_adults_own_reply_names_111_112_and_102(kind: str, lang: str) -> None:
    text = CONTENT.crisis.replies.model_dump()[kind][lang]
    for number in ("111", "112", "102"):
        assert f"<b>{number}</b>" in text, (kind, lang, number)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_adult_reply_to_a_wish_to_die_beside_blows_names_the_police(
    detector: CrisisDetector, lang: str
) -> None:
    text = {"ru": "муж бьёт меня, не хочу жить", "kk": "күйеуім ұрады, өмір сүргім келмейді"}[lang]
    kind = reply_of(detector, text)
    assert kind == "adult_self", detector.detect(text)
    reply = CONTENT.crisis.replies.model_dump()[kind][lang]
    # 102 stands in the sentence about someone who hurts the writer, not as a first step for a wish to die.
    hurt = {"ru": "причиняет вам боль", "kk": "жәбір көрсетсе"}[lang]
    line = next(line for line in reply.splitlines() if hurt in line)
    assert "<b>102</b>" in line, line


# Words of a shelter from home («куда вы можете уйти ... кто вас примет», «пана»): adult_violence_self also
# answers a teacher beaten by pupils and a parent hurt by their own teenager.
_SHELTER = {"ru": ("уйти", "примет"), "kk": ("бара ала", "пана")}


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_adult_violence_self_fits_violence_at_home_and_at_work(lang: str) -> None:
    text = CONTENT.crisis.replies.model_dump()["adult_violence_self"][lang]
    for words in _SHELTER[lang]:
        assert words not in text, words
    assert "<b>112</b>" in text.splitlines()[1] and "<b>102</b>" in text.splitlines()[1]


# --- 4. An adult hurt by pupils or by their own child -------------------------------------------------------

HURT_BY_PUPILS = [
    "ученица ударила меня по лицу на уроке",
    "ученики бросают в меня стулья и угрожают, я учитель",
    "я завуч, ученики угрожают меня убить",
    "меня избил ученик, я классный руководитель",
    "я учитель, ученики меня травят и оскорбляют",
    "uchenik udaril menya na uroke",
    "оқушым мені ұрды",
    "мен мұғаліммін, оқушылар мені қорқытады",
    "сабақта оқушы мені итеріп жіберді",
    "okushym meni urdy",
    "окушым мени урды",
    # pupils who film and mock a teacher: no stranger's photos (ru.stranger_sends_photo)
    "ученики снимают меня на видео и издеваются, я учитель",
    "я учительница, ученики фотографируют меня на уроке и смеются",
    "оқушылар мені видеоға түсіріп, мазақтап интернетке салды, мен мұғаліммін",
]
HURT_BY_OWN_CHILD = [
    "сын 15 лет избивает меня",
    "мой сын угрожает мне ножом",
    "syn b'et menya, ya ne znayu chto delat'",
    "ребёнок-подросток бьёт меня, когда я забираю телефон",
    "дочка толкает меня и бьёт",
    "балам мені ұрып жатыр",
    "ұлым мені пышақпен қорқытады",
    "улым мени урады",
    "qyzym maghan qol koteredi",
    "мен анасымын, ұлым мені ұрады",
]
STILL_A_CHILD = [
    "старшеклассники избили меня",
    "ученики из 11 класса бьют меня",
    "мне 13, ученики из другой школы избили меня",
    "мне 12, меня избили ученики",
    "ученики старших классов отбирают у меня деньги и бьют",
    "жоғары сынып оқушылары мені ұрды",
    "сыныптастарым мені ұрады",
    "маған 13 жас, оқушылар мені ұрады",
]
ABOUT_A_CHILD = [
    "я классный руководитель, ученица сказала мне что отчим её бьёт",
    "ученик сказал мне, что папа бьёт его",
    "мұғаліммін, оқушым айтты, әкесі оны ұрады",
    "муж бьёт меня и сына",
    "сын говорит, что его бьют в школе",
    "ұлымды сыныптастары ұрады",
]


@pytest.mark.parametrize("text", HURT_BY_PUPILS + HURT_BY_OWN_CHILD)
def test_an_adult_hurt_by_pupils_or_their_own_child_gets_their_own_reply(
    detector: CrisisDetector, text: str
) -> None:
    finding = detector.detect(text)
    assert finding is not None, text
    assert finding.about_child and finding.adult_self, finding
    assert reply_kind(finding, CONTENT) == "adult_violence_self", finding


@pytest.mark.parametrize(
    ("text", "about_child"), [(t, False) for t in STILL_A_CHILD] + [(t, True) for t in ABOUT_A_CHILD]
)
def test_a_child_who_is_hurt_keeps_the_childs_reply_or_the_one_about_a_child(
    detector: CrisisDetector, text: str, about_child: bool
) -> None:
    # Pupils of a class or older ones hurting a child: the child's own crisis; a pupil or the writer's child
    # who is the one hurt: the reply about a child.
    finding = detector.detect(text)
    assert finding is not None, text
    assert finding.about_child is about_child and not finding.adult_self, finding


@pytest.mark.parametrize(
    "item",
    [i for lang in ("kk", "ru") for i in _round7(lang) if i.get("who") or i["cat"] == "violence"],
    ids=lambda i: i["text"][:40],
)
def test_the_labelled_round7_writer_items(detector: CrisisDetector, item: dict) -> None:
    finding = detector.detect(item["text"])
    assert finding is not None
    if item.get("who") == "adult_self":
        assert reply_kind(finding, CONTENT) == "adult_violence_self", finding
    else:
        assert finding.about_child and not finding.adult_self, finding
