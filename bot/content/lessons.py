from __future__ import annotations

from pydantic import Field, model_validator

from bot.content.base import SLUG, Bilingual, Labelled, Strict, Title


class TopicText(Labelled):
    learns: str = Field(min_length=1)
    at_home: str = Field(min_length=1)


class Topic(Bilingual[TopicText]):
    slug: str = Field(pattern=SLUG)


class AgeGroup(Bilingual[Title]):
    slug: str = Field(pattern=SLUG)
    topics: list[Topic] = Field(min_length=1)


class LessonsFile(Strict):
    version: int
    intro: Bilingual[str]
    groups: list[AgeGroup] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> LessonsFile:
        groups = [g.slug for g in self.groups]
        topics = [t.slug for g in self.groups for t in g.topics]
        if len(groups) != len(set(groups)) or len(topics) != len(set(topics)):
            raise ValueError("age-group and topic slugs must be unique")
        return self
