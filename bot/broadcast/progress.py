"""What the author of a post sees while the sender sends it: the progress message (the "queued" message the
post's row points to), edited every few seconds with how far it is and about how long is left, and at the end
the report it becomes (delivered, blocked, failed, acknowledgements).

Only the senders sending a post edit its progress (one that never took it up would write over theirs), and
the time left comes from durable shared state alone: the copies every sender recorded as sent within the
last PACE_WINDOW seconds (since the post started, if later) set the pace, so every instance computes the
same figure at the same moment and the line does not jump as they edit it in turn. The one whose
conditional update marks a post done writes its report, so the report is written once however many senders
share the database.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.i18n import stored_locale
from bot.views.delivery import progress_text, report_text
from db.models import Post
from db.repositories import Repositories
from db.repositories.posts import DeliveryCounts

log = logging.getLogger(__name__)

PACE_WINDOW = 60.0
"""Seconds of recent sends the estimate goes by: long enough to smooth the recorder's batches, short enough
to follow a change of pace (a 429 pause, instances stopping, another post starting beside this one)."""
LEAST_MEASURE = 1.0
"""Seconds of sending below which a pace means nothing yet: the line says it is estimating."""


def seconds_left(counts: DeliveryCounts, sent_recently: int, measured_over: float) -> float | None:
    """The time left at the pace of the last `measured_over` seconds, in which `sent_recently` copies of the
    post were sent; None while there is no pace to go by."""
    if counts.pending == 0:
        return 0.0
    if sent_recently == 0 or counts.sent == 0 or measured_over < LEAST_MEASURE:
        return None
    # A copy that ends blocked or failed takes a send too but keeps no time: count those in at their share
    # so far.
    per_second = sent_recently / measured_over * counts.finished / counts.sent
    return counts.pending / per_second


class Progress:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], clock: Clock, default_locale: str
    ) -> None:
        self._sessionmaker = sessionmaker
        self._clock = clock
        self._default_locale = default_locale
        # The posts this sender takes part in, with the progress last shown (the same text is not sent again).
        self._shown: dict[int, str] = {}
        self.bot: Bot | None = None  # the sender's own bot, once it starts

    def begin(self, post_id: int) -> None:
        """This sender takes up the post: it shows the post's progress from now on."""
        self._shown.setdefault(post_id, "")

    def forget(self, post_id: int) -> None:
        """The post is done or cancelled (here or by another sender): nothing more to show."""
        self._shown.pop(post_id, None)

    async def finish_posts(self) -> set[int]:
        """Marks done every post being sent with nothing pending, and reports each this sender marked to its
        author; returns the ids of the posts still being sent (by any sender)."""
        sending = set()
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            for post in await repo.posts.sending():
                if await repo.outbox.has_pending(post.id):
                    sending.add(post.id)
                    continue
                if not await repo.posts.mark_done(post.id, self._clock.now()):
                    continue  # another sender finished it and reports
                await session.commit()
                self.forget(post.id)  # a progress edit under way must not follow the report
                counts = await repo.posts.delivery_counts(post.id)
                locale = await self._locale_of(repo, post.progress_chat_id)
                log.info("post %d done: %s", post.id, counts)
                report = report_text(post.id, counts, locale, event=post.event_id is not None)
                await self._edit(post, report)
        return sending

    async def show(self) -> None:
        """Edits the progress message of every post this sender sends, where its text has changed."""
        async with self._sessionmaker() as session:
            repo = Repositories(session)
            for post in await repo.posts.sending():
                if post.progress_chat_id is None or post.progress_message_id is None:
                    continue
                if post.id not in self._shown:
                    continue  # not being sent here: its senders show its progress
                counts = await repo.posts.delivery_counts(post.id)
                if counts.pending == 0:
                    continue  # all recorded: the report replaces the line now, and a late edit would hide it
                text = await self._text(repo, post, counts)
                if self._shown.get(post.id, text) == text:
                    continue  # unchanged, or the post was finished here meanwhile
                self._shown[post.id] = text
                await self._edit(post, text)

    async def _text(self, repo: Repositories, post: Post, counts: DeliveryCounts) -> str:
        """The progress line as of now: the same whichever sender asks at the same moment."""
        now = self._clock.now()
        since = now - timedelta(seconds=PACE_WINDOW)
        if post.started_at is not None:
            since = max(since, post.started_at)
        sent = await repo.outbox.sent_since(post.id, since)
        left = seconds_left(counts, sent, (now - since).total_seconds())
        locale = await self._locale_of(repo, post.progress_chat_id)
        return progress_text(post.id, counts, left, locale)

    async def _locale_of(self, repo: Repositories, chat_id: int | None) -> str:
        """The author's language: the progress chat is theirs."""
        speaks = await repo.users.speaks_of(chat_id) if chat_id else None
        return stored_locale(speaks, self._default_locale)

    async def _edit(self, post: Post, text: str) -> None:
        if self.bot is None or post.progress_chat_id is None or post.progress_message_id is None:
            return
        try:
            await self.bot.edit_message_text(
                text=text, chat_id=post.progress_chat_id, message_id=post.progress_message_id
            )
        except TelegramAPIError as exc:  # "message is not modified", deleted by the author, ...
            log.info("post %d: progress message not edited: %s", post.id, exc.message)
