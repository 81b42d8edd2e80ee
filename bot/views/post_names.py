"""How a message names one post away from the screen that shows it, and how /stats and /approvals list it:
its id and the first words of its text in the reader's language, #12 «Ата-аналар жиналысы сейсенбіде…». An
author with several posts waiting is told which one was approved, rejected or cancelled.

The one place that reads a post's text by language: /stats (bot/views/stats.py), /approvals and «Stop
sending» import it from here, and this module imports none of their views."""

from __future__ import annotations

import html
import re

from db.models import Post

SNIPPET = 60  # characters of a post's text that name it


def post_text(post: Post, locale: str) -> str:
    """The post's own text in `locale`, stored HTML."""
    return post.text_ru if locale == "ru" else post.text_kk


def snippet(stored_html: str, limit: int = SNIPPET) -> str:
    """The first words of a post as plain escaped text, cut at a word boundary with «…», to stand inside «»
    (every sentence and list that names a post quotes them): the text's own «» become „“, as Kazakh and
    Russian quote within a quote (an announcement begins «Отбасы сағаты»: ..., which read ««Отбасы…»), and
    one the cut left open is closed."""
    plain = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", stored_html)).split())
    if len(plain) > limit:
        cut = plain[: limit + 1].rsplit(" ", 1)[0] if " " in plain[:limit] else plain[:limit]
        plain = cut.rstrip(" .,;:—-") + "…"
    plain = plain.replace("«", "„").replace("»", "“")
    if plain.count("„") > plain.count("“"):
        plain += "“"
    return html.escape(plain, quote=False)


def first_words(post: Post, locale: str) -> str:
    """The first words of the post's text in `locale` (snippet)."""
    return snippet(post_text(post, locale))


def post_label(post: Post, locale: str) -> str:
    """#12 «first words…»: the post's id and the first words of its text in `locale`."""
    return f"#{post.id} «{first_words(post, locale)}»"
