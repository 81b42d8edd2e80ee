"""The /stats report: subscribers by organisation and grade, and the posts with their delivery, a page at a
time (the latest first; Older / Newer turn the page, the author's own posts that may still be stopped have
their button on every page)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.flows.grades import grade_name
from bot.views.formats import date_time, grouped
from bot.views.orgs import Named, org_html
from bot.views.phrases import __
from bot.views.post_names import first_words
from bot.views.post_withdraw import withdraw_button
from bot.views.rows import button, column
from db.repositories.drafts import HistoryPage, PostFigures
from db.repositories.subscriptions import GradeCount
from domain.enums import PostStatus

# Telegram's message limit, with room for the closing line.
BUDGET = 3900
# Posts a page: ten of the longest kind stay well inside BUDGET, with the subscribers below them.
PAGE_SIZE = 10


class Way(StrEnum):
    older = "o"
    newer = "n"


class StatsPageCb(CallbackData, prefix="sts"):
    """Another page of /stats: the posts just older, or just newer, than post `edge` (the last or the first
    post of the page the button was on)."""

    way: Way
    edge: int


no_such_page = __("That page of posts is no longer there. Send /stats to see the latest ones.")


def status_name(status: str, locale: str) -> str:
    names: dict[str, str] = {
        PostStatus.AWAITING_APPROVAL: _("waiting for approval", locale=locale),
        PostStatus.SCHEDULED: _("scheduled", locale=locale),
        PostStatus.SENDING: _("sending", locale=locale),
        PostStatus.DONE: _("finished", locale=locale),
        PostStatus.CANCELLED: _("cancelled", locale=locale),
        PostStatus.REJECTED: _("rejected", locale=locale),
        PostStatus.WITHDRAWN: _("withdrawn by the author", locale=locale),
    }
    return names.get(status, status)


def subscribers_block(
    total: int, counts: list[GradeCount], names: Mapping[str, Named], locale: str
) -> list[str]:
    lines = [
        _("<b>Subscribers</b>", locale=locale),
        ngettext("{n} parent in your area", "{n} parents in your area", total, locale=locale).format(
            n=grouped(total, locale)
        ),
    ]
    by_org: dict[str, list[GradeCount]] = defaultdict(list)
    for count in counts:
        by_org[count.org_code].append(count)
    for code, rows in by_org.items():
        name = org_html(names[code], locale) if code in names else code
        grades = ", ".join(_grade_count(r, locale) for r in rows)
        lines.append(f"• {name}: {grades}")
    return lines


def _grade_count(row: GradeCount, locale: str) -> str:
    """«5 класс — 1 родитель»: the number names what it counts, in its plural form."""
    return ngettext("{grade} — {n} parent", "{grade} — {n} parents", row.subscribers, locale=locale).format(
        grade=grade_name(row.grade, locale), n=grouped(row.subscribers, locale)
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _post_state(f: PostFigures, locale: str) -> str:
    """A notice's status in words: when a waiting one will go out, what happened to one that went."""
    post, status = f.post, status_name(f.post.status, locale)
    if post.status in (PostStatus.SCHEDULED, PostStatus.AWAITING_APPROVAL) and post.send_at is not None:
        when = date_time(post.send_at, locale)
        return _("{status}, goes out {when} (Kazakhstan time)", locale=locale).format(
            status=_capital(status), when=when
        )
    if post.status not in (PostStatus.SENDING, PostStatus.DONE):
        return _capital(status)
    when = date_time(post.started_at or post.created_at, locale)
    return _(
        "{status} ({when}): delivered {sent} of {total}, blocked {blocked}, failed {failed}, «Got it» {acks}",
        locale=locale,
    ).format(
        status=_capital(status),
        when=when,
        sent=grouped(f.sent, locale),
        total=grouped(f.total, locale),
        blocked=grouped(f.blocked, locale),
        failed=grouped(f.failed, locale),
        acks=grouped(f.acknowledged, locale),
    )


def shown_line(first: int, count: int, total: int, locale: str) -> str:
    """Which posts of all a page shows, counted from the latest: «11–20 of 23», or the one post alone
    («the 21st of 21», never «21–21»)."""
    if count == 1:
        return _("Shown: post {number} of {n}", locale=locale).format(
            number=grouped(first, locale), n=grouped(total, locale)
        )
    return _("Shown: {first}–{last} of {n}", locale=locale).format(
        first=grouped(first, locale), last=grouped(first + count - 1, locale), n=grouped(total, locale)
    )


def posts_block(page: HistoryPage, locale: str) -> list[str]:
    if not page.posts:
        return [_("<b>Posts</b>", locale=locale), _("No posts yet.", locale=locale)]
    latest = not page.newer
    head = _("<b>Latest posts</b>", locale=locale) if latest else _("<b>Earlier posts</b>", locale=locale)
    if len(page.posts) < page.total:
        head += "\n" + shown_line(page.newer + 1, len(page.posts), page.total, locale)
    lines = [head]
    for f in page.posts:
        lines.append(f"<b>#{f.post.id}</b> «{first_words(f.post, locale)}»\n{_post_state(f, locale)}")
    return lines


def keyboard(page: HistoryPage, own: Sequence[int], locale: str) -> InlineKeyboardMarkup | None:
    """`own`: the viewer's posts of this page that may still be stopped, each with its button; under them
    ◀️ Newer and Older ▶️ where there are more."""
    arrows = []
    if page.posts and page.newer:
        newer = StatsPageCb(way=Way.newer, edge=page.posts[0].post.id)
        arrows.append(button("◀️ " + _("Newer", locale=locale), newer))
    if page.posts and page.older:
        older = StatsPageCb(way=Way.older, edge=page.posts[-1].post.id)
        arrows.append(button(_("Older", locale=locale) + " ▶️", older))
    if not own and not arrows:
        return None
    return column((withdraw_button(post_id, locale, numbered=True) for post_id in own), arrows)


def fit(lines: list[str], locale: str) -> str:
    """Joins lines up to Telegram's limit, saying how many were left out."""
    kept: list[str] = []
    used = 0
    for index, line in enumerate(lines):
        if used + len(line) + 1 > BUDGET:
            left = len(lines) - index
            kept.append(
                ngettext("…and {n} more line", "…and {n} more lines", left, locale=locale).format(n=left)
            )
            break
        kept.append(line)
        used += len(line) + 1
    return "\n".join(kept)
