"""Telegram's limits shared by every instance of the bot through Redis (REDIS_URL set).

Telegram counts a bot's messages, not a process's: three instances each pacing itself at 28/s would send 84/s
and earn 429s. Here the buckets (overall, per chat, the broadcast share, paid broadcasts) and the pause a 429
imposes live in Redis, and one Lua script checks and takes them atomically, so instances never grant the same
token twice. The script answers how long to wait; the caller sleeps and asks again.

Priorities across instances: a crisis reply may take the overall bucket into debt by its own cost (the
others then pay it back), so it does not wait for a token at all unless another crisis reply just did the
same. A crisis or interactive request that does find the overall bucket short leaves a short "waiting" mark,
and less urgent requests (of any instance) hold back while it is there: a crisis reply never waits behind
broadcasts anywhere. An interactive reply (through acquire) books the overall bucket's next token once it is
less than one token short, and sleeps until that token is due: a broadcast needs a whole token, so it can
never take that slot, however late the reply's process wakes (a mark alone lost such races on a busy
machine, and replies waited up to seconds behind three instances' broadcasts). One token ahead at most, so a
crisis reply waits at most one token's time behind bookings. Keys carry a hash of the bot token: bots
sharing one Redis never share limits, and every key of one bot is in one cluster slot.

Without REDIS_URL the in-process OutgoingLimiter and FloodControl serve one process, as before.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
from collections.abc import Callable
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from bot.middlewares.throttling import FloodControl
from bot.outgoing import OutgoingLimiter, Priority

log = logging.getLogger(__name__)

# Every script's clock: ARGV[1] (a test's controllable time) or, when empty, Redis's own.
NOW = """
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) + tonumber(t[2]) / 1000000
end
"""

# KEYS: overall, broadcast, chat, pause, waiting:CRISIS, waiting:INTERACTIVE, paid.
# ARGV: now (empty: Redis's clock), cost, priority, overall rate, burst, chat rate, burst, broadcast rate
# (0: no share), burst, has_chat, paid ('1': allow_paid_broadcast), paid rate (0: none), burst, book ('1': an
# interactive request may book the overall bucket's next token).
# Returns the wait in seconds as a string (Lua numbers become integers); negative: booked, send in -wait.
# A paid broadcast takes the paid bucket instead of the overall one and the broadcast share, as Telegram
# counts it apart: it neither waits behind replies' marks nor leaves any.
ACQUIRE = (
    NOW
    + """
local cost, prio = tonumber(ARGV[2]), tonumber(ARGV[3])
local paid = ARGV[11] == '1' and tonumber(ARGV[12]) > 0
local book = ARGV[14] == '1' and prio == 1 and not paid
if prio > 0 then
  local untl = tonumber(redis.call('GET', KEYS[4]) or '0')
  if untl > now then return tostring(untl - now) end
  for p = 0, paid and -1 or prio - 1 do
    local w = tonumber(redis.call('GET', KEYS[5 + p]) or '0')
    if w > now then return tostring(w - now) end
  end
end
local buckets
if paid then
  buckets = {{KEYS[7], tonumber(ARGV[12]), tonumber(ARGV[13]), false}}
else
  buckets = {{KEYS[1], tonumber(ARGV[4]), tonumber(ARGV[5]), true}}
  if prio == 2 and tonumber(ARGV[8]) > 0 then
    table.insert(buckets, {KEYS[2], tonumber(ARGV[8]), tonumber(ARGV[9]), false})
  end
end
if ARGV[10] == '1' then
  table.insert(buckets, {KEYS[3], tonumber(ARGV[6]), tonumber(ARGV[7]), false})
end
local wait, overall_short = 0, false
for _, b in ipairs(buckets) do
  local s = redis.call('HMGET', b[1], 't', 's')
  local tokens, stamp = tonumber(s[1]), tonumber(s[2])
  if not tokens then tokens, stamp = b[3], now end
  tokens = math.min(b[3], tokens + math.max(0, now - stamp) * b[2])
  b[5] = tokens
  local need = math.min(cost, b[3])
  if prio == 0 and b[4] then need = 0 end
  if book and b[4] then
    b[6] = (need - tokens) / b[2]
    need = need - 1
  end
  if tokens < need then
    wait = math.max(wait, (need - tokens) / b[2])
    if b[4] then overall_short = true end
  end
end
if wait > 0 then
  if overall_short and prio < 2 then
    local key = KEYS[5 + prio]
    local mark = now + wait + 0.005
    if mark > tonumber(redis.call('GET', key) or '0') then
      redis.call('SET', key, tostring(mark), 'PX', math.ceil((wait + 1) * 1000))
    end
  end
  return tostring(wait)
end
for _, b in ipairs(buckets) do
  local left = b[5] - cost
  redis.call('HSET', b[1], 't', tostring(left), 's', tostring(now))
  redis.call('PEXPIRE', b[1], math.ceil((b[3] - left) / b[2] * 1000) + 1000)
end
if book and buckets[1][6] > 0 then return tostring(-buckets[1][6]) end
return '0'
"""
)

# KEYS: pause. ARGV: now (empty: Redis's clock), seconds. A shorter pause never shortens a longer one.
PAUSE = (
    NOW
    + """
local untl = now + tonumber(ARGV[2])
if untl > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], tostring(untl), 'PX', math.ceil(tonumber(ARGV[2]) * 1000) + 1000)
end
return tostring(untl)
"""
)

# KEYS: the user's hits, the user's "warned". ARGV: now (empty: Redis's clock), window, limit, a unique hit.
# The in-process sliding window, kept in a sorted set: "ok", "warn" (first refused) or "drop".
FLOOD = (
    NOW
    + """
