"""With REDIS_URL the app opens one Redis client, one connection pool, for the limiter, flood control,
update de-duplication, the drafts (FSM), the press locks and /readyz; stopping it closes that pool once: no
connection is left open on either side, and nothing warns of an unclosed connection."""

from __future__ import annotations

import gc
import warnings
from typing import Any

import aiohttp
import pytest
from redis.asyncio import Redis
from redis.asyncio.connection import AbstractConnection, ConnectionPool

from bot.emulator import Emulator
from bot.factory import Overrides
from bot.shared_limits import RedisFloodControl, RedisLimiter
from tests.conftest import SharedRedis
from tests.support.app import running_app
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


class PoolLog:
    """Every Redis connection pool made from here on, and how many times each was closed (disconnected)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.pools: list[ConnectionPool] = []
        self.closed: dict[int, int] = {}
        made, disconnect = ConnectionPool.__init__, ConnectionPool.disconnect

        def making(pool: ConnectionPool, *args: Any, **kwargs: Any) -> None:
            made(pool, *args, **kwargs)
            self.pools.append(pool)

        async def disconnecting(pool: ConnectionPool, *args: Any, **kwargs: Any) -> None:
            self.closed[id(pool)] = self.closed.get(id(pool), 0) + 1
            await disconnect(pool, *args, **kwargs)

        monkeypatch.setattr(ConnectionPool, "__init__", making)
        monkeypatch.setattr(ConnectionPool, "disconnect", disconnecting)

    def closes(self) -> list[int]:
        return [self.closed.get(id(pool), 0) for pool in self.pools]


async def test_stopping_the_app_closes_its_one_redis_pool_once(
    database_url: str, shared_redis: SharedRedis, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _server_sees(shared_redis.client)  # the fixture's own connection, open from here on
    # Earlier tests' garbage is collected now, outside the warnings caught below: the app freezes the heap
    # while it runs (gc.freeze at start-up), so without this an earlier test's unclosed transport would be
    # collected, and warned about, in the gc.collect() after this app stops (seen once in CI).
    gc.collect()
    before = {id(c) for c in _open_connections()}
    pools = PoolLog(monkeypatch)
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
                # One pool for the whole process, still open while the app runs; every connection the
                # app opened is that pool's, and the server sees each of them.
                assert pools.closes() == [0]
                (pool,) = pools.pools
                opened = [c for c in _open_connections() if id(c) not in before]
                assert opened and {id(c) for c in opened} <= {id(c) for c in pool._available_connections}
                addresses = {_address(c) for c in opened}
                assert addresses <= await _server_sees(shared_redis.client)
            assert pools.closes() == [1], "stopping the app closes its pool exactly once"
            del app
            gc.collect()
        assert [c for c in _open_connections() if id(c) not in before] == []
        assert addresses.isdisjoint(await _server_sees(shared_redis.client))
        unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
        assert [m for m in unclosed if "nclosed" in m or "unclosed" in m] == []
    finally:
        await emu.stop()


async def test_a_limiter_and_flood_control_passed_in_keep_their_callers_redis_open(
    database_url: str, shared_redis: SharedRedis, monkeypatch: pytest.MonkeyPatch
) -> None:
    callers_pool = shared_redis.client.connection_pool
    pools = PoolLog(monkeypatch)
    limiter = RedisLimiter(shared_redis.client, shared_redis.prefix, global_rate=1000, global_burst=50)
    flood = RedisFloodControl(shared_redis.client, shared_redis.prefix)
    async with running_app(
        database_url, Overrides(flood=flood), limiter=limiter, redis_url=shared_redis.url
    ) as app:
        user = app.emu.user(4602, language_code="kk")
        await user.send("/helplines")  # the caller's limiter paces the reply, its flood control counts it
        assert "111" in (await user.next_message())["text"]
    # The app's own pool (the drafts, the press locks) is closed once; the caller's is left to the caller.
    assert pools.closes() == [1]
    assert id(callers_pool) not in pools.closed
    assert await shared_redis.client.ping()
