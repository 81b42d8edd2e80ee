from __future__ import annotations

from pydantic import Field, field_validator

from bot.content.base import Strict


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


class MonthNames(Strict):
    kk: dict[int, str]
    ru: dict[int, str]


class FamilyHourFile(Strict):
    version: int
    months: list[int] = Field(min_length=1)
    kk: FamilyHourText
    ru: FamilyHourText
    month_names: MonthNames

    @field_validator("months")
    @classmethod
    def _real_months(cls, value: list[int]) -> list[int]:
        if not all(1 <= m <= 12 for m in value):
            raise ValueError("months are 1..12")
        return value

    def text(self, locale: str) -> FamilyHourText:
        return self.kk if locale == "kk" else self.ru

    def month_name(self, month: int, locale: str) -> str:
        names = self.month_names.kk if locale == "kk" else self.month_names.ru
        return names[month]
