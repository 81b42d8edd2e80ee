"""What the author of a post sees while the sender sends it: the progress message (the "queued" message the
post's row points to), edited every few seconds with how far it is and about how long is left, and at the end
the report it becomes (delivered, blocked, failed, acknowledgements).

Every sender edits the progress of every post being sent; the one whose conditional update marks a post done
writes its report, so the report is written once however many senders share the database.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.views.delivery import progress_text, report_text
from db.models import Post
from db.repositories import Repositories

log = logging.getLogger(__name__)


@dataclass
class _Pace:
    """For the time-left estimate: when this process first saw the post, and how far it was then."""

    seen_at: float
    finished_then: int
    last_text: str = ""  # the progress last shown: the same text is not sent again


class Progress:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], clock: Clock, default_locale: str
    ) -> None:
        self._sessionmaker = sessionmaker
        self._clock = clock
        self._default_locale = default_locale
        self._paces: dict[int, _Pace] = {}
        self.bot: Bot | None = None  # the sender's own bot, once it starts

    async def begin(self, repo: Repositories, post_id: int) -> None:
        """This sender takes up the post: its estimate of the time left counts from how far it is now."""
        finished = (await repo.posts.delivery_counts(post_id)).finished
        self._paces[post_id] = _Pace(time.monotonic(), finished)

    async def finish_posts(self) -> list[int]:
        """Marks done every post being sent with nothing pending, and reports each to its author; returns
        the ids of the posts this sender finished."""
        finished = []
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            for post in await repo.posts.sending():
                if await repo.outbox.has_pending(post.id):
                    continue
                if not await repo.posts.mark_done(post.id, self._clock.now()):
                    continue  # another sender finished it and reports
                await session.commit()
                counts = await repo.posts.delivery_counts(post.id)
                locale = await self._locale_of(repo, post.progress_chat_id)
                self._paces.pop(post.id, None)
                finished.append(post.id)
                log.info("post %d done: %s", post.id, counts)
                report = report_text(post.id, counts, locale, event=post.event_id is not None)
                await self._edit(post, report)
        return finished

    async def show(self) -> None:
        """Edits the progress message of every post being sent, where its text has changed."""
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            for post in await repo.posts.sending():
                if post.progress_chat_id is None or post.progress_message_id is None:
                    continue
                pace = self._paces.get(post.id)
                if pace is None:
                    # Not being sent here (another instance's): its senders show its progress, and two
                    # estimates written in turn would make the line flicker.
                    continue
                counts = await repo.posts.delivery_counts(post.id)
                locale = await self._locale_of(repo, post.progress_chat_id)
                left: float | None = None
                elapsed = time.monotonic() - pace.seen_at
                progressed = counts.finished - pace.finished_then
                if progressed > 0 and elapsed > 0:
                    left = counts.pending / (progressed / elapsed)
                text = progress_text(post.id, counts, left, locale)
                if pace.last_text == text:
                    continue
                pace.last_text = text
                await self._edit(post, text)

    async def _locale_of(self, repo: Repositories, chat_id: int | None) -> str:
        language = await repo.users.language_of(chat_id) if chat_id else None
        return language or self._default_locale

    async def _edit(self, post: Post, text: str) -> None:
        if self.bot is None or post.progress_chat_id is None or post.progress_message_id is None:
            return
        try:
            await self.bot.edit_message_text(
                text=text, chat_id=post.progress_chat_id, message_id=post.progress_message_id
            )
        except TelegramAPIError as exc:  # "message is not modified", deleted by the author, ...
            log.info("post %d: progress message not edited: %s", post.id, exc.message)