local window, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. tostring(now - window))
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000) + 1000)
  redis.call('DEL', KEYS[2])
  return 'ok'
end
if redis.call('SET', KEYS[2], '1', 'NX', 'PX', math.ceil(window * 1000)) then return 'warn' end
return 'drop'
"""
)

# Longest single sleep between asks: a wait computed now may shrink when a 429 pause is lifted early.
MAX_SLEEP = 1.0


def key_prefix(bot_token: str, namespace: str = "outreach") -> str:
    """Per bot, never the token itself; the braces keep one bot's keys in one Redis Cluster slot."""
    digest = hashlib.sha256(bot_token.encode()).hexdigest()[:16]
    return f"{namespace}:{{{digest}}}:"


def _now_arg(clock: Callable[[], float] | None) -> str:
    return "" if clock is None else repr(clock())


class RedisLimiter(OutgoingLimiter):
    """OutgoingLimiter's buckets and pause kept in Redis for all instances.

    The inherited in-process buckets are not used for pacing; their rates tell the sender its share. If Redis
    cannot be reached the instance falls back to pacing itself in process (logged), rather than not sending.
    `clock`: the script's time in seconds (tests pass a controllable one); None uses Redis's own clock.
    """

    def __init__(
        self,
        redis: Redis,
        prefix: str,
        *,
        clock: Callable[[], float] | None = None,
        **limits: Any,
    ) -> None:
        super().__init__(**limits)
        self._clock = clock
        names = ("global", "broadcast", "chat:", "pause", "wait:0", "wait:1", "paid")
        self._keys = [prefix + name for name in names]
        self._acquire = redis.register_script(ACQUIRE)
        self._pause = redis.register_script(PAUSE)
        self._pausing: set[asyncio.Task[None]] = set()

    async def try_acquire(
        self,
        chat_id: int | str | None,
        priority: Priority,
        cost: int = 1,
        *,
        paid: bool = False,
        book: bool = False,
    ) -> float:
        """Takes the tokens and returns 0, or takes nothing and returns the seconds to wait. With `book`, an
        interactive request less than a token short takes it anyway and returns minus the seconds until it
        is due (it must not send before)."""
        keys = list(self._keys)
        keys[2] += str(chat_id) if chat_id is not None else "-"
        broadcast, paid_bucket = self.broadcast_bucket, self.paid_bucket
        args: list[str | int | float] = [
            _now_arg(self._clock),
            cost,
            int(priority),
            self.global_bucket.rate,
            self.global_bucket.burst,
            self._chat_rate,
            self._chat_burst,
            broadcast.rate if broadcast is not None else 0,
            broadcast.burst if broadcast is not None else 0,
            "1" if chat_id is not None else "0",
            "1" if paid else "0",
            paid_bucket.rate if paid_bucket is not None else 0,
            paid_bucket.burst if paid_bucket is not None else 0,
            "1" if book else "0",
        ]
        return float(await self._acquire(keys=keys, args=args))

    async def _take(self, chat_id: int | str | None, priority: Priority, cost: int, paid: bool) -> None:
        """The tokens and the 429 pause of every instance, in Redis; in process while Redis is unreachable."""
        while True:
            try:
                book = priority is Priority.INTERACTIVE
                wait = await self.try_acquire(chat_id, priority, cost, paid=paid, book=book)
            except RedisError:
                log.warning("Redis unreachable: this instance paces itself alone", exc_info=True)
                await super()._take(chat_id, priority, cost, paid)
                return
            if wait <= 0:
                await asyncio.sleep(-wait)  # booked: its token is due then
                return
            await asyncio.sleep(min(wait, MAX_SLEEP))

    async def settle(self) -> None:
        """Waits for the 429 pauses it is still writing; the Redis client is its opener's to close after this
        (bot/factory.py close_redis, at shutdown)."""
        if self._pausing:
            await asyncio.wait(self._pausing, timeout=MAX_SLEEP)

    async def pause_shared(self, seconds: float) -> None:
        await self._pause(keys=[self._keys[3]], args=[_now_arg(self._clock), seconds])

    def pause(self, seconds: float) -> None:
        """Telegram said 429: every instance pauses (crisis replies excepted), this one at once."""
        super().pause(seconds)
        task = asyncio.get_running_loop().create_task(self._pause_quietly(seconds))
        self._pausing.add(task)
        task.add_done_callback(self._pausing.discard)

    async def _pause_quietly(self, seconds: float) -> None:
        try:
            await self.pause_shared(seconds)
        except RedisError:
            log.warning("Redis unreachable: the 429 pause holds for this instance only", exc_info=True)


class RedisFloodControl(FloodControl):
    """The per-user flood window kept in Redis: a user spreading updates over instances is still seen."""

    def __init__(
        self,
        redis: Redis,
        prefix: str,
        limit: int = 20,
        window: float = 10.0,
        *,
        clock: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(limit=limit, window=window)
        self._prefix = prefix + "flood:"
        self._clock = clock
        self._script = redis.register_script(FLOOD)

    async def verdict(self, user_id: int) -> str:
        keys = [f"{self._prefix}{user_id}", f"{self._prefix}{user_id}:warned"]
        hit = os.urandom(8).hex()
        try:
            found = await self._script(keys=keys, args=[_now_arg(self._clock), self.window, self.limit, hit])
        except RedisError:
            log.warning("Redis unreachable: flood control counts this instance only", exc_info=True)
            return self.check(user_id)
        return found.decode() if isinstance(found, bytes) else str(found)
