"""Post rows put straight into the bot's database: in both languages, to the whole of their scope unless a
test says otherwise. Only the models are imported, so unit tests can use it too (tests/support/delivery.py
sends posts through a running app)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Post

# Stored as /post stores typed text (escaped); Telegram shows it as SHOWN.
TEXT = {
    "kk": "Ата-аналар жиналысы сейсенбіде &lt;18:00&gt;",
    "ru": "Родительское собрание во вторник &lt;18:00&gt;",
}
SHOWN = {"kk": "Ата-аналар жиналысы сейсенбіде <18:00>", "ru": "Родительское собрание во вторник <18:00>"}
DISTRICT_NOTICE = {"kk": "Аудан бойынша хабарландыру.", "ru": "Объявление по району."}


def whole_scope() -> dict[str, Any]:
    """A post's audience: every organisation under its scope, every grade (a new dict: rows may change it)."""
    return {"orgs": None, "grades": None}


def new_post(
    *,
    author_id: int,
    scope_code: str,
    status: str,
    created_at: datetime,
    text: Mapping[str, str] = TEXT,
    audience: dict[str, Any] | None = None,
    **columns: Any,
) -> Post:
    """A post row, not yet added: `text` by language, to the whole scope unless `audience` says otherwise;
    `columns` are any others (urgent, send_at, progress message...), left to their defaults when not given."""
    return Post(
        author_id=author_id,
        scope_code=scope_code,
        text_kk=text["kk"],
        text_ru=text["ru"],
        audience=whole_scope() if audience is None else audience,
        status=status,
        created_at=created_at,
        **columns,
    )


async def add_post(sessionmaker: async_sessionmaker[AsyncSession], **columns: Any) -> int:
    """Adds `new_post(**columns)` in a session of its own and returns its id."""
    async with sessionmaker() as session:
        post = new_post(**columns)
        session.add(post)
        await session.commit()
        return post.id
