"""The approval card: the post as parents will see it, then who wrote it, to whom, when, how, with Approve /
Reject. The request to every approver (bot/flows/publish.py) and /approvals send the same one.

Every card sent is recorded (db/repositories/approval_cards.py), so that once the post no longer waits (an
approver decided, or its author stopped it) all of them say so at once and lose their buttons.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramForbiddenError
from aiogram.types import CallbackQuery, Message

from bot.i18n import stored_locale
from bot.views import approvals as v
from bot.views.orgs import org_name
from bot.views.post_flow import when_text
from bot.views.post_keyboards import approval_keyboard
from bot.views.post_preview import send_preview
from bot.views.staff import role_name
from db.models import Organisation, Post
from db.repositories import Repositories
from domain.enums import PostStatus

if TYPE_CHECKING:
    from bot.flows.publish import Audience

log = logging.getLogger(__name__)

CardText = Callable[[str], str]
"""A card's new text in the card's own language."""


async def author_of(repo: Repositories, user_id: int, locale: str) -> str:
    """The author as /staff names them: the name Telegram shows, then each role they hold and where."""
    profile = (await repo.staff.profiles_of({user_id})).get(user_id)
    name = " ".join(p for p in (profile.first_name, profile.last_name) if p) if profile else None
    roles = await repo.staff.roles_of(user_id)
    places = {o.code: org_name(o, locale) for o in await repo.orgs.many({r.scope_code for r in roles})}
    held = [(role_name(r.role, locale), places.get(r.scope_code, r.scope_code)) for r in roles]
    return v.author_html(v.person_link(user_id, name), held)


async def send_card(
    bot: Bot,
    repo: Repositories,
    chat_id: int,
    post: Post,
    scope: Organisation | None,
    audience: Audience,
    locale: str,
) -> None:
    """The preview in both languages, then the card in the approver's `locale`; Telegram's errors are the
    caller's to handle."""
    await send_preview(bot, chat_id, post, scope)
    text = v.card_text(
        await author_of(repo, post.author_id, locale),
        audience.names,
        audience.recipients,
        when_text(post.send_at, locale),
        v.mode_text(post.urgent, post.silent, locale),
        locale,
        event=post.event_id is not None,
    )
    card = await bot.send_message(chat_id, text, reply_markup=approval_keyboard(post.id, locale))
    await repo.approval_cards.add(post.id, card.chat.id, card.message_id, locale)
    # Decided or stopped while this card was on its way: the others were told without it, so it is told now.
    status = await repo.drafts.status_of(post.id)
    if status != PostStatus.AWAITING_APPROVAL:
        await tell_cards(
            bot,
            repo,
            post.id,
            v.withdrawn_by_author if status == PostStatus.WITHDRAWN else v.not_waiting_any_more,
        )


async def tell_cards(
    bot: Bot,
    repo: Repositories,
    post_id: int,
    text: CardText,
    *,
    pressed: Message | tuple[int, int] | None = None,
) -> int:
    """Every recorded card of the post says `text` in its language instead, without its buttons; returns how
    many did. `pressed`: the card the decision came from (or its chat id and message id), which its handler
    has already told.

    The cards are taken off the record first, so none is told twice. Each edit is an ordinary request of the
    bot (paced, waiting out a short 429); a card its approver deleted, one too old to edit, or an approver who
    blocked the bot is passed over, and never keeps the decision or the withdrawal from holding.
    """
    told = 0
    skip = (pressed.chat.id, pressed.message_id) if isinstance(pressed, Message) else pressed
    for card in await repo.approval_cards.take(post_id):
        if (card.chat_id, card.message_id) == skip:
            continue
        try:
            await bot.edit_message_text(
                text(card.locale), chat_id=card.chat_id, message_id=card.message_id, reply_markup=None
            )
        except TelegramAPIError as exc:
            log.info(
                "approval card of post %s in chat %s not updated: %s", post_id, card.chat_id, exc.message
            )
            continue
        told += 1
    return told


async def say_in_place(query: CallbackQuery, text: str, *, alert: bool = False) -> None:
    """The press is answered (with `alert`, by `text` in an alert) and the message it came from, a card or
    the author's question, says `text` instead, without its buttons."""
    await query.answer(text if alert else None, show_alert=alert)
    if isinstance(query.message, Message):
        await query.message.edit_text(text)


async def tell_author(
    bot: Bot, repo: Repositories, author_id: int, text: CardText, default_locale: str
) -> None:
    """A message to a post's author in their language; one who blocked the bot or is gone is passed over,
    and never undoes the decision (already committed before the request)."""
    locale = stored_locale(await repo.users.speaks_of(author_id), default_locale)
    try:
        await bot.send_message(author_id, text(locale))
    except (TelegramForbiddenError, TelegramBadRequest) as exc:
        log.info("author of a post not told: %s", exc.message)
    except TelegramAPIError as exc:
        # Telegram failing just now: what was decided and shown stands, and the next author (/approvals tells
        # several in a row) is still told; an error here would only apologise to the approver for nothing.
        log.warning("author of a post not told: %s", exc.message)
