"""Delivery of posts to parents: the outbox and the one sender service that drains it."""

from bot.broadcast.sender import BroadcastSender

__all__ = ["BroadcastSender"]
