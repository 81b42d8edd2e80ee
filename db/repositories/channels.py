"""Telegram channels that mirror the posts of a region, district or organisation."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Channel
from db.repositories.rows import changed


class ChannelRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def link(
        self, scope_code: str, chat_id: int, language: str, linked_by: int, now: datetime
    ) -> Channel:
        """Link the channel to a scope, or move an already linked one to this scope and language."""
        channel = await self.by_chat(chat_id)
        if channel is None:
            channel = Channel(scope_code=scope_code, chat_id=chat_id, language=language)
            self._session.add(channel)
        channel.scope_code, channel.language = scope_code, language
        channel.linked_by, channel.linked_at = linked_by, now
        await self._session.flush()
        return channel

    async def unlink(self, chat_id: int) -> bool:
        return await changed(self._session, delete(Channel).where(Channel.chat_id == chat_id))

    async def by_chat(self, chat_id: int) -> Channel | None:
        return await self._session.scalar(select(Channel).where(Channel.chat_id == chat_id))

    async def linked_within(self, codes: set[str] | None) -> list[Channel]:
        """Channels linked to any of these organisation codes (already expanded to the whole subtree);
        None means every channel (an admin)."""
        query = select(Channel).order_by(Channel.scope_code, Channel.id)
        if codes is not None:
            query = query.where(Channel.scope_code.in_(sorted(codes)))
        return list(await self._session.scalars(query))

    async def move_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """The chat became a supergroup (migrate_to_chat_id): follow it."""
        await self._session.execute(
            update(Channel).where(Channel.chat_id == old_chat_id).values(chat_id=new_chat_id)
        )
