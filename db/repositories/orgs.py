"""The organisation tree: region -> district or city -> school, kindergarten or college."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Organisation
from db.repositories.audience import subtree


class OrgRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, code: str) -> Organisation | None:
        return await self._session.get(Organisation, code)

    async def _listed(self, where: ColumnElement[bool]) -> list[Organisation]:
        query = select(Organisation).where(where).order_by(Organisation.code)
        return list(await self._session.scalars(query))

    async def regions(self) -> list[Organisation]:
        return await self._listed(Organisation.parent_code.is_(None))

    async def children(self, code: str) -> list[Organisation]:
        return await self._listed(Organisation.parent_code == code)

    async def many(self, codes: Iterable[str]) -> list[Organisation]:
        return await self._listed(Organisation.code.in_(list(codes)))

    async def path(self, code: str) -> list[Organisation]:
        """The organisation and its ancestors, region first."""
        chain: list[Organisation] = []
        current = await self.get(code)
        while current is not None:
            chain.append(current)
            current = await self.get(current.parent_code) if current.parent_code else None
        return list(reversed(chain))

    async def within(self, scope_codes: Iterable[str]) -> set[str]:
        """Every code at or below any of the given codes (a recursive query: the tree has a few levels)."""
        tree = subtree("tree", list(scope_codes))
        return set(await self._session.scalars(select(tree.c.code)))

    async def above(self, codes: Iterable[str]) -> set[str]:
        """Every code at or above any of the given codes: the territories these organisations lie in."""
        chain = (
            select(Organisation.code.label("code"), Organisation.parent_code.label("parent"))
            .where(Organisation.code.in_(list(codes)))
            .cte("chain", recursive=True)
        )
        chain = chain.union(
            select(Organisation.code, Organisation.parent_code).where(Organisation.code == chain.c.parent)
        )
        return set(await self._session.scalars(select(chain.c.code)))

    async def is_within(self, code: str, scope_codes: Iterable[str]) -> bool:
        scopes = set(scope_codes)
        return any(org.code in scopes for org in await self.path(code)) if scopes else False

    async def count(self) -> int:
        return await self._session.scalar(select(func.count()).select_from(Organisation)) or 0

    # Loading the tree (content sync and CSV import) --------------------------------------------

    async def existing(self, codes: Iterable[str]) -> dict[str, Organisation]:
        """The rows among the given codes, in chunks so a large import stays under bind-parameter limits."""
        wanted = sorted(set(codes))
        found: dict[str, Organisation] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            rows = await self._session.scalars(select(Organisation).where(Organisation.code.in_(chunk)))
            found.update((row.code, row) for row in rows)
        return found

    async def add_organisation(
        self, code: str, kind: str, parent_code: str | None, name_kk: str, name_ru: str
    ) -> Organisation:
        org = Organisation(code=code, kind=kind, parent_code=parent_code, name_kk=name_kk, name_ru=name_ru)
        # Rows of one table are inserted in the order they were added: parents go first, so add parents first.
        self._session.add(org)
        return org

    def rename(self, org: Organisation, name_kk: str, name_ru: str) -> bool:
        """Sets both names of a stored organisation; False when they were already so (nothing written)."""
        if (org.name_kk, org.name_ru) == (name_kk, name_ru):
            return False
        org.name_kk, org.name_ru = name_kk, name_ru
        return True


__all__ = ["OrgRepository"]
