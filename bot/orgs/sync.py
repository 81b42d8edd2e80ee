"""Brings the organisations table up to date with content/orgs/ and applies CSV imports, by the same rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.orgs.content import ORGS_DIR, load_org_tree
from bot.orgs.tree import OrgNode, OrgTreeError, Placed, tree_problems
from db.repositories.orgs import OrgRepository


@dataclass(frozen=True, slots=True)
class OrgChanges:
    added: int = 0
    updated: int = 0
    unchanged: int = 0


async def stored_placement(repo: OrgRepository, nodes: Sequence[OrgNode]) -> dict[str, Placed]:
    """Kind and parent of each stored row the nodes name, as themselves or as a parent."""
    codes = {node.code for node in nodes} | {node.parent_code for node in nodes if node.parent_code}
    rows = await repo.existing(codes)
    return {code: Placed(row.kind, row.parent_code) for code, row in rows.items()}


async def apply_nodes(repo: OrgRepository, nodes: Sequence[OrgNode]) -> OrgChanges:
    """Adds new organisations and renames changed ones; the nodes must already be checked, parents first.
    Never deletes: subscriptions and staff scopes point at codes, and a CSV import may hold more than the
    shipped content."""
    stored = await repo.existing(node.code for node in nodes)
    added = updated = unchanged = 0
    for node in nodes:
        if node.code not in stored:
            await repo.add_organisation(node.code, node.kind, node.parent_code, node.name_kk, node.name_ru)
            added += 1
        elif repo.rename(stored[node.code], node.name_kk, node.name_ru):
            updated += 1
        else:
            unchanged += 1
    return OrgChanges(added, updated, unchanged)


async def sync_organisations(session: AsyncSession, directory: Path = ORGS_DIR) -> int:
    """Upserts content/orgs/ into the organisations table and commits; returns how many rows were added or
    renamed (0 when the table already matches). Raises OrgTreeError if the files are invalid or contradict a
    stored row (a code whose kind or parent changed); nothing is written then."""
    nodes = load_org_tree(directory)
    repo = OrgRepository(session)
    problems = tree_problems([(node.code, node) for node in nodes], await stored_placement(repo, nodes))
    if problems:
        raise OrgTreeError(problems)
    changes = await apply_nodes(repo, nodes)
    await session.commit()
    return changes.added + changes.updated
