"""content/about.yaml names the roadmap it describes and leaves one place for what followed it."""

import shutil
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from bot.content import CONTENT_DIR, Content
from bot.content.base import parse_yaml
from bot.content_check import Allowlist, check
from bot.i18n import create_i18n
from bot.measures import Catalogue, load_catalogue
from bot.views.about import about_message

pytestmark = pytest.mark.no_database


def about_copy(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    path = target / "about.yaml"
    data = parse_yaml(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return target


def test_the_described_roadmap_is_in_the_catalogue() -> None:
    assert load_catalogue().plan(Content.load().about.plan) is not None


@pytest.mark.parametrize(
    "change",
    [
        # No place for it: the page would not say what followed the roadmap.
        lambda d: d["ru"].update(plan=d["ru"]["plan"].replace("{successor}", "")),
        # Said twice.
        lambda d: d["kk"].update(plan=d["kk"]["plan"] + "{successor}"),
        # Behind the button instead of on the first screen.
        lambda d: d["kk"].update(results=d["kk"]["results"] + "{successor}"),
    ],
)
def test_the_successor_is_said_once_on_the_first_screen(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match="belongs once in `plan`"):
        Content.load(about_copy(tmp_path, change))


def test_content_check_refuses_a_roadmap_the_catalogue_lacks(tmp_path: Path) -> None:
    content = Content.load(about_copy(tmp_path, lambda d: d.update(plan="krg-2030-2032")))
    allow = Allowlist.load(CONTENT_DIR / "spelling_allowlist.yaml")
    report = check(content, create_i18n("kk"), allow, catalogue=Catalogue(plans=load_catalogue().plans))
    assert any("krg-2030-2032" in e for e in report.errors), report.errors


ENDED = {"kk": "Ол 2025 жылы аяқталды.", "ru": "Срок её истёк в 2025 году."}


@pytest.mark.parametrize(
    "where",
    [
        lambda p: p,  # as shipped: closing a line
        lambda p: p.replace(" {successor}", "\n{successor}\n"),  # a line of its own
        lambda p: p.replace(" {successor}\n", "\n{successor} "),  # opening the next line
        lambda p: p.replace(" {successor}", " {successor} "),  # between two sentences
    ],
    ids=["line-end", "own-line", "line-start", "mid-line"],
)
@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_without_a_status_no_space_or_empty_line_is_left(tmp_path: Path, where, locale: str) -> None:  # type: ignore[no-untyped-def]
    # What /about shows when the catalogue lacks the roadmap the page describes (handlers/about.py).
    content = Content.load(about_copy(tmp_path, lambda d: d[locale].update(plan=where(d[locale]["plan"]))))
    page = about_message(content, locale, None)
    assert "{" not in page and ENDED[locale] in page
    for paragraph in page.split("\n\n"):
        lines = paragraph.split("\n")
        assert all(line and line == line.strip() for line in lines), paragraph
        assert "  " not in paragraph, paragraph
    assert page.count("\n\n") == len(content.about.text(locale).first())
