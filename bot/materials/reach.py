"""Which territories' materials a reader gets: a material approved for a district reaches parents whose
children's organisations lie in it (a region's, the whole region); a national one reaches everyone."""

from __future__ import annotations

from bot.access import Access
from db.repositories import Repositories
from domain.enums import Role


async def reader_reach(user_id: int, access: Access | None, repo: Repositories) -> set[str] | None:
    """Territory codes whose materials this user (with `access`, if staff) may have; None for everything (an
    admin)."""
    if access is not None and access.is_admin:
        return None
    subscribed = {s.org_code for s in await repo.subscriptions.of_user(user_id)}
    # Staff also see their own area's materials, to check what their parents get.
    grants = access.grants if access is not None else ()
    scopes = [g.scope_code for g in grants if g.role is not Role.ADMIN]
    return await repo.orgs.above(subscribed | set(scopes)) | await repo.orgs.within(scopes)
