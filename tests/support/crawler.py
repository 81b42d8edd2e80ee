"""Presses every button reachable from a chat's menu, learning which press reveals which buttons.

Screens edit one message in place, so a button seen once may be gone later; the crawler remembers what each
press revealed and walks back to unexplored buttons through presses it already knows.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from tests.support.chat import callback_buttons


def _visible(user: Any) -> dict[str, int]:
    """Callback data on screen now -> the newest message that shows it."""
    found: dict[str, int] = {}
    for message in user.messages:
        for button in callback_buttons(message):
            found[button["callback_data"]] = message["message_id"]
    return found


def _snapshot(user: Any) -> dict[int, str]:
    return {m["message_id"]: repr((m.get("text"), m.get("reply_markup"))) for m in user.messages}


class Crawler:
    def __init__(self, user: Any, idle: Callable[[], Awaitable[None]], skip: Iterable[str] = ()) -> None:
        self.user = user
        self.idle = idle
        self.skip = set(skip)
        self.pressed: set[str] = set()
        self.reveals: dict[str, set[str]] = {}

    async def press(self, data: str) -> None:
        user = self.user
        message_id = _visible(user)[data]
        message = next(m for m in user.messages if m["message_id"] == message_id)
        text = next(b["text"] for b in callback_buttons(message) if b["callback_data"] == data)
        before = _snapshot(user)
        answer = await user.press(message, text)
        assert answer is not None, f"no answer to {data}"
        await self.idle()
        after = _snapshot(user)
        changed = [m for m in user.messages if before.get(m["message_id"]) != after[m["message_id"]]]
        # Screens may depend on state (a subscription removed since the last visit): what a press shows now
        # replaces what it showed before, or the crawler would walk forever towards a button that is gone.
        # A press that changed nothing on screen teaches nothing, so it keeps what was known.
        if changed:
            self.reveals[data] = {b["callback_data"] for m in changed for b in callback_buttons(m)}
        else:
            self.reveals.setdefault(data, set())
        self.pressed.add(data)

    def _route(self, visible: set[str]) -> str | None:
        """The first press of the shortest known route from what is on screen to an unpressed button."""
        queue = deque((data, data) for data in visible)
        seen = set(visible)
        while queue:
            data, first = queue.popleft()
            for nxt in self.reveals.get(data, ()):
                if nxt not in self.pressed and nxt not in self.skip:
                    return first
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append((nxt, first))
        return None

    async def run(self, fresh_screen: str = "/menu", limit: int = 500) -> set[str]:
        idle_menus = 0
        for _ in range(limit):
            visible = set(_visible(self.user))
            todo = sorted(d for d in visible if d not in self.pressed and d not in self.skip)
            if todo:
                idle_menus = 0
                await self.press(todo[0])
                continue
            step = self._route(visible - self.skip)
            if step is not None:
                await self.press(step)
                continue
            if idle_menus:
                break
            idle_menus += 1
            await self.user.send(fresh_screen)
            await self.idle()
        return self.pressed
