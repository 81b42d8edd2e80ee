"""Prometheus metrics of one bot process: counts and timings only, never a message's text or a user's id.

Each build of the dispatcher makes its own Metrics on its own registry (no process-wide default registry),
so tests and benchmarks that run several bots in one process keep their figures apart. Services get the
object passed along; the broadcast sender calls `lease_expired(n)` on taking over rows whose lease ran out.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

# Reply latency buckets (seconds): a button's answer should come well under a second.
LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.updates = Counter(
            "bot_updates_handled",
            "Updates handled, by kind (message, callback_query, ...)",
            ["kind"],
            registry=r,
        )
        self.reply_latency = Histogram(
            "bot_update_seconds",
            "Time from an update's arrival at the dispatcher to the end of its handling (its reply sent)",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self.sent = Counter("bot_messages_sent", "Messages (and media) the bot sent to Telegram", registry=r)
        self.too_many = Counter("bot_telegram_429", "Telegram answers 429 Too Many Requests", registry=r)
        self.outbox_depth = Gauge("bot_outbox_pending", "Broadcast deliveries waiting to be sent", registry=r)
        self.outbox_age = Gauge(
            "bot_outbox_oldest_pending_seconds", "Age of the oldest waiting broadcast delivery", registry=r
        )
        self.lease_expiries = Counter(
            "bot_outbox_lease_expiries",
            "Outbox rows taken over after another sender's lease expired",
            registry=r,
        )
        self.crisis_replies = Counter(
            "bot_crisis_replies", "Crisis replies given, by the detector's category", ["kind"], registry=r
        )
        self.duplicates = Counter(
            "bot_updates_duplicate", "Updates Telegram delivered again, skipped by update_id", registry=r
        )

    def lease_expired(self, rows: int = 1) -> None:
        """The sender took over `rows` rows whose lease had run out (their instance died or hung)."""
        if rows > 0:
            self.lease_expiries.inc(rows)

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


__all__ = ["Metrics"]
