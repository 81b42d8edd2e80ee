from __future__ import annotations

from pydantic import Field, model_validator

from bot.content.base import SLUG, Bilingual, Labelled, Strict, Title


class MemoText(Labelled):
    body: str = Field(min_length=1)


class MemoCategory(Bilingual[Title]):
    slug: str = Field(pattern=SLUG)

    def title(self, locale: str) -> str:
        return self.get(locale).title


class Memo(Bilingual[MemoText]):
    slug: str = Field(pattern=SLUG)
    category: str = Field(pattern=SLUG)
    measures: list[int] = Field(default_factory=list)


class MemosFile(Strict):
    version: int
    categories: list[MemoCategory] = Field(min_length=1)
    memos: list[Memo] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> MemosFile:
        slugs = [m.slug for m in self.memos]
        if len(slugs) != len(set(slugs)):
            raise ValueError("memo slugs must be unique")
        categories = {c.slug for c in self.categories}
        unknown = {m.category for m in self.memos} - categories
        if unknown:
            raise ValueError(f"memos name unknown categories: {sorted(unknown)}")
        return self
