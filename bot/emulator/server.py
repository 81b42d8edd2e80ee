"""The HTTP face of the emulator: Bot API routes on a loopback aiohttp server."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .files import MAX_UPLOAD
from .params import Params, Upload

if TYPE_CHECKING:
    from .emulator import Emulator

Body = dict[str, Any] | str


def json_response(status: int, body: Body) -> web.Response:
    if isinstance(body, str):
        # A raw body imitates a proxy error page (what a real 502 from Telegram's nginx looks like).
        return web.Response(status=status, text=body, content_type="text/html")
    return web.Response(
        status=status, text=json.dumps(body, ensure_ascii=False), content_type="application/json"
    )


async def read_params(request: web.Request) -> Params:
    """Decode query string, form, multipart or JSON bodies, the ways Telegram accepts parameters."""
    values: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if request.method == "POST" and request.body_exists:
        if request.content_type == "application/json":
            try:
                body = await request.json()
            except ValueError:
                body = None
            if isinstance(body, dict):
                values.update(body)
        else:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    upload = Upload(value.filename or key, value.content_type, value.file.read())
                    uploads[key] = upload
                    values[key] = upload
                else:
                    values[key] = value
    return Params(values, uploads)


class ApiServer:
    def __init__(self, emu: Emulator) -> None:
        self._emu = emu
        self.app = web.Application(client_max_size=MAX_UPLOAD + 1024 * 1024)
        self.app.router.add_route("*", "/bot{token}/{method}", self._method)
        self.app.router.add_get("/file/bot{token}/{path:.+}", self._download)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    async def start(self, host: str, port: int) -> str:
        # handler_cancellation: a client that gives up (timeout, polling stopped) cancels its
        # request here too, as with the real server, instead of it completing unseen.
        runner = web.AppRunner(self.app, handler_cancellation=True, access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        bound_host, bound_port = runner.addresses[0][:2]
        self.base_url = f"http://{bound_host}:{bound_port}"
        return self.base_url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _method(self, request: web.Request) -> web.Response:
        params = await read_params(request)
        status, body = await self._emu.handle(
            request.match_info["token"], request.match_info["method"], params
        )
        return json_response(status, body)

    async def _download(self, request: web.Request) -> web.Response:
        token_error = self._emu.check_token(request.match_info["token"])
        if token_error is not None:
            return json_response(token_error.status, token_error.payload())
        stored = self._emu.files.by_path(request.match_info["path"])
        if stored is None:
            return json_response(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")
