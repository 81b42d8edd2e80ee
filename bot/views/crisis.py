from __future__ import annotations

from bot.content import Content


def crisis_reply(content: Content, locale: str) -> str:
    return content.crisis.reply.get(locale).strip()
