"""Tables. Deliberately little about people: a Telegram id, a language and when they were seen."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy import false as sa_false
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column

from db.base import Base
from db.types import UtcDateTime


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # None until the user picks a language; until then replies follow Telegram's language_code.
    language: Mapped[str | None] = mapped_column(String(2))
    # Telegram's language at the last update (kk or ru, else None), kept only while none is chosen: what the
    # bot sends outside an update (a delivery report, an approval request, a reminder) speaks what replies do.
    telegram_language: Mapped[str | None] = mapped_column(String(2))
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen: Mapped[datetime] = mapped_column(UtcDateTime())
    # False once the user blocks the bot (403) or the chat is gone; broadcasts skip them until they return.
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())


class Organisation(Base):
    """One node of region -> district or city -> school, kindergarten or college, keyed by a short code.

    The code is what posters carry in `/start school_<code>`, so it never changes once printed.
    """

    __tablename__ = "organisations"

    code: Mapped[str] = mapped_column(String(24), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # region, district, city, school, kindergarten, college
    parent_code: Mapped[str | None] = mapped_column(
        ForeignKey("organisations.code", ondelete="RESTRICT"), index=True
    )
    name_kk: Mapped[str] = mapped_column(String(200))
    name_ru: Mapped[str] = mapped_column(String(200))


class Subscription(Base):
    """A parent follows one organisation for one grade; several children mean several rows, never names."""

    __tablename__ = "subscriptions"
    __table_args__ = (
        UniqueConstraint("user_id", "org_code", "grade"),
        Index("ix_subscriptions_org_grade", "org_code", "grade"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    org_code: Mapped[str] = mapped_column(ForeignKey("organisations.code", ondelete="CASCADE"), index=True)
    grade: Mapped[str] = mapped_column(String(8))  # "pre", "1".."11", "college"
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class StaffRole(Base):
    """A role over a scope (an organisation code at region, district or school level)."""

    __tablename__ = "staff_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # coordinator, psychologist, social_pedagogue, deputy_director
    role: Mapped[str] = mapped_column(String(24))
    scope_code: Mapped[str] = mapped_column(ForeignKey("organisations.code", ondelete="CASCADE"))
    granted_by: Mapped[int] = mapped_column(BigInteger)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class StaffProfile(Base):
    """The name a staff member has in Telegram, so colleagues who manage them see who is who in /staff.

    Kept only while the person holds a staff role: refreshed when they use the staff commands, deleted when
    their last role ends or on /forget. Parents' names are never stored.
    """

    __tablename__ = "staff_profiles"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(64))
    last_name: Mapped[str | None] = mapped_column(String(64))
    username: Mapped[str | None] = mapped_column(String(32))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Invite(Base):
    """A one-time `/start staff_<token>` link for a role within the inviter's own scope."""

    __tablename__ = "invites"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    role: Mapped[str] = mapped_column(String(24))
    scope_code: Mapped[str] = mapped_column(ForeignKey("organisations.code", ondelete="CASCADE"))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_by: Mapped[int | None] = mapped_column(BigInteger)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Post(Base):
    """A bilingual notice to parents, from draft through approval to delivery."""

    __tablename__ = "posts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # One per /post conversation: a double tap on Confirm finds it taken and creates nothing.
    draft_key: Mapped[str | None] = mapped_column(String(32), unique=True)
    author_id: Mapped[int] = mapped_column(BigInteger, index=True)
    scope_code: Mapped[str] = mapped_column(ForeignKey("organisations.code", ondelete="RESTRICT"))
    text_kk: Mapped[str] = mapped_column(Text)
    text_ru: Mapped[str] = mapped_column(Text)
    media_kind: Mapped[str | None] = mapped_column(String(16))  # photo, document
    media_file_id: Mapped[str | None] = mapped_column(String(255))
    # {"orgs": [codes] or null for the whole scope, "grades": [grades] or null for all}
    audience: Mapped[dict[str, Any]] = mapped_column(JSON)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    silent: Mapped[bool] = mapped_column(Boolean, default=False)
    # Sent with Telegram's allow_paid_broadcast at PAID_BROADCAST_RATE (Stars for every message): only an
    # admin's urgent post to a whole region may be.
    paid_broadcast: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    send_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # draft, awaiting_approval, scheduled, sending, done, cancelled
    status: Mapped[str] = mapped_column(String(20), index=True)
    approved_by: Mapped[int | None] = mapped_column(BigInteger)
    sent_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The Family Hour or parent meeting this post announces; its copies carry the RSVP buttons.
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    # Where the sender's progress message lives, so it can be edited as delivery goes on.
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)


