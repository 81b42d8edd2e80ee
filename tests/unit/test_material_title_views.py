"""Every text that shows a material's title to a reader shows the one in the reader's language (a material
in both languages has a Kazakh `title` and a Russian `title_ru`), falling back to the one title; the preview
and the review card show both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.content import Content
from bot.i18n import compile_catalogs, create_i18n
from bot.views.lessons import link_text, material_caption, material_label
from bot.views.material_upload import summary
from bot.views.materials import pack_failed_text, pack_links_text, removal_label, removed_text
from db.models import Material

pytestmark = pytest.mark.no_database

READERS = [("kk", "Жадынама", "Памятка"), ("ru", "Памятка", "Жадынама")]


@pytest.fixture(autouse=True)
def _i18n() -> Iterator[None]:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


def _material(language: str = "both", title_ru: str | None = "Памятка", url: str | None = None) -> Material:
    return Material(
        id=1, target="lesson", slug="bullying", age_group="grades_5_9", language=language, title="Жадынама",
        title_ru=title_ru, kind="link" if url else "pdf", media_type=None if url else "document",
        file_id=None if url else "f", url=url, file_name="a.pdf", file_size=10,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("locale", "title", "other"), [("kk", "Жадынама", "Памятка"), ("ru", "Памятка", "Жадынама")]
)
def test_every_reader_text_shows_the_title_in_the_reader_language(
    locale: str, title: str, other: str
) -> None:
    material, link = _material(), _material(url="https://example.kz/a")
    texts = [
        material_label(material, locale),
        material_caption(material, locale),
        link_text(link, locale),
        removal_label(material, locale),
        removed_text(material, locale),
        pack_links_text([(link, "Буллинг")], locale),
        pack_failed_text([material], locale),
    ]
    for text in texts:
        assert title in text and other not in text, text


def test_a_material_without_a_russian_title_shows_its_one_title_to_both() -> None:
    material = _material(language="ru", title_ru=None)
    assert material.title_in("ru") == material.title_in("kk") == "Жадынама"


def test_the_review_summary_shows_both_titles() -> None:
    content = Content.load()
    text = summary(content, _material(), "ru")
    assert "Название на казахском: <b>Жадынама</b>" in text and "Название на русском: <b>Памятка</b>" in text
    one = summary(content, _material(language="kk", title_ru=None), "ru")
    assert "Название: <b>Жадынама</b>" in one and "на русском" not in one
