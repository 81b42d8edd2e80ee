"""The command menus Telegram shows, per language and per role, kept in step with users' choices."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.i18n import LOCALES

log = logging.getLogger(__name__)


def public_commands(locale: str) -> list[BotCommand]:
    return [
        BotCommand(command="start", description=_("Main menu", locale=locale)),
        BotCommand(command="helplines", description=_("Helplines: where to get help now", locale=locale)),
        BotCommand(command="sos", description=_("I need help now", locale=locale)),
        BotCommand(command="memos", description=_("Safety memos for parents", locale=locale)),
        BotCommand(command="lessons", description=_('"Personal safety" lessons by age', locale=locale)),
        BotCommand(
            command="familyhour", description=_("Family Hour: parent meetings at school", locale=locale)
        ),
        BotCommand(command="about", description=_("About the child-protection roadmap", locale=locale)),
        BotCommand(command="measures", description=_("Roadmap progress, measure by measure", locale=locale)),
        BotCommand(command="language", description=_("Change the language", locale=locale)),
        BotCommand(command="help", description=_("What this bot can do", locale=locale)),
        BotCommand(command="forget", description=_("Erase everything the bot knows about me", locale=locale)),
    ]


def subscriber_commands(locale: str) -> list[BotCommand]:
    return [
        BotCommand(command="subscribe", description=_("Get school news for parents", locale=locale)),
        BotCommand(command="mysubscriptions", description=_("My subscriptions", locale=locale)),
        BotCommand(command="unsubscribe", description=_("Stop school news", locale=locale)),
    ]


def staff_commands(locale: str) -> list[BotCommand]:
    return [
        BotCommand(command="post", description=_("Write a notice to parents", locale=locale)),
        BotCommand(command="update", description=_("Report progress on a roadmap measure", locale=locale)),
        BotCommand(command="myupdates", description=_("My progress updates", locale=locale)),
        BotCommand(command="event", description=_("Announce a Family Hour or parent meeting", locale=locale)),
        BotCommand(command="upload", description=_("Add a lesson or memo material", locale=locale)),
        BotCommand(command="materials", description=_("Lesson and memo materials", locale=locale)),
        BotCommand(command="stats", description=_("Subscribers and delivery of posts", locale=locale)),
        BotCommand(command="qr", description=_("QR code for a school poster", locale=locale)),
        BotCommand(command="invite", description=_("Invite a colleague", locale=locale)),
        BotCommand(command="staff", description=_("Staff and their roles", locale=locale)),
        BotCommand(command="channel", description=_("Link a Telegram channel", locale=locale)),
        BotCommand(command="cancel", description=_("Cancel what I am doing", locale=locale)),
    ]


def all_public_commands(locale: str) -> list[BotCommand]:
    commands = public_commands(locale)
    # Subscriptions sit right after the main menu: they are what parents come for.
    return [commands[0], *subscriber_commands(locale), *commands[1:]]


def admin_commands(locale: str) -> list[BotCommand]:
    return [
        *all_public_commands(locale),
        *staff_commands(locale),
        BotCommand(command="status", description=_("Bot status and user figures", locale=locale)),
    ]


class CommandsPublisher:
    """Publishes command menus; a chat scope makes the menu follow the language chosen in the bot."""

    def __init__(self, i18n: I18n, default_locale: str, admin_ids: frozenset[int]) -> None:
        self._i18n = i18n
        self._default = default_locale
        self._admins = admin_ids

    def is_admin(self, user_id: int) -> bool:
        return user_id in self._admins

    def _commands(self, locale: str, admin: bool, staff: bool = False) -> list[BotCommand]:
        with self._i18n.context():
            if admin:
                return admin_commands(locale)
            if staff:
                return [*all_public_commands(locale), *staff_commands(locale)]
            return all_public_commands(locale)

    @property
    def admin_ids(self) -> frozenset[int]:
        return self._admins

    async def publish_defaults(
        self, bot: Bot, known_admins: dict[int, str | None], known_staff: dict[int, str | None] | None = None
    ) -> None:
        """The default menus, and the staff and admin menus in the chats of those who have already written."""
        await bot.set_my_commands(self._commands(self._default, False), scope=BotCommandScopeDefault())
        for locale in LOCALES:
            await bot.set_my_commands(
                self._commands(locale, False), scope=BotCommandScopeDefault(), language_code=locale
            )
        for admin_id, chosen in sorted(known_admins.items()):
            await self.publish_for_chat(bot, admin_id, chosen)
        for staff_id, chosen in sorted((known_staff or {}).items()):
            if staff_id not in known_admins:
                await self.publish_for_chat(bot, staff_id, chosen, staff=True)

    async def publish_for_chat(self, bot: Bot, chat_id: int, locale: str | None, staff: bool = False) -> None:
        """A chat-scoped menu; without a chosen locale, one per Telegram language like the default.

        Called again whenever the user's language or role changes, so the menu follows both.
        """
        admin = self.is_admin(chat_id)
        scope = BotCommandScopeChat(chat_id=chat_id)
        try:
            if locale:
                await bot.set_my_commands(self._commands(locale, admin, staff), scope=scope)
                return
            await bot.set_my_commands(self._commands(self._default, admin, staff), scope=scope)
            for code in LOCALES:
                await bot.set_my_commands(self._commands(code, admin, staff), scope=scope, language_code=code)
        except TelegramAPIError as exc:
            # An admin who never opened the bot has no chat yet; the menu is published when they do.
            log.info("command menu for chat %s not published: %s", chat_id, exc.message)
