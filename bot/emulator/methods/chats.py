"""Read-only chat methods and chat settings: getChat, members, admins, files, menu button."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import bad_request
from ..files import MAX_DOWNLOAD
from ..params import Params
from ..state import Chat
from .common import check_writable, find_chat
from .registry import api_method

if TYPE_CHECKING:
    from ..emulator import Emulator

_ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_send_welcome_messages": False,
    "can_pin_messages": True,
}


def member_object(user: dict[str, Any], status: str, chat: Chat) -> dict[str, Any]:
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(_ADMIN_RIGHTS)
        if chat.type == "channel":
            member.update(can_post_messages=True, can_edit_messages=True)
    elif status == "kicked":
        member["until_date"] = 0
    return member


def readable_chat(emu: Emulator, p: Params) -> Chat:
    chat = find_chat(emu, p.raw("chat_id"))
    if not chat.is_private and (chat.bot_status in ("kicked", "left") or chat.migrated_to is not None):
        check_writable(emu, chat)
    return chat


@api_method("getChat")
async def get_chat(emu: Emulator, p: Params) -> dict[str, Any]:
    return readable_chat(emu, p).full_info()


@api_method("getChatMember")
async def get_chat_member(emu: Emulator, p: Params) -> dict[str, Any]:
    chat = readable_chat(emu, p)
    user_id = p.required_int("user_id", missing="user not found", invalid="invalid user_id specified")
    world = emu.world
    if user_id == world.bot.id:
        return member_object(world.bot.as_user(), chat.bot_status, chat)
    user = world.users.get(user_id)
    if user is None:
        raise bad_request("user not found")
    if chat.is_private:
        status = "member" if user_id == chat.id else "left"
    else:
        status = chat.members.get(user_id, "left")
    return member_object(user.as_user(), status, chat)


@api_method("getChatAdministrators")
async def get_chat_administrators(emu: Emulator, p: Params) -> list[dict[str, Any]]:
    chat = readable_chat(emu, p)
    if chat.is_private:
        raise bad_request("there are no administrators in the private chat")
    world = emu.world
    admins = [
        member_object(world.users[user_id].as_user(), status, chat)
        for user_id, status in chat.members.items()
        if status in ("creator", "administrator") and user_id in world.users
    ]
    if chat.bot_status == "administrator":
        admins.append(member_object(world.bot.as_user(), "administrator", chat))
    return admins


@api_method("getChatMemberCount")
async def get_chat_member_count(emu: Emulator, p: Params) -> int:
    chat = readable_chat(emu, p)
    return 2 if chat.is_private else sum(s not in ("left", "kicked") for s in chat.members.values()) + 1


@api_method("getFile")
async def get_file(emu: Emulator, p: Params) -> dict[str, Any]:
    file_id = p.str("file_id")
    if not file_id:
        raise bad_request("file_id is empty")
    stored = emu.files.get(file_id)
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.size > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return stored.as_file()


@api_method("setChatMenuButton")
async def set_chat_menu_button(emu: Emulator, p: Params) -> bool:
    button = p.json("menu_button", error="can't parse menu button JSON object") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in ("commands", "web_app", "default"):
        raise bad_request("can't parse menu button JSON object")
    if button["type"] == "web_app" and not str((button.get("web_app") or {}).get("url", "")).startswith(
        "https://"
    ):
        raise bad_request("BUTTON_URL_INVALID")
    if p.has("chat_id"):
        find_chat(emu, p.raw("chat_id")).menu_button = button
    else:
        emu.world.default_menu_button = button
    return True


@api_method("getChatMenuButton")
async def get_chat_menu_button(emu: Emulator, p: Params) -> dict[str, Any]:
    if p.has("chat_id"):
        button = find_chat(emu, p.raw("chat_id")).menu_button
        if button is not None:
            return button
    return emu.world.default_menu_button
