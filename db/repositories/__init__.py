from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from db.repositories.materials import MaterialRepository
from db.repositories.users import UserRepository


class Repositories:
    """The repositories of one update, sharing its session."""

    def __init__(self, session: AsyncSession) -> None:
        self.users = UserRepository(session)
        self.materials = MaterialRepository(session)


__all__ = ["MaterialRepository", "Repositories", "UserRepository"]
