"""How a message names one post away from the screen that shows it, as /stats and /approvals list it: its id
and the first words of its text, «#12 «Ата-аналар жиналысы сейсенбіде…»». An author with several posts
waiting is told which one was approved, rejected or cancelled."""

from __future__ import annotations

from bot.views.stats import snippet
from db.models import Post


def post_text(post: Post, locale: str) -> str:
    """The post's own text in `locale`, stored HTML."""
    return post.text_ru if locale == "ru" else post.text_kk


def post_label(post: Post, locale: str) -> str:
    """«#12 «first words…»»: the first words of its text in `locale`, escaped for Telegram HTML and cut at a
    word with «…» (bot/views/stats.py snippet)."""
    return f"#{post.id} «{snippet(post_text(post, locale))}»"
