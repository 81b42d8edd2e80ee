"""`python -m bot content check`: what Telegram would reject or a reader would stumble on, before it ships.

Every message the bot renders from content/ is parsed by the emulator's own Telegram HTML rules; phone
numbers must be verified helplines; each language must really be that language; hunspell spell-checks both;
content/glossary.yaml keeps one term per concept in content/ and in both .po catalogs (the checks of the
texts as written are in bot/content_glossary.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from aiogram.utils.i18n import I18n

from bot.content import CONTENT_DIR, Content
from bot.content.base import parse_yaml
from bot.content_glossary import check_button_names, check_glossary, load_glossary, source_texts
from bot.emulator.errors import ApiError
from bot.emulator.formatting import message_text
from bot.i18n import ROOT
from bot.kazakh_suffixes import stems
from bot.measures import Catalogue, Measure, Plan, load_catalogue
from bot.views.about import Successor, about_message
from bot.views.crisis import crisis_replies
from bot.views.familyhour import Schedule, familyhour_message
from bot.views.helplines import helpline_card, helplines_message
from bot.views.lessons import group_text, lessons_intro, topic_message
from bot.views.measures import State, measure_text, sections_text
from bot.views.memos import category_text, memo_message
from domain.enums import MeasureStatus

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
DICTIONARIES = {"kk": "kk_KZ", "ru": "ru_RU"}
# Short numbers (1xx) and full Kazakhstan numbers; figures like "100 %" or "172 154" are not phones.
PHONE = re.compile(
    r"(?<![\d.,])(?:\+7|\b8)(?:[\s\-()]*\d){10}(?!\d)"
    r"|(?<!\d\s)(?<![\d.,])\b1\d\d\b(?!\s?%)(?![.,]?\d)(?!\s\d{3})"
)
# Hyphenated words are checked part by part, as hunspell reports them.
WORD = re.compile(r"[^\W\d_]+")


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    words: dict[str, int] = field(default_factory=dict)
    unknown: dict[str, Counter[str]] = field(default_factory=dict)

    def unknown_share(self, locale: str) -> float:
        total = self.words.get(locale, 0)
        return sum(self.unknown.get(locale, Counter()).values()) / total if total else 0.0


@dataclass(frozen=True)
class Allowlist:
    """Names hunspell does not know, reviewed by hand; nothing else belongs here."""

    kk: frozenset[str]
    ru: frozenset[str]
    names_in_russian: tuple[str, ...]

    @classmethod
    def load(cls, path: Path) -> Allowlist:
        data = parse_yaml(path.read_text("utf-8"))
        return cls(
            kk=frozenset(w.casefold() for w in data.get("kk", [])),
            ru=frozenset(w.casefold() for w in data.get("ru", [])),
            names_in_russian=tuple(data.get("kazakh_names_in_russian", [])),
        )


def rendered(content: Content, locale: str) -> Iterator[tuple[str, str]]:
    """Every message (label, Telegram HTML) the bot builds from content, in one language."""
    yield "helplines", helplines_message(content.helplines, locale)
    for h in content.helplines:
        yield f"helpline card {h.id}", helpline_card(h, locale)
    for kind, text in crisis_replies(content, locale):
        yield f"crisis reply {kind}", text
    for category in content.memos.categories:
        yield f"memo category {category.slug}", category_text(category, locale)
    for memo in content.memos.memos:
        yield f"memo {memo.slug}", memo_message(memo, locale)
    yield "lessons intro", lessons_intro(content, locale)
    for group in content.lessons.groups:
        yield f"age group {group.slug}", group_text(group, locale)
        for topic in group.topics:
            yield f"lesson topic {topic.slug}", topic_message(group, topic, locale)
    for month in range(1, 13):
        schedule = Schedule(in_force=True, next_month=month, years="2023–2025")
        yield f"family hour in month {month}", familyhour_message(content, schedule, locale)
    yield "family hour between roadmaps", familyhour_message(content, Schedule(in_force=False), locale)
    imported = Schedule(in_force=False, next_starts=date(2027, 1, 1))
    yield "family hour before the next roadmap", familyhour_message(content, imported, locale)
    yield "family hour unscheduled", familyhour_message(content, Schedule(in_force=True), locale)
    yield "about between roadmaps", about_message(content, locale, Successor())
    yield "about before the next roadmap", about_message(content, locale, Successor(starts=date(2027, 1, 1)))
    yield "about under the next roadmap", about_message(content, locale, Successor(in_force="2027–2029"))
    yield "privacy", content.privacy.text(locale, 90)


def texts_by_item(content: Content, locale: str) -> Iterator[tuple[str, str]]:
    """The written text of each item in one language, without what the code adds around it."""
    for h in content.helplines:
        t = h.text(locale)
        yield f"helpline {h.id}", f"{t.name}\n{t.purpose}\n{t.hours}"
    for kind, text in crisis_replies(content, locale):
        yield f"crisis reply {kind}", text
    for c in content.memos.categories:
        yield f"memo category {c.slug}", c.title(locale)
    for m in content.memos.memos:
        yield f"memo {m.slug}", f"{m.get(locale).title}\n{m.get(locale).body}"
        if m.get(locale).keywords:  # searched, never shown: still this language, spelt, no stray number
            yield f"memo {m.slug} keywords", ", ".join(m.get(locale).keywords)
    yield "lessons intro", content.lessons.intro.get(locale)
    for g in content.lessons.groups:
        for topic in g.topics:
            tt = topic.get(locale)
            yield (
                f"lesson topic {topic.slug}",
                f"{g.get(locale).title}\n{tt.title}\n{tt.learns}\n{tt.at_home}",
            )
    fh = content.familyhour.text(locale)
    tops = [fh.next_month, fh.schedule, fh.no_roadmap, fh.next_roadmap, fh.school_announces]
    yield "family hour", "\n".join([fh.what, fh.expect, fh.clubs, *tops])
    about = content.about.text(locale)
    yield "about", "\n".join([about.title, *about.parts()])
    yield "privacy", content.privacy.text(locale, 90)


def plan_texts(plan: Plan, locale: str) -> Iterator[tuple[str, str]]:
    """The written text of a roadmap plan in one language: its title, sections, figure labels, measures."""
    yield f"plan {plan.code}", plan.title.get(locale)
    for section in plan.sections:
        yield f"plan {plan.code} section {section.number}", section.get(locale)
    labels = [label.get(locale) for label in plan.figure_labels.values()]
    if labels:
        yield f"plan {plan.code} figure labels", "\n".join(labels)
    for m in plan.measures:
        # An abbreviation the plan explains is checked through its expansion; one it does not stays in.
        bodies = [" ".join(filter(None, [b.full or b.name, b.note])) for b in plan.bodies(m, locale)]
        text = "\n".join([m.title.get(locale), m.form.get(locale), m.deadline.text.get(locale), *bodies])
        yield f"plan {plan.code} measure {m.number}", text


def check_plan(report: Report, plan: Plan) -> None:
    """What a Plan's own validation leaves out (it already refuses a measure in an unknown section or with a
    figure without a label): the numbering as a whole, the abbreviations, sections without measures."""
    numbers = sorted(m.number for m in plan.measures)
    if numbers != list(range(1, len(numbers) + 1)):
        report.errors.append(f"plan {plan.code}: measures are not numbered 1..{len(numbers)} once each")
    for m in plan.measures:
        check_bodies(report, plan, m)
    for section in {s.number for s in plan.sections}:
        if not plan.in_section(section):
            report.errors.append(f"plan {plan.code} section {section} has no measures")


def check_bodies(report: Report, plan: Plan, measure: Measure) -> None:
    """A parent must be able to read who is responsible: each abbreviation in the plan's list for that
    language (which also keeps a Russian abbreviation like УО out of the Kazakh text)."""
    if plan.abbreviations is None:
        return
    for locale in ("kk", "ru"):
        for body in plan.bodies(measure, locale):
            if body.abbreviated and body.full is None:
                where = f"plan {plan.code} measure {measure.number} [{locale}]"
                report.errors.append(f"{where}: {body.name!r} is not in the abbreviations")


def plan_rendered(plan: Plan, locale: str) -> Iterator[tuple[str, str]]:
    statuses: dict[int, State] = {m.number: MeasureStatus.NOT_STARTED for m in plan.measures}
    yield f"plan {plan.code} sections", sections_text(plan, statuses, list(plan.measures), True, locale)
    for m in plan.measures:
        due = m.deadline.on
        yield (
            f"plan {plan.code} measure {m.number}",
            measure_text(plan, m, MeasureStatus.OVERDUE, due, [], True, locale),
        )


def check_pages(report: Report, locale: str, pages: Iterable[tuple[str, str]]) -> None:
    """Each message (label, Telegram HTML) as Telegram would parse it."""
    for label, html in pages:
        try:
            message_text(html, "HTML")
        except ApiError as exc:
            report.errors.append(f"{label} [{locale}]: Telegram would refuse it: {exc.description}")


def check_texts(
    report: Report, locale: str, items: Iterable[tuple[str, str]], allow: Allowlist, phones: set[str]
) -> None:
    """Each written text (label, text): its language, and that every phone number in it is a helpline's."""
    for label, text in items:
        check_language(report, label, locale, text, allow)
        for number in PHONE.findall(text):
            if re.sub(r"\D", "", number) not in phones:
                report.errors.append(f"{label} [{locale}]: {number!r} is not a verified helpline number")


