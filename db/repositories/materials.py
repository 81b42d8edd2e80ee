from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Material

APPROVED = "approved"


class MaterialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_topic(self, topic_slug: str, language: str) -> list[Material]:
        """The topic's approved materials, those in the reader's language first."""
        own_first = case((Material.language.in_([language, "both"]), 0), else_=1)
        rows = await self._session.scalars(
            select(Material)
            .where(Material.target == "lesson", Material.slug == topic_slug, Material.status == APPROVED)
            .order_by(own_first, Material.id)
        )
        return list(rows)

    async def get(self, material_id: int) -> Material | None:
        return await self._session.get(Material, material_id)
