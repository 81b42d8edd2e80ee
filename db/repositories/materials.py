from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import LessonMaterial


class MaterialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_topic(self, topic_slug: str, language: str) -> list[LessonMaterial]:
        """The topic's materials, those in the reader's language first."""
        own_first = case((LessonMaterial.language == language, 0), else_=1)
        rows = await self._session.scalars(
            select(LessonMaterial)
            .where(LessonMaterial.topic_slug == topic_slug)
            .order_by(own_first, LessonMaterial.id)
        )
        return list(rows)

    async def get(self, material_id: int) -> LessonMaterial | None:
        return await self._session.get(LessonMaterial, material_id)

    async def attach(
        self,
        topic_slug: str,
        language: str,
        title: str,
        kind: str,
        now: datetime,
        file_id: str | None = None,
        url: str | None = None,
    ) -> LessonMaterial:
        material = LessonMaterial(
            topic_slug=topic_slug,
            language=language,
            title=title,
            kind=kind,
            file_id=file_id,
            url=url,
            created_at=now,
        )
        self._session.add(material)
        await self._session.flush()
        return material
