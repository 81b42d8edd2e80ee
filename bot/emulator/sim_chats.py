"""Simulated groups and channels the bot is a member of."""

from __future__ import annotations

from typing import Any

from .sim_base import ChatView
from .state import api_view
from .users import SimUser, my_chat_member


class SimGroup(ChatView):
    def add(self, user: SimUser, status: str = "member") -> None:
        """Make `user` a member (status "member", "administrator" or "creator") without an update."""
        self._chat.members[user.id] = status
        user.record.seen = True

    async def join(self, user: SimUser) -> dict[str, Any]:
        """`user` joins: the bot sees a new_chat_members service message."""
        self.add(user)
        return await user._post(self._chat, {"new_chat_members": [user.as_user()]})

    async def send(
        self,
        user: SimUser,
        text: str,
        *,
        entities: list[dict[str, Any]] | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        if self._chat.members.get(user.id) in (None, "left", "kicked"):
            raise AssertionError(f"{user!r} is not a member of {self!r}")
        return await user._post(self._chat, user._text(text, entities), reply_to)

    def _actor(self) -> dict[str, Any]:
        world = self._emu.world
        for user_id, status in self._chat.members.items():
            if status in ("creator", "administrator") and user_id in world.users:
                return world.users[user_id].as_user()
        first = next(iter(self._chat.members), None)
        return world.users[first].as_user() if first in world.users else world.bot.as_user()

    async def remove_bot(self, *, kicked: bool = True) -> None:
        """An admin removes the bot: my_chat_member, then sends get 403."""
        self._set_bot_status("kicked" if kicked else "left")

    async def set_bot_admin(self, is_admin: bool = True) -> None:
        self._set_bot_status("administrator" if is_admin else "member")

    def _set_bot_status(self, status: str) -> None:
        old, self._chat.bot_status = self._chat.bot_status, status
        my_chat_member(self._emu, self._chat, self._actor(), old, status)

    async def migrate(self, new_chat_id: int) -> SimGroup:
        """Upgrade to a supergroup: the old id then answers 400 with migrate_to_chat_id."""
        old = self._chat
        emu = self._emu
        new = emu.group(new_chat_id, old.title or "", bot_is_admin=old.bot_status == "administrator")
        new.chat.type = "supergroup"
        new.chat.members = dict(old.members)
        actor = self._actor()
        old.migrated_to = new_chat_id
        for chat, content in (
            (old, {"migrate_to_chat_id": new_chat_id}),
            (new.chat, {"migrate_from_chat_id": old.id}),
        ):
            message = emu.world.add_message(chat, content, sender=actor, from_bot=False)
            emu.updates.push("message", api_view(message))
        return new


class SimChannel(ChatView):
    async def post(self, text: str) -> dict[str, Any]:
        """A post by the channel's admins; the bot receives channel_post."""
        message = self._emu.world.add_message(self._chat, {"text": text}, sender=None, from_bot=False)
        self._emu.updates.push("channel_post", api_view(message))
        return message
