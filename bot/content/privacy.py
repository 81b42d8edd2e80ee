"""content/privacy.yaml: the privacy screen, one text per language."""

from __future__ import annotations

from pydantic import Field, field_validator

from bot.content.base import Bilingual, Strict

# Telegram's limit, less room for the retention figure that is filled in.
TEXT_LIMIT = 4096 - 10


class PrivacyText(Strict):
    text: str = Field(min_length=1, max_length=TEXT_LIMIT)

    @field_validator("text")
    @classmethod
    def _fills_the_period(cls, value: str) -> str:
        if "{outbox_days}" not in value:
            raise ValueError("must say how long delivery records are kept: {outbox_days}")
        return value


class PrivacyFile(Bilingual[PrivacyText]):
    version: int

    def text(self, locale: str, outbox_days: int) -> str:
        return self.get(locale).text.replace("{outbox_days}", str(outbox_days))
