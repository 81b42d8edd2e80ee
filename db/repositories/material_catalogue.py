"""Approved materials as readers and staff browse them: per topic, per age group, per language."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession


class MaterialCatalogueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