def check_language(report: Report, label: str, locale: str, text: str, allow: Allowlist) -> None:
    if locale == "kk" and not KAZAKH_LETTERS & set(text):
        report.errors.append(f"{label} [kk]: no Kazakh-specific letter; is this really Kazakh?")
    if locale == "ru":
        for name in allow.names_in_russian:
            text = text.replace(name, "")
        found = sorted(KAZAKH_LETTERS & set(text))
        if found:
            report.errors.append(f"{label} [ru]: Kazakh letters {''.join(found)} in the Russian text")


def spellcheck(report: Report, locale: str, texts: list[str], allow: Allowlist) -> None:
    plain = re.sub(r"<[^>]+>|\{[a-z_0-9]+\}", " ", "\n".join(texts))
    words = [w for w in WORD.findall(plain) if len(w) > 1 and not w.isascii()]
    report.words[locale] = len(words)
    allowed = allow.kk if locale == "kk" else allow.ru
    candidates = sorted({w for w in words if w.casefold() not in allowed})
    if shutil.which("hunspell") is None:
        report.errors.append("hunspell is not installed (apt-get install hunspell hunspell-kk hunspell-ru)")
        return
    result = _hunspell(locale, candidates)
    if result.returncode != 0 or "Can't open affix or dic" in result.stderr:
        report.errors.append(
            f"hunspell has no {DICTIONARIES[locale]} dictionary: {result.stderr.strip()[:200]}"
        )
        return
    misspelled = set(result.stdout.split())
    if locale == "kk" and misspelled:
        misspelled -= known_by_stem(misspelled)
    report.unknown[locale] = Counter(w for w in words if w in misspelled)


