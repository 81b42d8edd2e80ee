"""Lesson and memo materials: what staff attach, and the review of what school staff propose."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Material
from db.repositories.rows import changed
from domain.enums import MaterialStatus

# A file already here in one of these states is a duplicate; a rejected or removed one may come back.
LIVE = (MaterialStatus.PENDING, MaterialStatus.APPROVED)


@dataclass(frozen=True, slots=True)
class NewMaterial:
    target: str  # lesson, memo
    slug: str
    age_group: str | None
    language: str  # kk, ru, both
    title: str
    kind: str
    media_type: str | None
    file_id: str | None
    file_unique_id: str | None
    file_name: str | None
    file_size: int | None
    mime_type: str | None
    checksum: str | None
    url: str | None
    proposed_by: int
    org_code: str | None
    # Where it reaches once approved (None: nationwide); a proposal gets its reviewer's territory instead.
    territory_code: str | None = None
    # The Russian title of a material in both languages (`title` is then the Kazakh one); None otherwise.
    title_ru: str | None = None


def _pending_from(org_codes: Collection[str] | None) -> ColumnElement[bool]:
    pending = Material.status == MaterialStatus.PENDING
    return pending if org_codes is None else and_(pending, Material.org_code.in_(list(org_codes)))


class MaterialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, material_id: int) -> Material | None:
        return await self._session.get(Material, material_id)

    # Writing -----------------------------------------------------------------------------------

    async def add(self, new: NewMaterial, now: datetime, approved_by: int | None = None) -> Material:
        """Saves a material: approved at once when a reviewer adds it, otherwise pending review."""
        material = Material(
            **asdict(new),
            status=MaterialStatus.APPROVED if approved_by is not None else MaterialStatus.PENDING,
            reviewed_by=approved_by,
            reviewed_at=now if approved_by is not None else None,
            created_at=now,
        )
        self._session.add(material)
        await self._session.flush()
        return material

    async def approve(self, material_id: int, reviewer_id: int, now: datetime, territory: str | None) -> bool:
        """Approves it for `territory` (None: nationwide). Only the first decision counts: False when someone
        has already approved or rejected it."""
        return await self._decide(
            material_id, reviewer_id, now, status=MaterialStatus.APPROVED, territory_code=territory
        )

    async def reject(self, material_id: int, reviewer_id: int, reason: str, now: datetime) -> bool:
        return await self._decide(
            material_id, reviewer_id, now, status=MaterialStatus.REJECTED, reject_reason=reason
        )

    async def _decide(self, material_id: int, reviewer_id: int, now: datetime, **decision: object) -> bool:
        # A decision clears what it does not set: an approval has no reason, a rejection no territory.
        cleared = {"reject_reason": None, "territory_code": None}
        decided = await changed(
            self._session,
            update(Material)
            .where(Material.id == material_id, Material.status == MaterialStatus.PENDING)
            .values({**cleared, **decision, "reviewed_by": reviewer_id, "reviewed_at": now})
            .execution_options(synchronize_session=False),
        )
        if decided:
            # The handler goes on with the row it loaded before; let it see the decision.
            await self._session.get(Material, material_id, populate_existing=True)
        return decided

    # Reading for the review ----------------------------------------------------------------------

    async def pending_in(self, org_codes: Collection[str] | None, limit: int = 20) -> list[Material]:
        """Proposals awaiting review from these organisations (None: from everywhere, for an admin)."""
        stmt = select(Material).where(_pending_from(org_codes)).order_by(Material.id).limit(limit)
        return list(await self._session.scalars(stmt))

    async def count_pending_in(self, org_codes: Collection[str] | None) -> int:
        stmt = select(func.count()).select_from(Material).where(_pending_from(org_codes))
        return int(await self._session.scalar(stmt) or 0)

    async def same_file_on(self, target: str, slug: str, checksum: str) -> Material | None:
        """The live material of this topic or memo with exactly these bytes, if any."""
        return await self._live_on(target, slug, Material.checksum == checksum)

    async def same_link_on(self, target: str, slug: str, url: str) -> Material | None:
        return await self._live_on(target, slug, Material.url == url)

    async def _live_on(self, target: str, slug: str, same: ColumnElement[bool]) -> Material | None:
        return await self._session.scalar(
            select(Material)
            .where(Material.target == target, Material.slug == slug, same, Material.status.in_(LIVE))
            .order_by(Material.id)
            .limit(1)
        )
