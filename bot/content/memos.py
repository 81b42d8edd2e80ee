from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from bot.content.base import SLUG, Bilingual, Labelled, Strict, Title
from bot.content.word_match import topic_words


class MemoText(Labelled):
    body: str = Field(min_length=1)
    # Words people type for the topic that its title does not say («самоповреждение» for the suicide-risk
    # memo): inline search looks in them as in the title.
    keywords: list[str] = Field(default_factory=list)

    @field_validator("keywords")
    @classmethod
    def _findable(cls, keywords: list[str]) -> list[str]:
        for keyword in keywords:
            if not topic_words(keyword):
                raise ValueError(f"keyword {keyword!r} has only question words: no search would find it")
        if len({k.casefold() for k in keywords}) != len(keywords):
            raise ValueError("a keyword is listed twice")
        return keywords


class MemoCategory(Bilingual[Title]):
    slug: str = Field(pattern=SLUG)

    def title(self, locale: str) -> str:
        return self.get(locale).title


class Memo(Bilingual[MemoText]):
    slug: str = Field(pattern=SLUG)
    category: str = Field(pattern=SLUG)
    measures: list[int] = Field(default_factory=list)

    def search_text(self) -> str:
        """What inline search matches a query against: both titles (a forwarded word still works), the slug
        and the keywords."""
        return " ".join([self.kk.title, self.ru.title, self.slug, *self.kk.keywords, *self.ru.keywords])


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
