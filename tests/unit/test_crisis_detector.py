"""The crisis detector's parts: folding, Kazakh and Russian morphology, rules; the replies and helplines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.content import Content
from bot.content.base import parse_yaml
from bot.crisis import Category, CrisisDetector, load_detector
from bot.crisis.normalize import kazakh_key, readings, sentences
from bot.views.crisis import REPLY_KINDS, crisis_reply

pytestmark = pytest.mark.no_database

ROOT = Path(__file__).resolve().parents[2]
HELPLINES = parse_yaml((ROOT / "content" / "helplines.yaml").read_text("utf-8"))["helplines"]
KAZAKH_LETTERS = set("әғқңөұүһі")
LANGS = ("kk", "ru")


@pytest.fixture(scope="module")
def detector() -> CrisisDetector:
    return load_detector()


def _keys(text: str) -> list[str]:
    return [readings(w)[0] for sentence in sentences(text) for w in sentence]


def test_scripts_and_keyboards_fold_to_one_key() -> None:
    assert _keys("Өлгім КЕЛЕДІ!!!") == _keys("олгим келеди") == _keys("Ölgım keledı") == _keys("olgim keledi")
    assert _keys("Хочууу умереть 😭") == ["хочу", "умерет"]
    assert _keys("ne hochu zhit") == _keys("не хочу жить")
    assert _keys("boyus idti domoy") == _keys("боюсь идти домой")
    assert _keys("şarşadym") == _keys("sharshadym")
    assert readings("sebja") == ("себжа", "себя")  # j is ж in Kazakh, й in Russian: two readings
    assert [kazakh_key(k) for k in _keys("алмаймын")] == [kazakh_key(k) for k in _keys("almaimin")]


def test_sentences_split_on_end_punctuation_not_commas() -> None:
    assert len(sentences("меня бьют, мне страшно. помогите!")) == 2


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Russian: tense, aspect, person, gender, word order and plural forms of one lexeme.
        ("меня избили", Category.VIOLENCE),
        ("он меня ударил", Category.VIOLENCE),
        ("они меня бьют", Category.VIOLENCE),
        ("я порезала себе руки", Category.SELFHARM),
        ("я себя режу", Category.SELFHARM),
        ("жить больше не хочется", Category.SUICIDE),
        ("меня домогаются", Category.SEXUAL),
        ("шантажируют моими фотками", Category.SEXUAL),
        # Kazakh: verb chains, negation, colloquial forms, hyphenated reflexive pairs, no Kazakh letters.
        ("мені ұрды", Category.VIOLENCE),
        ("мене урып жатыр", Category.VIOLENCE),
        ("өлгім кеп тұр", Category.SUICIDE),
        ("өзіме-өзім қол жұмсаймын", Category.SUICIDE),
        ("омир сургим келмеиди", Category.SUICIDE),
        ("ölgım kelıp tūr", Category.SUICIDE),
    ],
)
def test_word_forms_and_scripts_are_understood(
    detector: CrisisDetector, text: str, category: Category
) -> None:
    found = detector.detect(text)
    assert found is not None and found.category == category, (text, found)


@pytest.mark.parametrize(
    "text",
    [
        "хочу жить у моря",  # "want to live" without negation
        "не хочу умирать от скуки на уроке",
        "этот отчёт никому не нужен",
        "бұл фильм мені қорқытады",
        "Suicide Squad классный фильм",
        "бит в этой песне бьёт по ушам",
        "мен сабаққа бармаймын, ауырып қалдым",
        "ұрпақ тәрбиесі туралы семинар",
        "",
    ],
)
def test_ordinary_sentences_are_not_a_crisis(detector: CrisisDetector, text: str) -> None:
    assert detector.detect(text) is None, detector.detect(text)


def test_negation_is_read_in_both_languages(detector: CrisisDetector) -> None:
    assert detector.detect("хочу жить") is None
    assert detector.detect("не хочу жить") is not None
    assert detector.detect("өмір сүргім келеді") is None
    assert detector.detect("өмір сүргім келмейді") is not None


def test_the_message_language_decides_the_reply_language(detector: CrisisDetector) -> None:
    assert detector.detect("мені ұрады").locale == "kk"
    assert detector.detect("meni urady").locale == "kk"
    assert detector.detect("menya b'yut").locale == "ru"
    assert detector.detect("меня бьют дома").locale == "ru"


def test_an_adult_about_a_child_is_told_apart(detector: CrisisDetector) -> None:
    assert detector.detect("мой сын говорит, что не хочет жить, что делать?").about_child
    assert detector.detect("қызым өзін кесіп жүр, не істеймін").about_child
    assert not detector.detect("я не хочу жить").about_child


def test_a_rule_naming_an_unknown_concept_is_refused() -> None:
    data = {
        "language_hints": {"kk": [], "ru": []},
        "about_child": [],
        "russian": {"negators": ["не"], "lemmas": {"die": ["умереть"]}},
        "kazakh": {"negators": ["емес"], "stems": {}, "suffixes": ["ды"], "negation_suffixes": ["ма"]},
        "rules": [{"id": "ru.x", "lang": "ru", "category": "suicide", "all": ["die", "nonexistent"]}],
    }
    with pytest.raises(ValueError, match="unknown concept"):
        CrisisDetector(data)


def test_rule_ids_are_unique(detector: CrisisDetector) -> None:
    ids = [r.id for r in detector.rules]
    assert len(ids) == len(set(ids))
    assert all(r.id.startswith(r.lang + ".") for r in detector.rules)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", REPLY_KINDS)
def test_every_reply_gives_111_in_its_language(lang: str, kind: str) -> None:
    reply = crisis_reply(Content.load(), lang, kind)
    assert "111" in reply and "112" in reply
    assert len(reply) < 700
    assert set(re.findall(r"</?([a-zA-Z]+)", reply)) <= {"b"}
    assert bool(KAZAKH_LETTERS & set(reply.casefold())) == (lang == "kk")


def test_the_adult_memo_exists() -> None:
    content = Content.load()
    assert content.crisis.adult_memo in {m.slug for m in content.memos.memos}


def test_helplines_entries_are_complete() -> None:
    assert [h["id"] for h in HELPLINES][:3] == ["contact_center_111", "emergency_112", "police_102"]
    ids = [h["id"] for h in HELPLINES]
    assert len(ids) == len(set(ids)) == 6
    for h in HELPLINES:
        assert re.fullmatch(r"[a-z0-9_]+", h["id"])
        assert h["phone"] is None or re.fullmatch(r"\d+", h["phone"])
        assert h["url"] is None or h["url"].startswith("https://")
        source = h["source"]
        assert source["title"].strip()
        assert "checked" in source
        for lang in LANGS:
            for key in ("name", "purpose", "hours"):
                assert h[lang][key].strip(), (h["id"], lang, key)
        assert not KAZAKH_LETTERS & set((h["ru"]["name"] + h["ru"]["purpose"] + h["ru"]["hours"]).casefold())
    phones = {h["id"]: h["phone"] for h in HELPLINES}
    assert phones["contact_center_111"] == "111"
    assert phones["emergency_112"] == "112"
    assert phones["police_102"] == "102"
