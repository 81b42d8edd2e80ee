"""Posts waiting for approval as /post, /update and /event leave them, the approvers' cards, and a material
waiting for review, put through a running app."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from bot.flows.publish import ask_approvers
from db.models import Material, Post
from db.repositories import Repositories
from handlers.material_review import ask_reviewers
from tests.support.app import ADMIN_ID, RunningApp
from tests.support.chat import next_with
from tests.support.org_tree import DISTRICT
from tests.support.post_steps import TEXTS, card_head
from tests.support.posts import add_post

BOTH_TEXTS = {"kk": TEXTS[0], "ru": TEXTS[1]}
POSTER = "Плакат"  # the title of the material of material_for_review
# The reason step of a rejection (bot/flows/reason.py): its answers.
REJECTED = "Rejected. The author has been told the reason."
POST_KEPT = "The rejection is cancelled: the post still waits for approval."
MATERIAL_KEPT = "The rejection is cancelled: the material still waits for review."
NO_REASON = "Please write the reason as a text message (or /cancel)."


def district_coordinators(*user_ids: int) -> list[tuple[int, str, str]]:
    """Coordinator roles over DISTRICT for `user_ids`, as unpaced_app's staff: each may approve the others'
    posts to the district."""
    return [(user_id, "coordinator", DISTRICT) for user_id in user_ids]


async def waiting_post(
    app: RunningApp,
    author_id: int,
    created_at: datetime,
    *,
    scope_code: str = DISTRICT,
    text: Mapping[str, str] = BOTH_TEXTS,
    **columns: Any,
) -> int:
    """A silent post of `author_id` to the whole of `scope_code`, waiting for approval (its approvers not
    asked yet); `columns` are any others (event_id...). Returns its id."""
    return await add_post(
        app.dp["sessionmaker"],
        author_id=author_id,
        scope_code=scope_code,
        status="awaiting_approval",
        created_at=created_at,
        text=text,
        silent=True,
        **columns,
    )


async def ask_for_approval(
    app: RunningApp, post_id: int, admins: frozenset[int] = frozenset({ADMIN_ID})
) -> int:
    """The approval request goes out as /post, /update and /event send it (`admins` the bot's admins);
    returns how many were asked."""
    async with app.dp["sessionmaker"]() as session:
        with app.dp["i18n"].context():
            asked = await ask_approvers(post_id, Repositories(session), app.bot, admins)
        await session.commit()
    return asked


async def approval_cards(
    app: RunningApp,
    post_id: int,
    approvers: Mapping[int, str],
    *,
    admins: frozenset[int] = frozenset({ADMIN_ID}),
    head: Callable[[RunningApp, str], str] = card_head,
) -> dict[int, dict[str, Any]]:
    """ask_for_approval, which asks exactly `approvers` (id: the language of their chat); each approver's
    card, the first message in their chat with `head(app, language)`, by approver."""
    assert await ask_for_approval(app, post_id, admins) == len(approvers)
    return {
        user_id: await next_with(app.emu.user(user_id), head(app, language))
        for user_id, language in approvers.items()
    }


async def stored_post(app: RunningApp, post_id: int) -> Post:
    async with app.dp["sessionmaker"]() as session:
        post = await session.get(Post, post_id)
        assert post is not None
        return post


async def post_status(app: RunningApp, post_id: int) -> str:
    return (await stored_post(app, post_id)).status


async def material_for_review(
    app: RunningApp, proposed_by: int, org_code: str, created_at: datetime
) -> tuple[int, int]:
    """A Russian link for grades 1-4's lesson «water and ice», titled POSTER, proposed by `proposed_by` of
    `org_code`, sent to its reviewers as /upload sends it. Returns its id and how many were asked."""
    async with app.dp["sessionmaker"]() as session:
        material = Material(
            target="lesson",
            slug="water_and_ice",
            age_group="grades_1_4",
            language="ru",
            title=POSTER,
            kind="link",
            url="https://example.org/poster",
            status="pending",
            proposed_by=proposed_by,
            org_code=org_code,
            created_at=created_at,
        )
        session.add(material)
        await session.flush()
        with app.dp["i18n"].context():
            asked = await ask_reviewers(
                material, Repositories(session), app.bot, app.dp["content"], frozenset()
            )
        await session.commit()
        return material.id, asked


async def material_status(app: RunningApp, material_id: int) -> tuple[str, str | None]:
    """The material's status and the reason it was rejected with, if any."""
    async with app.dp["sessionmaker"]() as session:
        material = await session.get(Material, material_id)
        assert material is not None
        return material.status, material.reject_reason
