"""Tables. Deliberately little about people: a Telegram id, a language and when they were seen."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.types import UtcDateTime


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # None until the user picks a language; until then replies follow Telegram's language_code.
    language: Mapped[str | None] = mapped_column(String(2))
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen: Mapped[datetime] = mapped_column(UtcDateTime())


class LessonMaterial(Base):
    """A file staff attached to a lesson topic, kept as Telegram's file_id so it is never uploaded again."""

    __tablename__ = "lesson_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_slug: Mapped[str] = mapped_column(String(40), index=True)
    language: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))  # document, photo, video, link
    file_id: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
