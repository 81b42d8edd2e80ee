"""A parent blocks or unblocks the bot: broadcasts skip them, or reach them again."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.enums import ChatType
from aiogram.filters import KICKED, MEMBER, ChatMemberUpdatedFilter
from aiogram.types import ChatMemberUpdated

from db.repositories import Repositories


async def on_blocked(event: ChatMemberUpdated, repo: Repositories) -> None:
    await repo.users.mark_unreachable([event.from_user.id])


async def on_unblocked(event: ChatMemberUpdated, repo: Repositories) -> None:
    await repo.users.mark_returned(event.from_user.id)


def build_router() -> Router:
    router = Router(name=__name__)
    private = F.chat.type == ChatType.PRIVATE
    router.my_chat_member.register(on_blocked, private, ChatMemberUpdatedFilter(member_status_changed=KICKED))
    router.my_chat_member.register(
        on_unblocked, private, ChatMemberUpdatedFilter(member_status_changed=MEMBER)
    )
    return router