class ApprovalCard(Base):
    """An approval request as one approver got it (the card with Approve / Reject), so every card of a post
    can be told at once when the post is decided or its author stops it. Gone once the cards are told."""

    __tablename__ = "approval_cards"
    __table_args__ = (UniqueConstraint("chat_id", "message_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)  # the approver's private chat
    message_id: Mapped[int] = mapped_column(BigInteger)
    locale: Mapped[str] = mapped_column(String(2))  # the card's language, which its new text keeps


class OutboxEntry(Base):
    """One recipient of one post; written before the first send so a crash loses nothing."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("post_id", "chat_id"),
        Index("ix_outbox_pending", "status", "next_attempt_at"),
        Index("ix_outbox_lease_owner", "lease_owner"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(4))  # kk, ru, or both (a channel that mirrors both)
    status: Mapped[str] = mapped_column(String(10))  # pending, sent, blocked, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(String(200))
    # The sender (INSTANCE_ID) sending this pending row, until when; NULL or past: any sender may take it.
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Acknowledgement(Base):
    """A press of «Түсінікті» / «Понятно»: bots get no read receipts, so this is the nearest thing."""

    __tablename__ = "acknowledgements"
    __table_args__ = (UniqueConstraint("post_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class Channel(Base):
    """A Telegram channel, where the bot is an admin, that mirrors the posts of one scope."""

    __tablename__ = "channels"
    __table_args__ = (UniqueConstraint("chat_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope_code: Mapped[str] = mapped_column(ForeignKey("organisations.code", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(4))  # kk, ru, both
    linked_by: Mapped[int] = mapped_column(BigInteger)
    linked_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AuditRecord(Base):
    """Who did what to which post, role or invite; also refused attempts by people without the right."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    actor_id: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(40))
    post_id: Mapped[int | None] = mapped_column(Integer, index=True)
    detail: Mapped[str | None] = mapped_column(String(300))


class MeasureUpdate(Base):
    """What staff report on one roadmap measure for one organisation or area, as it happens."""

    __tablename__ = "measure_updates"
    __table_args__ = (
        Index("ix_measure_updates_plan_measure", "plan", "measure_no"),
        # Covers the grouped status query behind /measures (migration 0005).
        Index(
            "ix_measure_updates_progress",
            "plan",
            "measure_no",
            "status",
            "done_on",
            "org_code",
            "public",
            "withdrawn_at",
        ),
        Index("ix_measure_updates_plan_org", "plan", "org_code"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan: Mapped[str] = mapped_column(String(40))  # the catalogue's plan code, e.g. krg-2023-2025
    measure_no: Mapped[int] = mapped_column(Integer)
    org_code: Mapped[str] = mapped_column(ForeignKey("organisations.code", ondelete="RESTRICT"), index=True)
    author_id: Mapped[int] = mapped_column(BigInteger, index=True)
    text_kk: Mapped[str | None] = mapped_column(Text)
    text_ru: Mapped[str | None] = mapped_column(Text)
    # Countable results by the catalogue's figure keys, e.g. {"participants": 120, "stands": 3}
    figures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    done_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12))  # in_progress, done
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence_kind: Mapped[str | None] = mapped_column(String(16))  # photo, document
    evidence_file_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    edited_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # The parent-channel post a public update became, if any.
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))


