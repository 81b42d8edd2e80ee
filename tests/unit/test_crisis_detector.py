"""Crisis detector, crisis content and helplines content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.crisis_detector import CrisisDetector, normalize

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

ROOT = Path(__file__).resolve().parents[2]
CRISIS_YAML = ROOT / "content" / "crisis.yaml"
HELPLINES_YAML = ROOT / "content" / "helplines.yaml"
SAMPLES_YAML = ROOT / "tests" / "data" / "crisis_samples.yaml"

KAZAKH_LETTERS = set("әғқңөұүһі")
LANGS = ("kk", "ru")


def _load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


CRISIS = _load(CRISIS_YAML)
SAMPLES = _load(SAMPLES_YAML)
HELPLINES = _load(HELPLINES_YAML)["helplines"]


@pytest.fixture(scope="module")
def detector() -> CrisisDetector:
    return CrisisDetector.from_file(CRISIS_YAML)


def _cases(kind: str) -> list[pytest.param]:
    return [
        pytest.param(lang, text, id=f"{lang}-{i:02d}")
        for lang in LANGS
        for i, text in enumerate(SAMPLES[kind][lang])
    ]


@pytest.mark.parametrize(("lang", "text"), _cases("positive"))
def test_positive_sample_triggers_with_its_language(detector: CrisisDetector, lang: str, text: str) -> None:
    assert detector.detect(text) == lang


@pytest.mark.parametrize(("lang", "text"), _cases("negative"))
def test_negative_sample_does_not_trigger(detector: CrisisDetector, lang: str, text: str) -> None:
    assert detector.detect(text) is None


def test_sample_sizes() -> None:
    for lang in LANGS:
        assert len(SAMPLES["positive"][lang]) >= 30
        assert len(SAMPLES["negative"][lang]) >= 15


def test_positive_samples_are_not_verbatim_list_entries() -> None:
    for lang in LANGS:
        entries = {p.casefold().strip() for p in CRISIS["phrases"][lang]}
        assert not entries & {s.casefold().strip() for s in SAMPLES["positive"][lang]}


@pytest.mark.parametrize("lang", LANGS)
def test_phrase_lists_are_long_enough_and_distinct(lang: str) -> None:
    phrases = CRISIS["phrases"][lang]
    assert len(phrases) >= 60
    # Spelling variants may fold together, but the list must still hold 60 different phrases.
    assert len({normalize(p) for p in phrases}) >= 60
    assert all(isinstance(p, str) and p.strip() for p in phrases)


@pytest.mark.parametrize("lang", LANGS)
def test_reply_gives_111_and_112(lang: str) -> None:
    reply = CRISIS["reply"][lang]
    assert "111" in reply
    assert "112" in reply
    assert len(reply.strip()) < 600
    # Telegram HTML in the reply: <b> only.
    assert set(re.findall(r"</?([a-zA-Z]+)", reply)) <= {"b"}


def test_kk_reply_is_kazakh_and_ru_reply_is_russian() -> None:
    assert KAZAKH_LETTERS & set(CRISIS["reply"]["kk"].casefold())
    assert not KAZAKH_LETTERS & set(CRISIS["reply"]["ru"].casefold())


def test_earliest_match_decides_language(detector: CrisisDetector) -> None:
    assert detector.detect("меня бьют, үйге баруға қорқамын") == "ru"
    assert detector.detect("үйге баруға қорқамын, меня бьют") == "kk"


def test_match_starts_at_word_start_and_lone_words_do_not_trigger(detector: CrisisDetector) -> None:
    assert detector.detect("переубить себя") is None  # phrase inside a longer word
    assert detector.detect("") is None
    assert detector.detect("жить") is None
    assert detector.detect("помощь") is None


def test_normalize_folds_spellings() -> None:
    assert normalize("Өлгім КЕЛЕДІ!!!") == normalize("олгим келеди") == "олгим келеди"
    assert normalize("Ölgım keledı") == normalize("olgim keledi")
    assert normalize("Хочууу   умереть 😭") == "хочу умерет"  # ь is dropped on purpose
    assert normalize("ёлка") == "елка"
    assert normalize("ub'yu sebya") == normalize("ubyu sebia")
    assert normalize("şarşadym") == normalize("sharshadym")


def test_too_short_phrase_is_refused() -> None:
    with pytest.raises(ValueError):
        CrisisDetector({"ru": ["!!"]})


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
