"""Approved materials as readers and staff browse them: per topic, per age group, per language."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Material
from db.repositories.rows import changed
from domain.enums import MaterialStatus, MaterialTarget


@dataclass(frozen=True, slots=True)
class Coverage:
    """How many approved materials a topic or memo has that a reader of each language can use."""

    kk: int = 0
    ru: int = 0

    @property
    def none(self) -> bool:
        return self.kk == 0 and self.ru == 0


def reaching(reach: Collection[str] | None) -> ColumnElement[bool]:
    """Materials a reader whose territories are `reach` may have: national ones and those approved for one of
    them (None: every material, for an admin)."""
    if reach is None:
        return Material.id.is_not(None)
    return or_(Material.territory_code.is_(None), Material.territory_code.in_(list(reach)))


class MaterialCatalogueRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def for_topic(
        self, slug: str, language: str, reach: Collection[str] | None, target: str = MaterialTarget.LESSON
    ) -> list[Material]:
        """A topic's approved materials within `reach` (see `reaching`): the reader's language (or both)
        first, then the other language."""
        own_first = case((Material.language.in_([language, "both"]), 0), else_=1)
        rows = await self._session.scalars(
            select(Material)
            .where(
                Material.target == target,
                Material.slug == slug,
                Material.status == MaterialStatus.APPROVED,
                reaching(reach),
            )
            .order_by(own_first, Material.id)
        )
        return list(rows)

    async def approved(self, material_id: int, reach: Collection[str] | None) -> Material | None:
        """The material if this reader may still have it; None for removed, pending, rejected, unknown ids and
        those approved for another territory."""
        return await self._session.scalar(
            select(Material).where(
                Material.id == material_id, Material.status == MaterialStatus.APPROVED, reaching(reach)
            )
        )

    async def for_topics(self, slugs: Iterable[str], target: str = MaterialTarget.LESSON) -> list[Material]:
        """Approved materials of many topics (an age group's pack, the removal list), oldest first."""
        rows = await self._session.scalars(
            select(Material)
            .where(
                Material.target == target,
                Material.slug.in_(list(slugs)),
                Material.status == MaterialStatus.APPROVED,
            )
            .order_by(Material.id)
        )
        return list(rows)

    async def coverage(self, target: str) -> dict[str, Coverage]:
        """Per slug, approved materials usable in kk and in ru; a bilingual one counts for each."""
        rows = await self._session.execute(
            select(Material.slug, Material.language, func.count())
            .where(Material.target == target, Material.status == MaterialStatus.APPROVED)
            .group_by(Material.slug, Material.language)
        )
        counts: dict[str, dict[str, int]] = {}
        for slug, language, n in rows:
            per = counts.setdefault(slug, {"kk": 0, "ru": 0})
            for lang in ("kk", "ru") if language == "both" else (language,):
                if lang in per:
                    per[lang] += int(n)
        return {slug: Coverage(kk=c["kk"], ru=c["ru"]) for slug, c in counts.items()}

    async def remove(self, material_id: int, actor: int, now: datetime) -> bool:
        """Takes an approved material away from readers; False if it was not approved (a double tap)."""
        # Conditional, so two coordinators confirming at once remove (and audit) it once.
        return await changed(
            self._session,
            update(Material)
            .where(Material.id == material_id, Material.status == MaterialStatus.APPROVED)
            .values(status=MaterialStatus.REMOVED, reviewed_by=actor, reviewed_at=now)
            .execution_options(synchronize_session=False),
        )
