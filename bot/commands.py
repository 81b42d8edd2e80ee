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
        BotCommand(command="language", description=_("Change the language", locale=locale)),
        BotCommand(command="help", description=_("What this bot can do", locale=locale)),
        BotCommand(command="forget", description=_("Erase everything the bot knows about me", locale=locale)),
    ]


def admin_commands(locale: str) -> list[BotCommand]:
    return [
        *public_commands(locale),
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

    def _commands(self, locale: str, admin: bool) -> list[BotCommand]:
        with self._i18n.context():
            return admin_commands(locale) if admin else public_commands(locale)

    @property
    def admin_ids(self) -> frozenset[int]:
        return self._admins

    async def publish_defaults(self, bot: Bot, known_admins: dict[int, str | None]) -> None:
        """The default menus, and the admin menu in the chats of admins who have already written."""
        await bot.set_my_commands(self._commands(self._default, False), scope=BotCommandScopeDefault())
        for locale in LOCALES:
            await bot.set_my_commands(
                self._commands(locale, False), scope=BotCommandScopeDefault(), language_code=locale
            )
        for admin_id, locale in sorted(known_admins.items()):
            await self.publish_for_chat(bot, admin_id, locale)

    async def publish_for_chat(self, bot: Bot, chat_id: int, locale: str | None) -> None:
        """A chat-scoped menu; without a chosen locale, one per Telegram language like the default."""
        admin = self.is_admin(chat_id)
        scope = BotCommandScopeChat(chat_id=chat_id)
        try:
            if locale:
                await bot.set_my_commands(self._commands(locale, admin), scope=scope)
                return
            await bot.set_my_commands(self._commands(self._default, admin), scope=scope)
            for code in LOCALES:
                await bot.set_my_commands(self._commands(code, admin), scope=scope, language_code=code)
        except TelegramAPIError as exc:
            # An admin who never opened the bot has no chat yet; the menu is published when they do.
            log.info("command menu for chat %s not published: %s", chat_id, exc.message)
