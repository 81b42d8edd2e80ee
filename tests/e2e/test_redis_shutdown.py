"""With REDIS_URL the app opens Redis clients for the limiter, flood control, update de-duplication, the
drafts (FSM) and /readyz; stopping it closes every one of them: no connection is left open on either side,
and nothing warns of an unclosed connection."""

from __future__ import annotations

import gc
import warnings
from typing import Any

import aiohttp
from redis.asyncio import Redis
from redis.asyncio.connection import AbstractConnection

from bot.emulator import Emulator
from tests.conftest import SharedRedis
from tests.support.webhook import running_webhook_app


def _open_connections() -> list[AbstractConnection]:
    """This process's Redis connections that are still open."""
    return [c for c in gc.get_objects() if isinstance(c, AbstractConnection) and c.is_connected]


def _address(connection: AbstractConnection) -> str:
    """The connection's local end, as the server's CLIENT LIST shows it in `addr`."""
    writer: Any = connection._writer  # redis-py keeps the stream writer there and offers no getter
    host, port = writer.get_extra_info("sockname")[:2]
    return f"{host}:{port}"


async def _server_sees(redis: Redis) -> set[str]:
    clients = await redis.client_list()
    return {client["addr"] for client in clients}


async def test_stopping_the_app_closes_every_redis_connection_it_opened(
    database_url: str, shared_redis: SharedRedis
) -> None:
    await _server_sees(shared_redis.client)  # the fixture's own connection, open from here on
    before = {id(c) for c in _open_connections()}
    emu = Emulator()
    await emu.start()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ResourceWarning)
            async with running_webhook_app(
                database_url, emu, redis_url=shared_redis.url, dedup_prefix=shared_redis.prefix + "seen"
            ) as app:
                user = emu.user(4601, language_code="kk")
                # One update: de-duplication, flood control, the drafts' storage, and the limiter for the
                # reply all ask Redis; /readyz pings it.
                await user.send("/helplines")
                assert await emu.deliver_webhook(app.url) == [200]
                assert "111" in (await user.next_message())["text"]
                async with aiohttp.ClientSession() as http, http.get(app.base + "/readyz") as answer:
                    assert "redis ok" in await answer.text()
                opened = [c for c in _open_connections() if id(c) not in before]
                addresses = {_address(c) for c in opened}
                # The limiter's pool and the dispatcher's: at least one connection each, seen by the server.
                assert len(addresses) >= 2
                assert addresses <= await _server_sees(shared_redis.client)
            del app
            gc.collect()
        assert [c for c in _open_connections() if id(c) not in before] == []
        assert addresses.isdisjoint(await _server_sees(shared_redis.client))
        unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
        assert [m for m in unclosed if "nclosed" in m or "unclosed" in m] == []
    finally:
        await emu.stop()
