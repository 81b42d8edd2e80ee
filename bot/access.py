"""Who may do what, and where: roles over scopes of the organisation tree.

Recomputed from the database for every staff update, because callback data comes from the client and a
role may have been revoked a second ago.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from domain.enums import Role

# Within a school: the deputy director brings in the psychologist and the social pedagogue, not the reverse.
SCHOOL_RANK = {Role.DEPUTY_DIRECTOR: 2, Role.PSYCHOLOGIST: 1, Role.SOCIAL_PEDAGOGUE: 1}


@dataclass(frozen=True, slots=True)
class Grant:
    role: Role
    scope_code: str


def grant_allows(grant: Grant, role: Role, chain: Sequence[str]) -> bool:
    """Whether holding `grant` lets one give `role` at the place whose codes, region first, are `chain`.

    Only roles below one's own: a coordinator gives school roles within their area and coordinator roles
    strictly below it (a district's coordinators come from the region or an admin, never from a peer), a
    deputy director gives their school's psychologist and social pedagogue. So nobody can make a second
    account of their own rank, whose approval would be one person's four eyes.
    """
    if role is Role.ADMIN or not chain:
        return False
    if grant.role is Role.ADMIN:
        return True
    place = chain[-1]
    if grant.role is Role.COORDINATOR:
        if grant.scope_code not in chain:
            return False
        return role in SCHOOL_RANK or place != grant.scope_code
    if role not in SCHOOL_RANK or place != grant.scope_code:
        return False
    return SCHOOL_RANK[role] < SCHOOL_RANK[grant.role]


@dataclass(frozen=True)
class Access:
    """A staff member's rights for this update.

    `codes` holds every organisation code at or below the user's scopes; None means everything (an admin).
    """

    user_id: int
    grants: tuple[Grant, ...]
    codes: frozenset[str] | None = field(default=None)

    @property
    def is_admin(self) -> bool:
        return any(g.role is Role.ADMIN for g in self.grants)

    @property
    def is_coordinator(self) -> bool:
        return self.is_admin or any(g.role is Role.COORDINATOR for g in self.grants)

    @property
    def coordinator_areas(self) -> tuple[str, ...]:
        """The scopes of the user's coordinator roles (none for an admin, who holds no scope)."""
        return tuple(dict.fromkeys(g.scope_code for g in self.grants if g.role is Role.COORDINATOR))

    @property
    def may_mark_urgent(self) -> bool:
        return self.is_coordinator

    @property
    def may_send_paid(self) -> bool:
        """May send a post as a paid broadcast (Stars for every message): admins only, and only an urgent
        post to a whole region with PAID_BROADCAST_RATE set (handlers/post.py checks those)."""
        return self.is_admin

    @property
    def scope_codes(self) -> tuple[str, ...]:
        """The tops of the user's scopes (empty for an admin, who has no top)."""
        return tuple(dict.fromkeys(g.scope_code for g in self.grants if g.role is not Role.ADMIN))

    def may_grant(self, role: Role, chain: Sequence[str]) -> bool:
        """May give (or take away) `role` at the place whose codes, region first, are `chain`."""
        return any(grant_allows(g, role, chain) for g in self.grants)

    def may_take_away(self, role: Role, scope_code: str) -> bool:
        """May remove `role` at `scope_code`: what one may give, so peers cannot remove each other."""
        if self.is_admin:
            return True
        if not self.covers(scope_code):
            return False
        if own_areas := self.coordinator_areas:
            # Covered and not one of their own areas: strictly below one of them.
            return role in SCHOOL_RANK or scope_code not in own_areas
        return any(
            g.scope_code == scope_code
            and role in SCHOOL_RANK
            and SCHOOL_RANK[role] < SCHOOL_RANK.get(g.role, 0)
            for g in self.grants
        )

    def covers(self, code: str) -> bool:
        return self.codes is None or code in self.codes
