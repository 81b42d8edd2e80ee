"""A small JSON control API (/_emulator/...) so a standalone emulator can be driven with curl."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .emulator import Emulator


def add_control_routes(app: web.Application, emu: Emulator) -> None:
    async def body(request: web.Request) -> dict[str, Any]:
        data = await request.json() if request.body_exists else {}
        return data if isinstance(data, dict) else {}

    async def send(request: web.Request) -> web.Response:
        data = await body(request)
        user = emu.user(
            int(request.match_info["user_id"]),
            data.get("first_name", "User"),
            language_code=data.get("language_code", "en"),
        )
        return web.json_response(await user.send(str(data.get("text", "/start"))))

    async def press(request: web.Request) -> web.Response:
        data = await body(request)
        user = emu.user(int(request.match_info["user_id"]))
        chat = emu.world.chats[int(data.get("chat_id", user.id))]
        message = chat.messages[int(data["message_id"])]
        answer = await user.press(message, data["button"], timeout=float(data.get("timeout", 5)))
        return web.json_response(answer)

    async def messages(request: web.Request) -> web.Response:
        chat = emu.world.chats.get(int(request.match_info["chat_id"]))
        return web.json_response(chat.bot_messages if chat else [])

    async def state(request: web.Request) -> web.Response:
        return web.json_response(
            {
                "base_url": emu.base_url,
                "token": emu.token,
                "stats": dict(emu.stats),
                "rejections": [dataclasses.asdict(r) for r in emu.rejections],
                "pending_updates": len(emu.updates.pending),
            }
        )

    app.router.add_post("/_emulator/users/{user_id}/send", send)
    app.router.add_post("/_emulator/users/{user_id}/press", press)
    app.router.add_get("/_emulator/chats/{chat_id}/messages", messages)
    app.router.add_get("/_emulator/state", state)