class DigestRun(Base):
    """One weekly digest to one person; the unique key is what keeps it from ever going twice."""

    __tablename__ = "digest_runs"
    __table_args__ = (UniqueConstraint("user_id", "week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(BigInteger)
    week: Mapped[str] = mapped_column(String(10))  # ISO week in Kazakhstan time, e.g. 2026-W49
    claimed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # A send that failed in a way that may pass (5xx, timeout) is tried again at retry_at, within the week.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    retry_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Material(Base):
    """A file or link staff attached to a lesson topic or a memo, kept as Telegram's file_id.

    The bot never opens an uploaded file: it downloads the bytes once only to checksum them, and serves the
    file by file_id, so nothing is uploaded twice. What school staff propose stays `pending` until a
    coordinator approves it; only `approved` rows are shown to anyone but staff.
    """

    __tablename__ = "materials"
    __table_args__ = (Index("ix_materials_target", "target", "slug", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(8))  # lesson, memo
    slug: Mapped[str] = mapped_column(String(40))  # the lesson topic's or the memo's slug in content/
    age_group: Mapped[str | None] = mapped_column(String(16))  # the lessons' age group slug
    language: Mapped[str] = mapped_column(String(4))  # kk, ru, both
    # The Kazakh title of a material in both languages, else its only one; `title_ru` its Russian title.
    title: Mapped[str] = mapped_column(String(120))
    title_ru: Mapped[str | None] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(8))  # pdf, pptx, docx, image, video, link
    # How Telegram holds the file, which decides the send method: document, photo, video.
    media_type: Mapped[str | None] = mapped_column(String(10))
    file_id: Mapped[str | None] = mapped_column(String(255))
    file_unique_id: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(255))
    file_size: Mapped[int | None] = mapped_column(Integer)
    mime_type: Mapped[str | None] = mapped_column(String(100))
    checksum: Mapped[str | None] = mapped_column(String(64))  # sha256 of the bytes, hex
    url: Mapped[str | None] = mapped_column(String(512))
    status: Mapped[str] = mapped_column(String(10))  # pending, approved, rejected, removed
    proposed_by: Mapped[int] = mapped_column(BigInteger, index=True)
    # The proposer's organisation: which coordinators may review it.
    org_code: Mapped[str | None] = mapped_column(ForeignKey("organisations.code", ondelete="SET NULL"))
    # The territory it was approved for, whose parents get it and whose coordinators may remove it; None is
    # a national material (an admin's). No foreign key: a deleted organisation must not widen it to all.
    territory_code: Mapped[str | None] = mapped_column(String(24), index=True)
    reviewed_by: Mapped[int | None] = mapped_column(BigInteger)
    reviewed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    reject_reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    def title_in(self, locale: str) -> str:
        """The title a reader of `locale` sees: the Russian one in Russian if there is one, else `title`."""
        return self.title_ru if locale == "ru" and self.title_ru else self.title


class Event(Base):
    """A Family Hour, parent seminar or parent-club meeting that staff announce and parents answer."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    # One per /event conversation: a double tap on Confirm creates one event.
    draft_key: Mapped[str | None] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # family_hour, seminar, parent_club
    organiser_id: Mapped[int] = mapped_column(BigInteger, index=True)
    # Where it is held: an organisation, or a district or city for an area-wide meeting.
    scope_code: Mapped[str] = mapped_column(ForeignKey("organisations.code", ondelete="RESTRICT"), index=True)
    # Who is invited, as for posts: {"orgs": [codes] or null for the whole scope, "grades": [...] or null}
    audience: Mapped[dict[str, Any]] = mapped_column(JSON)
    topic_kk: Mapped[str] = mapped_column(Text)
    topic_ru: Mapped[str] = mapped_column(Text)
    place: Mapped[str] = mapped_column(String(300))  # an address or an online link
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    duration_min: Mapped[int] = mapped_column(Integer, default=60)
    capacity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), index=True)  # scheduled, cancelled
    # Grows with every change of time or place; change notices are keyed by it, so each goes once.
    revision: Mapped[int] = mapped_column(Integer, default=1)
    attended: Mapped[int | None] = mapped_column(Integer)
    # The measure update the attendance became (measure 55, 32 or 40), once the organiser asked for it.
    # No foreign key: measure_updates -> posts -> events would close a cycle.
    measure_update_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class EventAnswer(Base):
    """A parent's answer to an event: going, not_going, or waiting (past the capacity)."""

    __tablename__ = "event_answers"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        Index("ix_event_answers_event_answer", "event_id", "answer", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(10))
    # When this answer was given; the waiting list is served in this order.
    answered_at: Mapped[datetime] = mapped_column(UtcDateTime())


class EventNotice(Base):
    """One reminder or change notice to one person; the unique key is what keeps it from going twice.

    kind: remind_3d, remind_2h, changed, cancelled, promoted (off the waiting list).
    ref: what the notice is about, so a new time gets new reminders and each change its own notice:
    the event's start (ISO, UTC) for reminders, its revision for changes.
    A row is claimed (committed) before its message is sent; a claim not recorded within a lease (its sender
    stopped) is claimed again, so a restart sends what was not sent.
    """

    __tablename__ = "event_notices"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id", "kind", "ref"),
        Index("ix_event_notices_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    ref: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(10))  # pending, claimed, sent, blocked, failed
    due_at: Mapped[datetime] = mapped_column(UtcDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    # Sends that met a 5xx or a timeout; the row is tried again later (due_at moves), failed after a few.
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class FsmRecord(Base):
    """A staff member's half-written draft (aiogram FSM state and data), so a restart resumes the same step.

    The key is aiogram's StorageKey; a missing thread or business connection is 0 or '' because primary key
    columns cannot be NULL. Only used without REDIS_URL (then aiogram's RedisStorage keeps drafts).
    """

    __tablename__ = "fsm_records"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    thread_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    business_connection_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    destiny: Mapped[str] = mapped_column(String(32), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SeenUpdate(Base):
    """An update_id a webhook instance has taken, so Telegram's redelivery to another instance is skipped.

    Only on PostgreSQL without REDIS_URL (Redis keeps the claims otherwise; SQLite runs one process, which
    keeps them in memory). Rows older than a day are deleted: Telegram stops redelivering before that.
    """

    __tablename__ = "seen_updates"

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
