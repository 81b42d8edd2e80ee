"""Run the emulator standalone: python -m bot.emulator --port 8081

Point a bot at the printed base URL (TelegramAPIServer.from_base) and drive users with:
  curl -XPOST BASE/_emulator/users/1001/send -d '{"text": "/start"}'
  curl BASE/_emulator/chats/1001/messages
  curl -XPOST BASE/_emulator/users/1001/press -d '{"message_id": 2, "button": "Yes"}'
  curl BASE/_emulator/state
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging

from .emulator import DEFAULT_TOKEN, Emulator


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot.emulator", description="Loopback Telegram Bot API")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--username", default="outreach_test_bot", help="the bot's @username")
    parser.add_argument("--token", default=None, help="accept only this token (default: any well-formed one)")
    parser.add_argument("--no-limits", action="store_true", help="disable flood control")
    return parser.parse_args()


async def serve(args: argparse.Namespace) -> None:
    emu = Emulator(
        token=args.token, bot_username=args.username, host=args.host, port=args.port, control_api=True
    )
    if args.no_limits:
        emu.set_limits(global_rate=None, chat_rate=None, paid_rate=None)
    await emu.start()
    print(f"Bot API emulator listening on {emu.base_url}", flush=True)
    print(
        f"token: {args.token or DEFAULT_TOKEN} (any token matching the Bot API format is accepted)",
        flush=True,
    )
    try:
        await asyncio.Event().wait()
    finally:
        await emu.stop()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(parse_args()))


if __name__ == "__main__":
    main()
