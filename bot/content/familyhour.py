from __future__ import annotations

from pydantic import Field, field_validator

from bot.content.base import Bilingual, Strict


class FamilyHourText(Strict):
    title: str = Field(min_length=1)
    next_month: str = Field(min_length=1)  # while a roadmap in force schedules Family Hour
    schedule: str = Field(min_length=1)  # what the ended roadmap scheduled, in the past tense
    no_roadmap: str = Field(min_length=1)  # between two roadmaps, the next one not known
    next_roadmap: str = Field(min_length=1)  # between two roadmaps, the next one starting on {date}
    school_announces: str = Field(min_length=1)  # when no roadmap in force names the months
    what: str = Field(min_length=1)
    expect: str = Field(min_length=1)
    clubs: str = Field(min_length=1)

    @field_validator("next_month")
    @classmethod
    def _month_placeholders(cls, value: str) -> str:
        if "{month}" not in value or "{years}" not in value:
            raise ValueError("next_month must contain {years} and {month}")
        return value

    @field_validator("next_roadmap")
    @classmethod
    def _date_placeholder(cls, value: str) -> str:
        if "{date}" not in value:
            raise ValueError("next_roadmap must contain {date}")
        return value


class FamilyHourFile(Bilingual[FamilyHourText]):
    version: int
    # plan code -> the number of its Family Hour measure, whose deadline months are the meetings' months.
    measures: dict[str, int] = Field(min_length=1)
    month_names: Bilingual[dict[int, str]]

    @field_validator("month_names")
    @classmethod
    def _every_month(cls, value: Bilingual[dict[int, str]]) -> Bilingual[dict[int, str]]:
        # A new roadmap may pick any months: each must have its name.
        if set(value.kk) != set(range(1, 13)) or set(value.ru) != set(range(1, 13)):
            raise ValueError("month_names needs months 1..12 in both languages")
        return value

    def text(self, locale: str) -> FamilyHourText:
        return self.get(locale)

    def month_name(self, month: int, locale: str) -> str:
        return self.month_names.get(locale)[month]
