"""The Emulator: a loopback Telegram Bot API with simulated users, for tests and the sandbox."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import re
import time
from collections import Counter
from collections.abc import Iterable
from types import TracebackType
from typing import Any, Unpack

from .control import add_control_routes
from .errors import ApiError, Throttled
from .faults import Fault, FaultPlan, FaultStatus
from .files import FileStore
from .limits import Limits, RateLimiter
from .methods import lookup
from .methods.bot_info import scope_key, visible_commands
from .methods.registry import Handler
from .params import Params
from .records import Call, Rejection, ThrottledCall
from .server import ApiServer, Body
from .sim_chats import SimChannel, SimGroup
from .state import BotIdentity, Chat, UserRecord, World
from .update_queue import UpdateQueue
from .users import SimUser

logger = logging.getLogger(__name__)

TOKEN_RE = r"^\d+:[A-Za-z0-9_-]{20,}$"
DEFAULT_TOKEN = "1234567890:AAEmulatorTestToken_outreach-bot01"
# Whether the request being handled (each in its own task) asked for allow_paid_broadcast.
_paid_request: contextvars.ContextVar[bool] = contextvars.ContextVar("paid_request", default=False)


class Emulator:
    """Speaks the Bot API over HTTP; point aiogram at `base_url` with TelegramAPIServer.from_base."""

    def __init__(
        self,
        *,
        token: str | None = None,
        token_re: str = TOKEN_RE,
        bot_username: str = "outreach_test_bot",
        bot_first_name: str = "Outreach Bot",
        host: str = "127.0.0.1",
        port: int = 0,
        strict_html: bool = True,
        query_ttl: float = 15.0,
        timeout_delay: float = 70.0,
        control_api: bool = False,
        **limits: Unpack[Limits],
    ) -> None:
        """`limits`: Telegram's flood limits by name (limits.RateLimiter has them), None for none."""
        self.token_pattern = re.compile(token_re)
        if token is not None and not self.token_pattern.match(token):
            raise ValueError(f"token {token!r} does not match {token_re}")
        self._fixed_token = token
        self.token = token or DEFAULT_TOKEN
        self.host = host
        self.port = port
        self.strict_html = strict_html
        """Reject a stray "&" and unknown tag attributes: Telegram tolerates both, its docs forbid them."""
        self.query_ttl = query_ttl
        """Seconds a callback/inline query stays answerable."""
        self.timeout_delay = timeout_delay
        """How long a "timeout" fault holds a request."""
        self.world = World(BotIdentity(int(self.token.split(":")[0]), bot_username, bot_first_name))
        self.files = FileStore()
        self.updates = UpdateQueue()
        self.limiter = RateLimiter(**limits)
        self.faults = FaultPlan()
        self.calls: list[Call] = []
        self.rejections: list[Rejection] = []
        self.throttled: list[ThrottledCall] = []
        self.errors: list[BaseException] = []
        """Exceptions inside the emulator itself (answered as 500); should stay empty."""
        self.stats: Counter[str] = Counter()
        self.paid_messages = 0
        """Messages delivered with allow_paid_broadcast (each one Telegram would charge Stars for)."""
        self._users: dict[int, SimUser] = {}
        self._groups: dict[int, SimGroup] = {}
        self._channels: dict[int, SimChannel] = {}
        self._server = ApiServer(self)
        if control_api:
            add_control_routes(self._server.app, self)
        self._stopping = asyncio.Event()

    # Lifecycle ------------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if not self._server.base_url:
            raise RuntimeError("the emulator is not started; await emu.start() first")
        return self._server.base_url

    @property
    def bot_id(self) -> int:
        return self.world.bot.id

    async def start(self) -> Emulator:
        self._stopping.clear()
        self.updates.reopen()
        await self._server.start(self.host, self.port)
        return self

    async def stop(self) -> None:
        self._stopping.set()
        self.updates.close()
        await self._server.stop()

    async def __aenter__(self) -> Emulator:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # Participants ---------------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "User",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        is_premium: bool = False,
    ) -> SimUser:
        """Create (or return the existing) simulated user; their private chat id equals user_id."""
        if user_id in self._users:
            return self._users[user_id]
        record = UserRecord(user_id, first_name, last_name, username, language_code, is_premium)
        self.world.users[user_id] = record
        self._users[user_id] = SimUser(self, record)
        return self._users[user_id]

    @property
    def users(self) -> list[SimUser]:
        return list(self._users.values())

    def group(
        self,
        chat_id: int,
        title: str = "Group",
        *,
        members: Iterable[SimUser] = (),
        admins: Iterable[SimUser] = (),
        owner: SimUser | None = None,
        bot_is_admin: bool = False,
        username: str | None = None,
    ) -> SimGroup:
        """Register a group the bot is in; ids starting with -100 are supergroups."""
        if chat_id in self._groups:
            return self._groups[chat_id]
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        status = "administrator" if bot_is_admin else "member"
        chat = Chat(chat_id, kind, title=title, username=username, bot_status=status)
        self.world.chats[chat_id] = chat
        group = SimGroup(self, chat)
        for member in members:
            group.add(member)
        for admin in admins:
            group.add(admin, "administrator")
        if owner is not None:
            group.add(owner, "creator")
        self._groups[chat_id] = group
        return group

    def channel(
        self, chat_id: int, title: str = "Channel", *, bot_is_admin: bool = True, username: str | None = None
    ) -> SimChannel:
        if chat_id in self._channels:
            return self._channels[chat_id]
        status = "administrator" if bot_is_admin else "member"
        chat = Chat(chat_id, "channel", title=title, username=username, bot_status=status)
        self.world.chats[chat_id] = chat
        self._channels[chat_id] = SimChannel(self, chat)
        return self._channels[chat_id]

    @property
    def sent(self) -> list[dict[str, Any]]:
        """Every message the bot sent, all chats, in order (with chat_id, edits applied)."""
        return self.world.sent

    async def deliver_webhook(self, target: str | None = None, *, again: bool = False) -> list[int]:
        """POSTs the pending updates to the webhook as Telegram does (bot/emulator/webhook.py)."""
        from .webhook import deliver

        return await deliver(self, target, again=again)

    # Configuration --------------------------------------------------------------------------

    def set_limits(self, **limits: Unpack[Limits]) -> None:
        """Change flood limits (None disables one); buckets restart full."""
        self.limiter.configure(**limits)

    def inject_fault(
        self,
        method: str | None = "sendMessage",
        status: FaultStatus = 500,
        count: int = 1,
        *,
        chat_id: int | str | None = None,
        retry_after: int | None = None,
        migrate_to_chat_id: int | None = None,
        description: str | None = None,
        deliver: bool = False,
        body: str | None = None,
    ) -> Fault:
        """Make the next `count` matching calls fail (method None matches any method).

        status "timeout" holds the request for `timeout_delay` seconds (or until the client
        gives up) and then processes it. deliver=True applies the call's effect before
        failing, like a message that was sent although the bot saw an error.
        """
        return self.faults.add(
            Fault(method, status, count, chat_id, retry_after, migrate_to_chat_id, description, deliver, body)
        )

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[dict[str, Any]]:
        """Commands stored by setMyCommands for exactly this scope and language."""
        return self.world.commands.get((scope_key(self, scope), language_code), [])

    def visible_commands(
        self, chat_id: int, user_id: int | None = None, language_code: str = ""
    ) -> list[dict[str, Any]]:
        """The command menu a user sees in a chat, after Telegram's scope/language fallback."""
        return visible_commands(self.world, self.world.chats[chat_id], user_id, language_code)

    def calls_to(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def reset_records(self) -> None:
        """Forget calls, rejections, throttling and stats (e.g. after a deliberate negative test)."""
        self.calls.clear()
        self.rejections.clear()
        self.throttled.clear()
        self.errors.clear()
        self.stats.clear()
        self.paid_messages = 0

    # Request pipeline -----------------------------------------------------------------------

    def check_token(self, token: str) -> ApiError | None:
        if not self.token_pattern.match(token):
            return ApiError(404, "Not Found")
        if self._fixed_token is not None and token != self._fixed_token:
            return ApiError(401, "Unauthorized")
        if token != self.token:
            # Without a fixed token the emulator serves whichever bot talks to it.
            self.token = token
            self.world.bot.id = int(token.split(":")[0])
        return None

    def throttle(self, chat_id: int, cost: int = 1) -> None:
        """Spend flood-control tokens for `cost` messages to chat_id, or raise a 429. A paid broadcast
        (allow_paid_broadcast) spends the paid ceiling's tokens instead of the global ones."""
        paid = _paid_request.get()
        retry_after = self.limiter.acquire(chat_id, cost, paid=paid)
        if retry_after is not None:
            raise Throttled(retry_after, chat_id)
        self.stats["sent"] += cost
        if paid:
            self.paid_messages += cost

    async def handle(self, token: str, method: str, params: Params) -> tuple[int, Body]:
        found = lookup(method)
        name = found[0] if found else method
        summary = params.summary()
        self.calls.append(Call(name, summary, time.time()))
        self.stats["calls"] += 1
        token_error = self.check_token(token)
        if token_error is not None:
            return self._reject(name, summary, token_error)
        if found is None:
            return self._reject(name, summary, ApiError(404, "Not Found: method not found"))
        fault = self.faults.take(name, params.values)
        if fault is not None:
            return await self._fail(fault, found[1], name, params, summary)
        return await self._run(found[1], name, params, summary)

    async def _run(
        self, handler: Handler, name: str, params: Params, summary: dict[str, Any]
    ) -> tuple[int, Body]:
        _paid_request.set(params.bool("allow_paid_broadcast"))
        try:
            result = await handler(self, params)
        except Throttled as error:
            self.stats["429"] += 1
            self.throttled.append(ThrottledCall(name, error.chat_id, error.retry_after, summary))
            return error.status, error.payload()
        except ApiError as error:
            return self._reject(name, summary, error)
        except Exception as error:
            logger.exception("emulator failed on %s", name)
            self.errors.append(error)
            return 500, {"ok": False, "error_code": 500, "description": f"Internal Server Error: {error!r}"}
        return 200, {"ok": True, "result": result}

    def _reject(self, name: str, summary: dict[str, Any], error: ApiError) -> tuple[int, Body]:
        self.stats["rejected"] += 1
        self.rejections.append(Rejection(name, error.status, error.description, summary))
        logger.info("rejected %s: %s", name, error.description)
        return error.status, error.payload()

    async def _fail(
        self, fault: Fault, handler: Handler, name: str, params: Params, summary: dict[str, Any]
    ) -> tuple[int, Body]:
        self.stats["faults"] += 1
        outcome = await self._run(handler, name, params, summary) if fault.deliver else None
        if fault.status == "timeout":
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.timeout_delay)
            return outcome or await self._run(handler, name, params, summary)
        error = fault.error()
        return error.status, fault.body if fault.body is not None else error.payload()
