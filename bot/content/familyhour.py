from __future__ import annotations

from pydantic import Field, field_validator

from bot.content.base import Bilingual, Strict


class FamilyHourText(Strict):
    title: str = Field(min_length=1)
    next_month: str = Field(min_length=1)
    what: str = Field(min_length=1)
    expect: str = Field(min_length=1)
    clubs: str = Field(min_length=1)

    @field_validator("next_month")
    @classmethod
    def _has_placeholder(cls, value: str) -> str:
        if "{month}" not in value:
            raise ValueError("next_month must contain {month}")
        return value


class FamilyHourFile(Bilingual[FamilyHourText]):
    version: int
    months: list[int] = Field(min_length=1)
    month_names: Bilingual[dict[int, str]]

    @field_validator("months")
    @classmethod
    def _real_months(cls, value: list[int]) -> list[int]:
        if not all(1 <= m <= 12 for m in value):
            raise ValueError("months are 1..12")
        return value

    def text(self, locale: str) -> FamilyHourText:
        return self.get(locale)

    def month_name(self, month: int, locale: str) -> str:
        return self.month_names.get(locale)[month]
