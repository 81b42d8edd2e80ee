"""The bot's own profile: identity, updates delivery, commands, descriptions."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from ..errors import ApiError, bad_request
from ..params import Params
from ..state import Chat, World
from .common import find_chat
from .registry import api_method

if TYPE_CHECKING:
    from ..emulator import Emulator

MAX_COMMANDS = 100
MAX_POLL_TIMEOUT = 50
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")
_CHAT_SCOPES = {"chat", "chat_administrators", "chat_member"}
_SCOPES = {"default", "all_private_chats", "all_group_chats", "all_chat_administrators", *_CHAT_SCOPES}
_WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
_TEXT_LIMITS = {"description": 512, "short_description": 120, "name": 64}


@api_method("getMe")
async def get_me(emu: Emulator, p: Params) -> dict[str, Any]:
    return {
        **emu.world.bot.as_user(),
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


@api_method("logOut", "close")
async def log_out(emu: Emulator, p: Params) -> bool:
    return True


@api_method("getUpdates")
async def get_updates(emu: Emulator, p: Params) -> list[dict[str, Any]]:
    if emu.world.webhook_url:
        raise ApiError(409, _WEBHOOK_CONFLICT)
    allowed = p.json("allowed_updates", error="can't parse allowed updates JSON object")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed updates JSON object")
    limit = min(max(p.int("limit", 100) or 100, 1), 100)
    timeout = min(max(p.int("timeout", 0) or 0, 0), MAX_POLL_TIMEOUT)
    return await emu.updates.fetch(p.int("offset", 0) or 0, limit, timeout, allowed)


@api_method("setWebhook")
async def set_webhook(emu: Emulator, p: Params) -> bool:
    url = p.str("url") or ""
    if url and not url.lower().startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    return _webhook(emu, p, url, p.str("secret_token") or "")


@api_method("deleteWebhook")
async def delete_webhook(emu: Emulator, p: Params) -> bool:
    return _webhook(emu, p, "", "")


def _webhook(emu: Emulator, p: Params, url: str, secret: str) -> bool:
    if p.bool("drop_pending_updates"):
        emu.updates.drop_all()
    emu.world.webhook_url, emu.world.webhook_secret = url, secret
    return True


@api_method("getWebhookInfo")
async def get_webhook_info(emu: Emulator, p: Params) -> dict[str, Any]:
    return {
        "url": emu.world.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": len(emu.updates.pending),
    }


def scope_key(emu: Emulator, scope: Any) -> str:
    scope = scope or {"type": "default"}
    if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
        raise bad_request("can't parse BotCommandScope JSON object")
    normalized: dict[str, Any] = {"type": scope["type"]}
    if scope["type"] in _CHAT_SCOPES:
        normalized["chat_id"] = find_chat(emu, scope.get("chat_id")).id
    if scope["type"] == "chat_member":
        user_id: Any = scope.get("user_id")  # anything the bot sent; int() refuses what is not a number
        try:
            normalized["user_id"] = int(user_id)
        except (TypeError, ValueError):
            raise bad_request("invalid user_id specified") from None
    return json.dumps(normalized, sort_keys=True)


def _commands_key(emu: Emulator, p: Params) -> tuple[str, str]:
    scope = p.json("scope", error="can't parse BotCommandScope JSON object")
    language = p.str("language_code") or ""
    if language and not _LANGUAGE.match(language):
        raise bad_request("invalid language code specified")
    return scope_key(emu, scope), language


@api_method("setMyCommands")
async def set_my_commands(emu: Emulator, p: Params) -> bool:
    commands = p.json("commands", error="can't parse commands JSON object")
    if not isinstance(commands, list):
        raise bad_request("can't parse commands JSON object")
    if len(commands) > MAX_COMMANDS:
        raise bad_request("BOT_COMMANDS_TOO_MUCH")
    for command in commands:
        if not isinstance(command, dict) or not _COMMAND.match(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        description = command.get("description")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
    key = _commands_key(emu, p)
    if commands:
        emu.world.commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
    else:
        emu.world.commands.pop(key, None)
    return True


@api_method("getMyCommands")
async def get_my_commands(emu: Emulator, p: Params) -> list[dict[str, Any]]:
    return emu.world.commands.get(_commands_key(emu, p), [])


@api_method("deleteMyCommands")
async def delete_my_commands(emu: Emulator, p: Params) -> bool:
    emu.world.commands.pop(_commands_key(emu, p), None)
    return True


def visible_commands(
    world: World, chat: Chat, user_id: int | None, language_code: str
) -> list[dict[str, Any]]:
    """The command menu a user sees, resolved through scopes the way Telegram documents it."""
    scopes: list[dict[str, Any]] = []
    if chat.is_private:
        scopes += [{"type": "chat", "chat_id": chat.id}, {"type": "all_private_chats"}]
    else:
        is_admin = user_id is not None and chat.members.get(user_id) in ("creator", "administrator")
        if user_id is not None:
            scopes.append({"type": "chat_member", "chat_id": chat.id, "user_id": user_id})
        if is_admin:
            scopes.append({"type": "chat_administrators", "chat_id": chat.id})
        scopes.append({"type": "chat", "chat_id": chat.id})
        if is_admin:
            scopes.append({"type": "all_chat_administrators"})
        scopes.append({"type": "all_group_chats"})
    scopes.append({"type": "default"})
    for scope in scopes:
        key = json.dumps(scope, sort_keys=True)
        for language in (language_code, ""):
            if (key, language) in world.commands:
                return world.commands[(key, language)]
    return []


def _text_setting(field: str) -> Any:
    async def setter(emu: Emulator, p: Params) -> bool:
        value = p.str(field) or ""
        if len(value) > _TEXT_LIMITS[field]:
            raise bad_request(f"{field.replace('_', ' ')} is too long")
        language = p.str("language_code") or ""
        if value:
            emu.world.descriptions[(field, language)] = value
        else:
            emu.world.descriptions.pop((field, language), None)
        return True

    async def getter(emu: Emulator, p: Params) -> dict[str, str]:
        language = p.str("language_code") or ""
        descriptions = emu.world.descriptions
        return {field: descriptions.get((field, language), descriptions.get((field, ""), ""))}

    return setter, getter


for _field, _suffix in (
    ("description", "Description"),
    ("short_description", "ShortDescription"),
    ("name", "Name"),
):
    _setter, _getter = _text_setting(_field)
    api_method(f"setMy{_suffix}")(_setter)
    api_method(f"getMy{_suffix}")(_getter)
