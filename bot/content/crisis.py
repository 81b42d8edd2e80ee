from __future__ import annotations

from pydantic import Field

from bot.content.base import Bilingual, Strict


class CrisisReplies(Strict):
    """One reply per kind of crisis (bot/crisis/rules.py: Category) and one for an adult about a child."""

    suicide: Bilingual[str]
    violence: Bilingual[str]
    sexual: Bilingual[str]
    bullying: Bilingual[str]
    distress: Bilingual[str]
    adult: Bilingual[str]


class CrisisFile(Strict):
    version: int
    replies: CrisisReplies
    adult_memo: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