def _hunspell(locale: str, words: Iterable[str]) -> subprocess.CompletedProcess[str]:
    """`hunspell -l`: of the words given one a line, those it does not know."""
    return subprocess.run(
        ["hunspell", "-d", DICTIONARIES[locale], "-l", "-i", "utf-8"],
        input="\n".join(words),
        capture_output=True,
        text=True,
        check=False,
    )


def known_by_stem(words: set[str]) -> set[str]:
    """Kazakh words whose stem hunspell knows (its kk dictionary lacks most inflected forms)."""
    by_word = {w: stems(w) for w in words}
    unknown_stems = set(_hunspell("kk", sorted(set().union(*by_word.values()))).stdout.split())
    return {w for w, options in by_word.items() if options - unknown_stems}


def check(
    content: Content,
    i18n: I18n,
    allow: Allowlist,
    phones: set[str] | None = None,
    catalogue: Catalogue | None = None,
    root: Path | None = None,
) -> Report:
    """root: the checkout whose content/ and locales/ the glossary is enforced on (None: not enforced)."""
    report = Report()
    if root is not None:
        texts = list(source_texts(root))
        check_glossary(report, load_glossary(root / "content" / "glossary.yaml"), texts)
        check_button_names(report, texts)
    plans = catalogue.plans if catalogue is not None else ()
    if catalogue is not None and catalogue.plan(content.about.plan) is None:
        report.errors.append(f"about.yaml: plan {content.about.plan} is not a roadmap in content/measures/")
    for plan in plans:
        check_plan(report, plan)
    phones = phones if phones is not None else {h.phone for h in content.helplines if h.phone}
    for category in content.memos.categories:
        if not content.memos_in(category.slug):
            report.errors.append(f"memo category {category.slug} is empty")
    with i18n.context():
        for locale in ("kk", "ru"):
            pages = list(rendered(content, locale))
            items = list(texts_by_item(content, locale))
            for plan in plans:
                pages += plan_rendered(plan, locale)
                items += plan_texts(plan, locale)
            check_pages(report, locale, pages)
            check_texts(report, locale, items, allow, phones)
            spellcheck(report, locale, [text for _label, text in items], allow)
    return report


def run() -> int:
    from bot.i18n import create_i18n

    content = Content.load()
    catalogue = load_catalogue()
    allow = Allowlist.load(CONTENT_DIR / "spelling_allowlist.yaml")
    report = check(content, create_i18n("kk"), allow, catalogue=catalogue, root=ROOT)
    print(f"roadmap plans: {', '.join(f'{p.code} ({len(p.measures)} measures)' for p in catalogue.plans)}")
    for locale in ("kk", "ru"):
        unknown = report.unknown.get(locale, Counter())
        print(
            f"{locale}: {report.words.get(locale, 0)} words, {sum(unknown.values())} unknown to hunspell "
            f"({report.unknown_share(locale):.1%})"
        )
        if unknown:
            print("   " + ", ".join(f"{w}×{n}" if n > 1 else w for w, n in unknown.most_common(60)))
    for error in report.errors:
        print(f"error: {error}")
    return 1 if report.errors else 0
