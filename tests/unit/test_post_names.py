"""How a post is named away from its own screen (bot/views/post_names.py): the one module that reads a post's
text by language, which /stats, /approvals and «Stop sending» import, and which imports none of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.clock import KZ
from bot.i18n import compile_catalogs, create_i18n
from bot.views import post_names
from bot.views.approvals import Waiting, list_view
from bot.views.post_names import first_words, post_label, post_text, snippet
from bot.views.post_withdraw import question
from bot.views.stats import posts_block
from db.models import Post
from db.repositories.drafts import HistoryPage, PostFigures
from tests.support.imports import ROOT, imported_modules
from tests.support.posts import new_post

pytestmark = pytest.mark.no_database

TEXT = {"kk": "Ата-аналар жиналысы &lt;сейсенбіде&gt;", "ru": "Родительское собрание &lt;во вторник&gt;"}


@pytest.fixture(autouse=True)
def _i18n() -> Iterator[None]:
    compile_catalogs()
    with create_i18n("kk").context():
        yield


def _post(text: dict[str, str], post_id: int = 12) -> Post:
    post = new_post(
        author_id=1, scope_code="d", status="done", created_at=datetime(2027, 3, 1, tzinfo=KZ), text=text
    )
    post.id = post_id
    return post


def test_the_names_import_no_view_that_lists_posts() -> None:
    """/stats' view imports the withdraw buttons, paging and more; naming a post needs none of it, and /stats
    takes post_text from here (before, it kept a copy of its own: importing it here made a circle)."""
    path = Path(post_names.__file__)
    imported = {name for _, name in imported_modules(path.read_text(encoding="utf-8"), path, ROOT)}
    assert not {name for name in imported if name.startswith("bot.views.")}, imported


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_stats_names_a_post_as_the_label_does(locale: str) -> None:
    post = _post(TEXT)
    page = HistoryPage([PostFigures(post=post)], newer=0, total=1)
    shown = posts_block(page, locale)[1].split("\n")[0]
    label = post_label(post, locale)
    assert shown == label.replace("#12", "<b>#12</b>"), (shown, label)
    assert "&lt;" in shown and TEXT["kk" if locale == "ru" else "ru"][:10] not in shown


# An event's announcement as stored: its heading names the kind in quotes (ru «Отбасы сағаты», kk the same).
FAMILY_HOUR = {
    "kk": "<b>«Отбасы сағаты»: Баламен сенім туралы әңгіме</b>\n\n🗓 жұма, 12 наурыз, 18:00",
    "ru": "<b>«Отбасы сағаты»: Как говорить с ребёнком о доверии</b>\n\n🗓 пятница, 12 марта, 18:00",
}
FAMILY_HOUR_SHOWN = {
    "kk": "„Отбасы сағаты“: Баламен сенім туралы әңгіме 🗓 жұма, 12…",
    "ru": "„Отбасы сағаты“: Как говорить с ребёнком о доверии 🗓…",
}


@pytest.mark.parametrize("locale", ["kk", "ru"])
def test_quotes_within_the_name_are_the_inner_kind(locale: str) -> None:
    """Every place that names a post puts its first words in «»: the text's own «» read „“ there, never
    ««Отбасы сағаты»: …»."""
    post = _post(FAMILY_HOUR)
    label = post_label(post, locale)
    assert label == f"#12 «{FAMILY_HOUR_SHOWN[locale]}»", label
    page = HistoryPage([PostFigures(post=post)], newer=0, total=1)
    waiting = Waiting(post_id=12, text=post_text(post, locale), author="A", audience="B", when="now")
    listing, markup = list_view([waiting], 0, locale)
    question_text, _ = question(12, first_words(post, locale), locale)
    button = markup.inline_keyboard[0][0].text
    for shown in (label, posts_block(page, locale)[1], listing, question_text, button):
        assert "««" not in shown and "»»" not in shown and "„" in shown, shown
        assert shown.count("„") == shown.count("“"), shown


def test_a_quote_the_cut_leaves_open_is_closed() -> None:
    text = "Приглашаем на встречу «Как помочь ребёнку пережить первый школьный год без слёз и ссор»"
    assert snippet(text) == "Приглашаем на встречу „Как помочь ребёнку пережить первый…“"
    assert snippet("«Все» и «все»") == "„Все“ и „все“"
