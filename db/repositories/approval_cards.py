"""Where each approver's card of a post waiting for approval is (the message with Approve / Reject), so that
all of them are told at once when the post is decided or its author stops it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ApprovalCard
from db.repositories.rows import dialect_insert


@dataclass(frozen=True, slots=True)
class Card:
    chat_id: int
    message_id: int
    locale: str  # the language the card was written in


class ApprovalCardRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, post_id: int, chat_id: int, message_id: int, locale: str) -> None:
        stmt = (
            dialect_insert(self._session, ApprovalCard)
            .values(post_id=post_id, chat_id=chat_id, message_id=message_id, locale=locale)
            .on_conflict_do_nothing(index_elements=[ApprovalCard.chat_id, ApprovalCard.message_id])
        )
        await self._session.execute(stmt)

    async def take(self, post_id: int) -> list[Card]:
        """The post's cards, removed as they are read: one DELETE ... RETURNING, so two instances telling
        the cards at once (a withdrawal and a card sent just then) never both get the same one."""
        rows = await self._session.execute(
            delete(ApprovalCard)
            .where(ApprovalCard.post_id == post_id)
            .returning(ApprovalCard.chat_id, ApprovalCard.message_id, ApprovalCard.locale)
        )
        return sorted((Card(*row) for row in rows), key=lambda card: (card.chat_id, card.message_id))
