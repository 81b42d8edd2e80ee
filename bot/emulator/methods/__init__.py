"""Bot API method handlers; importing the modules fills the registry."""

from . import bot_info, chats, editing, queries, sending
from .registry import METHODS, lookup

__all__ = ["METHODS", "bot_info", "chats", "editing", "lookup", "queries", "sending"]
