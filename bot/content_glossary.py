"""The checks of `content check` that read the texts as written (not as rendered): one term per concept in
content/ and both .po catalogs, as content/glossary.yaml rules, and buttons a screen names that exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from babel.messages.pofile import unescape

from bot.content.base import parse_yaml
from bot.i18n import LOCALES

if TYPE_CHECKING:
    from bot.content_check import Report


@dataclass(frozen=True)
class SourceText:
    """One string as written: a YAML scalar or a msgstr, with where it starts and its language."""

    path: str
    line: int
    lang: str
    text: str
    # (offset in text, line) where each physical line of a .po string starts; empty for YAML.
    breaks: tuple[tuple[int, int], ...] = ()

    def line_at(self, offset: int) -> int:
        if self.breaks:
            return max((line for start, line in self.breaks if start <= offset), default=self.line)
        return self.line + self.text.count("\n", 0, offset)


@dataclass(frozen=True)
class GlossaryRule:
    concept: str
    lang: str
    pattern: re.Pattern[str]
    why: str
    preferred: str
    near: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    window: int = 50
    only: tuple[str, ...] = ()
    skip: tuple[str, ...] = ()

    def runs_on(self, text: SourceText) -> bool:
        if text.lang != self.lang or text.path.startswith(self.skip):
            return False
        return not self.only or text.path.startswith(self.only)

    def matches(self, text: str) -> Iterator[re.Match[str]]:
        for match in self.pattern.finditer(text):
            around = text[max(0, match.start() - self.window) : match.end() + self.window]
            if self.near is not None and not self.near.search(around):
                continue
            if self.unless is not None and self.unless.search(around):
                continue
            yield match


def load_glossary(path: Path) -> list[GlossaryRule]:
    """The rules of content/glossary.yaml; a rule that names no language or a bad regex fails here."""
    data = parse_yaml(path.read_text("utf-8"))
    rules = []
    for concept, entry in data["concepts"].items():
        for rule in entry["avoid"]:
            lang = rule["lang"]
            if lang not in LOCALES:
                raise ValueError(f"glossary {concept}: lang {lang!r} is not one of {LOCALES}")
            rules.append(
                GlossaryRule(
                    concept=concept,
                    lang=lang,
                    pattern=re.compile(rule["pattern"], re.IGNORECASE),
                    why=rule["why"],
                    preferred=str(entry[lang]),
                    near=re.compile(rule["near"], re.IGNORECASE) if "near" in rule else None,
                    unless=re.compile(rule["unless"], re.IGNORECASE) if "unless" in rule else None,
                    window=rule.get("window", 50),
                    only=tuple(rule.get("only", ())),
                    skip=tuple(rule.get("skip", ())),
                )
            )
    return rules


# The glossary and the spelling allowlist list the refused variants on purpose.
NOT_TEXT_FILES = {"glossary.yaml", "spelling_allowlist.yaml"}
# Under these keys are phrases matched against what people type, not the bot's own words: a child writes
# «ребенок» or «рахмет», and a detector has to catch it. (The crisis word lists now live in
# content/crisis_rules/, which the check does not read at all.)
INPUT_KEYS = {"phrases"}


def yaml_texts(path: Path, name: str) -> Iterator[SourceText]:
    """Each string of a YAML file whose language its keys tell (kk/ru, or name_kk/name_ru)."""

    def walk(node: yaml.Node, lang: str | None) -> Iterator[SourceText]:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                k = str(key.value)
                if k in INPUT_KEYS:
                    continue
                found = k if k in LOCALES else k.rsplit("_", 1)[-1] if "_" in k else None
                yield from walk(value, found if found in LOCALES else lang)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item, lang)
        elif isinstance(node, yaml.ScalarNode) and lang and isinstance(node.value, str):
            # A block scalar (| or >) starts on the line after its indicator.
            first = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
            yield SourceText(name, first, lang, node.value)

    root = yaml.compose(path.read_text("utf-8"))
    if root is not None:
        yield from walk(root, None)


def po_texts(path: Path, name: str, lang: str) -> Iterator[SourceText]:
    """Each msgstr (each plural form) of a catalog, the header and obsolete entries left out."""
    pieces: list[tuple[int, str]] = []
    in_msgstr = header = False

    def flush() -> Iterator[SourceText]:
        if in_msgstr and pieces and not header:
            text, breaks = "", []
            for line, piece in pieces:
                breaks.append((len(text), line))
                text += unescape(piece)
            if text:
                yield SourceText(name, pieces[0][0], lang, text, tuple(breaks))

    for number, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith('"') and in_msgstr:
            pieces.append((number, line))
            continue
        yield from flush()
        pieces = []
        if line.startswith("msgid "):
            header = line == 'msgid ""'
            in_msgstr = False
        elif line.startswith("msgstr"):
            in_msgstr = True
            pieces.append((number, line.split(" ", 1)[1]))
        elif line.startswith('"') and header:
            continue  # the msgid "" of the header goes on over several lines
        else:
            in_msgstr = False
    yield from flush()


def source_texts(root: Path) -> Iterator[SourceText]:
    """What the glossary applies to: content/*.yaml, content/orgs, content/measures and both catalogs.

    content/crisis_rules/ is left out: it holds only the words the crisis detector looks for in what people
    type (misspelt, without ё, «рахмет»), never a word the bot says; its replies are in crisis.yaml.
    """
    content = root / "content"
    files = sorted(content.glob("*.yaml")) + sorted(content.glob("orgs/*.yaml"))
    files += sorted(content.glob("measures/*.yaml"))
    for path in files:
        if path.name not in NOT_TEXT_FILES:
            yield from yaml_texts(path, path.relative_to(root).as_posix())
    for lang in LOCALES:
        po = root / "locales" / lang / "LC_MESSAGES" / "messages.po"
        yield from po_texts(po, po.relative_to(root).as_posix(), lang)


def check_glossary(report: Report, rules: list[GlossaryRule], texts: list[SourceText]) -> None:
    for text in texts:
        for rule in rules:
            if not rule.runs_on(text):
                continue
            for match in rule.matches(text.text):
                report.errors.append(
                    f"{text.path}:{text.line_at(match.start())} [{text.lang}]: «{match.group(0)}» "
                    f"({rule.concept}): {rule.why}; glossary: {rule.preferred}"
                )


# A screen that says "press «X»" must name a button that exists: its label is a msgstr of the same catalog.
BUTTON_NAMED = {
    "kk": re.compile(r"«([^«»{}]+)»\s+(?:батырма|түйме)"),
    "ru": re.compile(r"(?:нажмите|кнопк\w*)\s+«([^«»{}]+)»", re.IGNORECASE),
}
# Labels may start with an emoji: the reference names the words.
LABEL_START = re.compile(r"^[^\w«]+")


def check_button_names(report: Report, texts: list[SourceText]) -> None:
    for lang in LOCALES:
        po = [t for t in texts if t.lang == lang and t.path.endswith(".po")]
        labels = {LABEL_START.sub("", t.text).strip() for t in po}
        for text in po:
            for match in BUTTON_NAMED[lang].finditer(text.text):
                if match.group(1).strip() not in labels:
                    report.errors.append(
                        f"{text.path}:{text.line_at(match.start())} [{lang}]: names a button "
                        f"«{match.group(1)}» that no label of the catalog has"
                    )
