"""The content check passes on the real content and catches each kind of defect it promises to catch."""

import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from bot.content import CONTENT_DIR, Content
from bot.content_check import Allowlist, check
from bot.i18n import create_i18n

# Nothing here touches a database: the PostgreSQL pass of CI skips it.
pytestmark = pytest.mark.no_database

I18N = create_i18n("kk")
ALLOW = Allowlist.load(CONTENT_DIR / "spelling_allowlist.yaml")


def test_real_content_passes_and_is_complete() -> None:
    content = Content.load()
    report = check(content, I18N, ALLOW)
    assert report.errors == []
    assert len(content.memos.memos) >= 14
    assert {g.slug for g in content.lessons.groups} == {
        "preschool",
        "grades_1_4",
        "grades_5_9",
        "grades_10_11",
        "college",
    }
    assert all(len(g.topics) >= 3 for g in content.lessons.groups)
    for locale in ("kk", "ru"):
        assert report.words[locale] > 2000
        # What is left unknown are loanwords (буллинг, скриншот); `python -m bot content check` lists them.
        assert report.unknown_share(locale) < 0.05, report.unknown[locale].most_common(20)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def edit(folder: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / name
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def errors_for(folder: Path) -> list[str]:
    return check(Content.load(folder), I18N, ALLOW).errors


def test_a_missing_language_fails_at_load(content_copy: Path) -> None:
    edit(content_copy, "memos.yaml", lambda d: d["memos"][0].pop("ru"))
    with pytest.raises(ValidationError, match="ru"):
        Content.load(content_copy)


def test_overlong_memo(content_copy: Path) -> None:
    edit(
        content_copy, "memos.yaml", lambda d: d["memos"][0]["kk"].update(body="Балалар қауіпсіздігі. " * 200)
    )
    assert any(
        "Telegram would refuse it: Bad Request: message is too long" in e for e in errors_for(content_copy)
    )


def test_html_telegram_would_reject(content_copy: Path) -> None:
    edit(content_copy, "memos.yaml", lambda d: d["memos"][1]["ru"].update(body="Важно <div>знать</div>"))
    assert any("can't parse entities" in e.lower() for e in errors_for(content_copy))


def test_unverified_phone_number(content_copy: Path) -> None:
    edit(
        content_copy,
        "memos.yaml",
        lambda d: d["memos"][2]["ru"].update(body="Звоните по номеру 150 или 8 (7212) 41-00-00."),
    )
    errors = [e for e in errors_for(content_copy) if "not a verified helpline" in e]
    assert len(errors) == 2


def test_figures_are_not_phone_numbers(content_copy: Path) -> None:
    edit(
        content_copy,
        "memos.yaml",
        lambda d: d["memos"][2]["ru"].update(
            body="Охват 100 % детей, 172 154 школьника, 2024 год, звоните 111."
        ),
    )
    assert not [e for e in errors_for(content_copy) if "not a verified helpline" in e]


def test_empty_category(content_copy: Path) -> None:
    edit(
        content_copy,
        "memos.yaml",
        lambda d: d["categories"].append(
            {"slug": "empty_one", "kk": {"title": "Бос бөлім"}, "ru": {"title": "Пустой раздел"}}
        ),
    )
    assert "memo category empty_one is empty" in errors_for(content_copy)


def test_russian_in_the_kazakh_slot_and_kazakh_in_the_russian_slot(content_copy: Path) -> None:
    def swap(d):  # type: ignore[no-untyped-def]
        d["memos"][0]["kk"]["body"] = "Обычный русский текст без казахских букв."
        d["memos"][0]["kk"]["title"] = "Памятка"
        d["memos"][1]["ru"]["body"] = "Баланың қауіпсіздігі маңызды."

    edit(content_copy, "memos.yaml", swap)
    errors = errors_for(content_copy)
    assert any("[kk]: no Kazakh-specific letter" in e for e in errors)
    assert any("[ru]: Kazakh letters" in e for e in errors)


def test_misspellings_are_counted(content_copy: Path) -> None:
    before = check(Content.load(content_copy), I18N, ALLOW).unknown["ru"]
    edit(
        content_copy,
        "memos.yaml",
        lambda d: d["memos"][0]["ru"].update(body="Превет, рибёнак, мы табой гардимся."),
    )
    after = check(Content.load(content_copy), I18N, ALLOW).unknown["ru"]
    assert {"Превет", "рибёнак", "табой", "гардимся"} <= set(after) - set(before)


def test_kazakh_misspellings_survive_the_suffix_fallback(content_copy: Path) -> None:
    typos = "Баланы мектпке жібергенде оқушылрға және ата-аналрдың бәріне айтыңыз."
    edit(content_copy, "memos.yaml", lambda d: d["memos"][0]["kk"].update(body=typos))
    unknown = check(Content.load(content_copy), I18N, ALLOW).unknown["kk"]
    assert {"мектпке", "оқушылрға", "аналрдың"} <= set(unknown)
    assert "Баланы" not in unknown and "жібергенде" not in unknown
