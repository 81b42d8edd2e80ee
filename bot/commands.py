"""Every command, who may use it and its one line: the table behind /help, the staff welcome and the menus.

A command's audience is the least role that may use it; each role sees its own lines and everything below.
Kept in step with the routers by tests/e2e/test_help_per_role.py, which asks each role's commands directly.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from aiogram.utils.i18n import I18n

from bot.i18n import LOCALES
from bot.views.phrases import Phrase, __
from db.repositories import Repositories
from domain.enums import Role

log = logging.getLogger(__name__)


class Audience(IntEnum):
    """Who may use a command; each level may use everything below it as well."""

    EVERYONE = 0
    STAFF = 1
    # School staff who may bring in colleagues (a deputy director); psychologists and social pedagogues don't.
    INVITER = 2
    COORDINATOR = 3
    ADMIN = 4


EVERYONE, STAFF, INVITER, COORDINATOR, ADMIN = Audience
# The audience each role gives; a role not named here is plain staff.
_ROLE_AUDIENCE = {Role.ADMIN: ADMIN, Role.COORDINATOR: COORDINATOR, Role.DEPUTY_DIRECTOR: INVITER}


def audience_of(roles: Iterable[Role | str], admin: bool = False) -> Audience:
    if admin:
        return ADMIN
    return max((_ROLE_AUDIENCE.get(Role(r), STAFF) for r in roles), default=EVERYONE)


@dataclass(frozen=True, slots=True)
class Entry:
    command: str
    audience: Audience
    line: Phrase
    """The one line that says what it does."""
    usage: str = ""
    """What follows the command in /help (`/measure N`), for a command that needs it; such a command is
    left out of Telegram's menu, which sends the bare command."""
    aliases: tuple[str, ...] = ()
    news: bool = False
    """A parent's subscription command: its own block in /help, right after the main menu in the menu."""


COMMANDS: tuple[Entry, ...] = (
    Entry("start", EVERYONE, __("Main menu"), aliases=("menu",)),
    Entry("subscribe", EVERYONE, __("Get school news for parents"), news=True),
    Entry("mysubscriptions", EVERYONE, __("My subscriptions"), news=True),
    Entry("unsubscribe", EVERYONE, __("Stop school news"), news=True),
    Entry("helplines", EVERYONE, __("Helplines: where to get help now")),
    Entry("sos", EVERYONE, __("I need help now")),
    Entry("memos", EVERYONE, __("Safety memos for parents")),
    Entry("lessons", EVERYONE, __('"Personal safety" lessons by age')),
    Entry("familyhour", EVERYONE, __("Family Hour: parent meetings at school")),
    Entry("about", EVERYONE, __("About the child-protection roadmap")),
    Entry("measures", EVERYONE, __("Roadmap progress, measure by measure")),
    Entry("measure", EVERYONE, __("One measure of the roadmap"), usage="N"),
    Entry("language", EVERYONE, __("Change the language")),
    Entry("help", EVERYONE, __("What this bot can do")),
    Entry("privacy", EVERYONE, __("What the bot keeps about me and why")),
    Entry("mydata", EVERYONE, __("A file of everything the bot keeps about me")),
    Entry("forget", EVERYONE, __("Erase everything the bot knows about me")),
    Entry("post", STAFF, __("Write a notice to parents")),
    Entry("update", STAFF, __("Report progress on a roadmap measure")),
    Entry("myupdates", STAFF, __("My progress updates")),
    Entry("event", STAFF, __("Announce a Family Hour or parent meeting; /event list: change or cancel one")),
    Entry("upload", STAFF, __("Add a lesson or memo material")),
    Entry("materials", STAFF, __("Lesson and memo materials")),
    Entry("stats", STAFF, __("Subscribers and delivery of posts")),
    Entry("qr", STAFF, __("QR code for a school poster")),
    Entry("invite", INVITER, __("Invite a colleague")),
    Entry("invites", INVITER, __("My invitations not used yet")),
    Entry("staff", STAFF, __("Staff and their roles")),
    Entry("channel", STAFF, __("Link a Telegram channel")),
    Entry("cancel", STAFF, __("Cancel what I am doing")),
    Entry("approvals", COORDINATOR, __("Posts waiting for my approval")),
    Entry("report", COORDINATOR, __("Roadmap report: table and chart")),
    Entry("status", ADMIN, __("Bot status and user figures")),
)


def menu_commands(audience: Audience, locale: str) -> list[BotCommand]:
    """Telegram's menu: what help lists, bar commands that need more than their name."""
    entries = [e for e in COMMANDS if e.audience <= audience and not e.usage]
    # Subscriptions sit right after the main menu: they are what parents come for.
    ordered = [entries[0], *(e for e in entries if e.news), *(e for e in entries[1:] if not e.news)]
    return [BotCommand(command=e.command, description=e.line(locale)) for e in ordered]


