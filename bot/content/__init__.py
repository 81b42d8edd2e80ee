"""Loads and validates the long content in content/: one entry per language, checked at start-up."""

from __future__ import annotations

from pathlib import Path

from bot.content.about import AboutFile
from bot.content.base import Strict, read_yaml
from bot.content.crisis import CrisisFile
from bot.content.familyhour import FamilyHourFile
from bot.content.helplines import Helpline, HelplinesFile
from bot.content.lessons import AgeGroup, LessonsFile, Topic
from bot.content.memos import Memo, MemoCategory, MemosFile
from bot.content.privacy import PrivacyFile
from bot.content.word_match import named_count, names_all, words

CONTENT_DIR = Path(__file__).resolve().parent.parent.parent / "content"

__all__ = ["CONTENT_DIR", "AgeGroup", "Content", "Helpline", "Memo", "MemoCategory", "Topic"]


class Content(Strict):
    helplines: tuple[Helpline, ...]
    crisis: CrisisFile
    memos: MemosFile
    lessons: LessonsFile
    familyhour: FamilyHourFile
    about: AboutFile
    privacy: PrivacyFile

    @classmethod
    def load(cls, directory: Path = CONTENT_DIR) -> Content:
        return cls(
            helplines=tuple(HelplinesFile.model_validate(read_yaml(directory / "helplines.yaml")).helplines),
            crisis=CrisisFile.model_validate(read_yaml(directory / "crisis.yaml")),
            memos=MemosFile.model_validate(read_yaml(directory / "memos.yaml")),
            lessons=LessonsFile.model_validate(read_yaml(directory / "lessons.yaml")),
            familyhour=FamilyHourFile.model_validate(read_yaml(directory / "familyhour.yaml")),
            about=AboutFile.model_validate(read_yaml(directory / "about.yaml")),
            privacy=PrivacyFile.model_validate(read_yaml(directory / "privacy.yaml")),
        )

    # Helplines -------------------------------------------------------------------------------

    def helpline(self, helpline_id: str) -> Helpline | None:
        return next((h for h in self.helplines if h.id == helpline_id), None)

    def helplines_matching(self, query: str, locale: str) -> list[Helpline]:
        """Helplines whose number, name or purpose names every word of the query (inline mode); all of them
        for an empty query."""

        def text(h: Helpline) -> str:
            t = h.text(locale)
            return " ".join(filter(None, (h.phone, h.id, t.name, t.purpose)))

        return [h for h in self.helplines if not words(query) or names_all(query, text(h))]

    # Memos -----------------------------------------------------------------------------------

    def category(self, slug: str) -> MemoCategory | None:
        return next((c for c in self.memos.categories if c.slug == slug), None)

    def memos_in(self, category: str) -> list[Memo]:
        return [m for m in self.memos.memos if m.category == category]

    def memo(self, slug: str) -> Memo | None:
        return next((m for m in self.memos.memos if m.slug == slug), None)

    def memos_matching(self, query: str) -> list[Memo]:
        """Memos whose title or keywords (in either language, so a forwarded word still works) name a query
        word in any of its forms (bot/content/word_match.py), those naming the most words first."""
        counts = [(named_count(query, m.search_text()), m) for m in self.memos.memos]
        return [m for n, m in sorted(counts, key=lambda pair: -pair[0]) if n]

    # Lessons ---------------------------------------------------------------------------------

    def age_group(self, slug: str) -> AgeGroup | None:
        return next((g for g in self.lessons.groups if g.slug == slug), None)

    def topic(self, slug: str) -> tuple[AgeGroup, Topic] | None:
        for group in self.lessons.groups:
            for topic in group.topics:
                if topic.slug == slug:
                    return group, topic
        return None
