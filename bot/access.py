"""Who may do what, and where: roles over scopes of the organisation tree.

Recomputed from the database for every staff update, because callback data comes from the client and a
role may have been revoked a second ago.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.enums import Role


@dataclass(frozen=True, slots=True)
class Grant:
    role: Role
    scope_code: str


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
    def may_mark_urgent(self) -> bool:
        return self.is_coordinator

    @property
    def scope_codes(self) -> tuple[str, ...]:
        """The tops of the user's scopes (empty for an admin, who has no top)."""
        return tuple(dict.fromkeys(g.scope_code for g in self.grants if g.role is not Role.ADMIN))

    def covers(self, code: str) -> bool:
        return self.codes is None or code in self.codes

    def coordinator_covers(self, code: str, codes_under: dict[str, frozenset[str]]) -> bool:
        """Whether a coordinator grant (not just a school one) covers this code."""
        if self.is_admin:
            return True
        return any(
            g.role is Role.COORDINATOR and code in codes_under.get(g.scope_code, frozenset())
            for g in self.grants
        )