def help_line(entry: Entry, locale: str) -> str:
    names = ", ".join(f"/{c}" for c in (entry.command, *entry.aliases))
    usage = f" {entry.usage}" if entry.usage else ""
    return f"{names}{usage} — {entry.line(locale)}"


_HEADINGS = (
    __("What this bot can do"),
    __("For school staff"),
    __("Inviting colleagues"),
    __("For coordinators"),
    __("For administrators"),
)


_NEWS_HEADING = __("School news")


def _heading(audience: Audience, news: bool, locale: str) -> str:
    return (_NEWS_HEADING if news else _HEADINGS[audience])(locale)


def commands_help(audience: Audience, locale: str, own_first: bool = False) -> str:
    """Every command this audience may use, one line each, in blocks under a bold heading.

    `own_first` puts the role's own blocks before everyone's (a new colleague's welcome)."""
    levels = [level for level in Audience if level <= audience]
    if own_first:
        levels = [*levels[1:], levels[0]]
    blocks: list[str] = []
    for level in levels:
        for news in (False, True):
            lines = [help_line(e, locale) for e in COMMANDS if e.audience is level and e.news is news]
            if lines:
                blocks.append("\n".join([f"<b>{_heading(level, news, locale)}</b>", *lines]))
    return "\n\n".join(blocks)


async def audience_in(repo: Repositories, user_id: int, admin_ids: frozenset[int]) -> Audience:
    roles = [r.role for r in await repo.staff.roles_of(user_id)]
    return audience_of(roles, admin=user_id in admin_ids)


class CommandsPublisher:
    """Publishes command menus; a chat scope makes the menu follow the language chosen in the bot."""

    def __init__(self, i18n: I18n, default_locale: str, admin_ids: frozenset[int]) -> None:
        self._i18n = i18n
        self._default = default_locale
        self._admins = admin_ids

    def is_admin(self, user_id: int) -> bool:
        return user_id in self._admins

    def _commands(self, locale: str, audience: Audience) -> list[BotCommand]:
        with self._i18n.context():
            return menu_commands(audience, locale)

    @property
    def admin_ids(self) -> frozenset[int]:
        return self._admins

    async def publish_defaults(
        self,
        bot: Bot,
        known_admins: dict[int, str | None],
        known_staff: dict[int, str | None] | None = None,
        audiences: dict[int, Audience] | None = None,
    ) -> None:
        """The default menus, and the staff and admin menus in the chats of those who have already written.

        `audiences` says how far each staff member's menu goes (a coordinator's has /report); plain staff
        otherwise."""
        await bot.set_my_commands(
            self._commands(self._default, Audience.EVERYONE), scope=BotCommandScopeDefault()
        )
        for locale in LOCALES:
            await bot.set_my_commands(
                self._commands(locale, Audience.EVERYONE),
                scope=BotCommandScopeDefault(),
                language_code=locale,
            )
        for admin_id, chosen in sorted(known_admins.items()):
            await self.publish_for_chat(bot, admin_id, chosen)
        for staff_id, chosen in sorted((known_staff or {}).items()):
            if staff_id not in known_admins:
                level = (audiences or {}).get(staff_id, Audience.STAFF)
                await self.publish_for_chat(bot, staff_id, chosen, staff=level)

    async def publish_for_user(self, bot: Bot, repo: Repositories, user_id: int, locale: str | None) -> None:
        """The menu this user's roles give, read afresh: after a role comes or goes, or a new language."""
        await self.publish_for_chat(
            bot, user_id, locale, staff=await audience_in(repo, user_id, self._admins)
        )

    async def publish_for_chat(
        self, bot: Bot, chat_id: int, locale: str | None, staff: bool | Audience = False
    ) -> None:
        """A chat-scoped menu; without a chosen locale, one per Telegram language like the default.

        `staff` is an Audience, or True for a school staff member. Called again whenever the user's language
        or role changes, so the menu follows both.
        """
        audience = ADMIN if self.is_admin(chat_id) else Audience(staff)  # True is 1, STAFF
        scope = BotCommandScopeChat(chat_id=chat_id)
        try:
            if locale:
                await bot.set_my_commands(self._commands(locale, audience), scope=scope)
                return
            await bot.set_my_commands(self._commands(self._default, audience), scope=scope)
            for code in LOCALES:
                await bot.set_my_commands(self._commands(code, audience), scope=scope, language_code=code)
        except TelegramAPIError as exc:
            # An admin who never opened the bot has no chat yet; the menu is published when they do.
            log.info("command menu for chat %s not published: %s", chat_id, exc.message)
