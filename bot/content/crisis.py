from __future__ import annotations

from pydantic import Field

from bot.content.base import Bilingual, Strict


class PhraseLists(Strict):
    kk: list[str] = Field(min_length=1)
    ru: list[str] = Field(min_length=1)


class CrisisFile(Strict):
    version: int
    reply: Bilingual[str]
    phrases: PhraseLists
