"""Staff roles and the one-time invites that grant them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Invite, Post, StaffProfile, StaffRole, User
from db.repositories.rows import changed, dialect_insert
from domain.enums import PostStatus, Role


@dataclass(frozen=True, slots=True)
class RoleRow:
    id: int
    user_id: int
    role: str
    scope_code: str
    granted_at: datetime


@dataclass(frozen=True, slots=True)
class Profile:
    """A staff member's name as Telegram shows it."""

    first_name: str
    last_name: str | None
    username: str | None


_ROW = (StaffRole.id, StaffRole.user_id, StaffRole.role, StaffRole.scope_code, StaffRole.granted_at)


def _open(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """An invitation that may still be used: not used yet, not expired."""
    return Invite.used_by.is_(None), Invite.expires_at > now


class StaffRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def _current(
        self, *where: ColumnElement[bool], order: Sequence[Any] = (StaffRole.id,)
    ) -> list[RoleRow]:
        """Roles not revoked that match `where`."""
        rows = await self._session.execute(
            select(*_ROW).where(StaffRole.revoked_at.is_(None), *where).order_by(*order)
        )
        return [RoleRow(*row) for row in rows]

    async def roles_of(self, user_id: int) -> list[RoleRow]:
        return await self._current(StaffRole.user_id == user_id)

    async def active_in(self, codes: set[str] | None) -> list[RoleRow]:
        """Everyone holding a role whose scope lies within these codes (None: everywhere)."""
        within = () if codes is None else (StaffRole.scope_code.in_(codes),)
        return await self._current(*within, order=(StaffRole.scope_code, StaffRole.id))

    async def coordinators_for(self, scope_codes: list[str]) -> list[int]:
        """Coordinators whose scope is one of these codes (the post's scope and its ancestors)."""
        rows = await self._session.scalars(
            select(StaffRole.user_id)
            .where(
                StaffRole.revoked_at.is_(None),
                StaffRole.role == Role.COORDINATOR,
                StaffRole.scope_code.in_(scope_codes),
            )
            .distinct()
        )
        return list(rows)

    async def is_staff(self, user_id: int) -> bool:
        return bool(await self.roles_of(user_id))

    async def staff_languages(self) -> dict[int, str | None]:
        """Every current staff member who has written to the bot, with their language (for command menus)."""
        rows = await self._session.execute(
            select(StaffRole.user_id, User.language)
            .join(User, User.id == StaffRole.user_id)
            .where(StaffRole.revoked_at.is_(None))
            .distinct()
        )
        return {user_id: language for user_id, language in rows}

    async def get_role(self, role_id: int) -> RoleRow | None:
        found = await self._current(StaffRole.id == role_id)
        return found[0] if found else None

    async def grant(self, user_id: int, role: str, scope_code: str, granted_by: int, now: datetime) -> None:
        existing = await self._session.scalar(
            select(StaffRole.id).where(
                StaffRole.user_id == user_id,
                StaffRole.role == role,
                StaffRole.scope_code == scope_code,
                StaffRole.revoked_at.is_(None),
            )
        )
        if existing is None:
            self._session.add(
                StaffRole(
                    user_id=user_id, role=role, scope_code=scope_code, granted_by=granted_by, granted_at=now
                )
            )
            await self._session.flush()

    async def revoke(self, role_id: int, now: datetime) -> bool:
        result = await self._session.execute(
            update(StaffRole)
            .where(StaffRole.id == role_id, StaffRole.revoked_at.is_(None))
            .values(revoked_at=now)
            .returning(StaffRole.user_id)
        )
        user_id = result.scalar_one_or_none()
        if user_id is not None and not await self.is_staff(user_id):
            # The name was kept for colleagues who manage this person; with the last role it goes.
            await self._session.execute(delete(StaffProfile).where(StaffProfile.user_id == user_id))
        return user_id is not None

    async def awaiting_approval_of(self, user_id: int) -> list[Post]:
        """This person's posts waiting for approval, oldest first: what their roles must still cover once one
        of them is taken away."""
        stmt = select(Post).where(Post.author_id == user_id, Post.status == PostStatus.AWAITING_APPROVAL)
        return list(await self._session.scalars(stmt.order_by(Post.id)))

    async def remember_profile(
        self, user_id: int, first_name: str, last_name: str | None, username: str | None, now: datetime
    ) -> None:
        """Keeps a staff member's Telegram name current (writes only a change); callers check the role."""
        profile = Profile(first_name[:64], (last_name or None) and last_name[:64], username or None)
        stored = await self._session.get(StaffProfile, user_id)
        if stored is not None and Profile(stored.first_name, stored.last_name, stored.username) == profile:
            return
        # An upsert: two quick updates of a new staff member both find no row, and the second insert would
        # break the unique key (found by tests/e2e/test_fuzz_updates.py).
        names = {**asdict(profile), "updated_at": now}
        await self._session.execute(
            dialect_insert(self._session, StaffProfile)
            .values(user_id=user_id, **names)
            .on_conflict_do_update(index_elements=[StaffProfile.user_id], set_=names)
        )
        if stored is not None:
            await self._session.refresh(stored)

    async def profiles_of(self, user_ids: set[int]) -> dict[int, Profile]:
        """The kept names of these people, for those who hold a role now."""
        if not user_ids:
            return {}
        active = select(StaffRole.user_id).where(StaffRole.revoked_at.is_(None))
        p = StaffProfile
        columns = (p.user_id, p.first_name, p.last_name, p.username)
        rows = await self._session.execute(
            select(*columns).where(p.user_id.in_(user_ids), p.user_id.in_(active))
        )
        return {user_id: Profile(first, last, username) for user_id, first, last, username in rows}

    async def create_invite(
        self, token: str, role: str, scope_code: str, created_by: int, now: datetime, expires_at: datetime
    ) -> None:
        self._session.add(
            Invite(
                token=token,
                role=role,
                scope_code=scope_code,
                created_by=created_by,
                created_at=now,
                expires_at=expires_at,
            )
        )
        await self._session.flush()

    async def claim_invite(self, token: str, user_id: int, now: datetime) -> Invite | None:
        """Marks the invite used by this user if it is unused and unexpired; one winner even if two race."""
        claimed = await changed(
            self._session,
            update(Invite).where(Invite.token == token, *_open(now)).values(used_by=user_id, used_at=now),
        )
        return await self._session.get(Invite, token) if claimed else None

    async def invite_status(self, token: str) -> Invite | None:
        return await self._session.get(Invite, token)

    async def open_invites(self, now: datetime, created_by: int | None = None) -> list[Invite]:
        """Invitations not yet used and not expired: this person's, or everyone's (None), oldest first."""
        stmt = select(Invite).where(*_open(now))
        if created_by is not None:
            stmt = stmt.where(Invite.created_by == created_by)
        return list(await self._session.scalars(stmt.order_by(Invite.created_at, Invite.token)))

    async def cancel_invite(self, token: str, now: datetime) -> bool:
        """Ends an open invitation at once (it expires now); False when it was used, expired or unknown."""
        return await changed(
            self._session, update(Invite).where(Invite.token == token, *_open(now)).values(expires_at=now)
        )

    async def inviter_of(self, role: RoleRow) -> int | None:
        """Who made the invitation this role came by: the last one the person used for this role and place by
        the time it was granted; None for a role given otherwise (a seeded role, or one held already)."""
        return await self._session.scalar(
            select(Invite.created_by)
            .where(
                Invite.used_by == role.user_id,
                Invite.role == role.role,
                Invite.scope_code == role.scope_code,
                Invite.used_at <= role.granted_at,
            )
            .order_by(Invite.used_at.desc())
            .limit(1)
        )

    async def invited_one_another(self, first: int, second: int) -> bool:
        """Whether either of these people brought the other in (a role they were given, or a link they used),
        past roles included: such a pair is not two independent pairs of eyes."""
        for brought, by in ((StaffRole.user_id, StaffRole.granted_by), (Invite.used_by, Invite.created_by)):
            either_way = or_(and_(brought == first, by == second), and_(brought == second, by == first))
            if await self._session.scalar(select(brought).where(either_way).limit(1)) is not None:
                return True
        return False
