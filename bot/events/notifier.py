"""Sends event reminders and change notices from event_notices. (Stub: being built.)"""

from __future__ import annotations


class EventNotifier:
    def wake(self) -> None:
        """Look for due notices now rather than at the next tick."""
