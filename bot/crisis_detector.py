"""Finds crisis phrases (suicidal thoughts, self-harm, violence, danger) in a message, in Kazakh or Russian.

The detector only says *that* a message needs the crisis answer and in which language; it keeps nothing
and logs nothing, because the text may be the most private thing a child has ever written.

How matching works
------------------
Phrases and messages are folded the same way, so one list entry covers many ways of typing it:

* casefold, ``ё`` -> ``е``;
* Kazakh letters -> nearest plain Cyrillic (``ә``->``а``, ``қ``->``к``, ``і``->``и`` ...), because many
  phones have no Kazakh keyboard and people type ``олгим келеди`` for ``өлгім келеді``;
* Latin diacritics -> ASCII (``ä``->``a``, ``ı``->``i``, ``ş``->``s`` ...) for the 2021 Kazakh Latin
  alphabet; on top of that a few Latin-only folds (``q``->``k``, ``y``->``i``, ``zh``->``j``,
  ``kh``->``h``, ``sh``->``s``), because plain-ASCII typing of Kazakh and Russian spells the same sound
  several ways (``qorqamyn``/``korkamin``, ``zhit``/``jit``, ``khochu``/``hochu``);
* ``ь``, ``ъ`` and apostrophes are dropped: they are the letters people skip most (``убю``, ``ubit``);
* punctuation and emoji become spaces, and runs of one letter collapse (``хочууу`` -> ``хочу``).

The letter-run collapse is the one step done differently on the two sides, for speed: phrases are
collapsed when the detector is built, and every letter of a phrase is compiled as a possessive run,
so ``хочууу`` in a message matches ``хочу`` exactly as if the message had been collapsed first, without a
second pass over a 4096-character text.

A phrase must start at the start of a word, and its last word may run on into a longer word: the list
holds stems, so ``өлгім келеді`` also catches ``өлгім келеді ғой`` and Kazakh suffixes, and
``убить себя`` catches ``убить себяяя``. That is the safer trade-off: agglutinative Kazakh would otherwise
need every suffix spelt out, and a missed child costs more than an extra kind reply. A phrase never
matches from the middle of a word (``переубить себя`` does not trigger), and lone everyday words are kept
out of the lists, so ``убить время`` or ``помогите найти расписание`` stay ordinary messages.

All phrases of one language are folded into a character trie and compiled into one alternation (a flat
alternation would try every phrase at every word; a trie tries one branch per character). Both
languages live in one pattern with a named group each, so the text is scanned once and the leftmost
match decides the language; on a tie the language listed first wins (Kazakh, the default, in
content/crisis.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

# (from, to) pairs, applied with str.replace: a handful of replace() calls on a 4 KB string is ~30x
# faster than str.translate(), which does a dict lookup per character for non-ASCII text.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("ё", "е"),
    ("ә", "а"),
    ("ғ", "г"),
    ("қ", "к"),
    ("ң", "н"),
    ("ө", "о"),
    ("ұ", "у"),
    ("ү", "у"),
    ("һ", "х"),
    ("і", "и"),
    ("ä", "a"),
    ("ö", "o"),
    ("ü", "u"),
    ("ū", "u"),
    ("ı", "i"),
    ("ğ", "g"),
    ("ñ", "n"),
    ("ş", "s"),
    ("ç", "c"),
    # Letters of the 2018 Kazakh Latin alphabet, still seen in the wild.
    ("á", "a"),
    ("ó", "o"),
    ("ú", "u"),
    ("ý", "i"),
    ("ǵ", "g"),
    ("ń", "n"),
    # Latin-only folds for ASCII typing; Russian transliteration never needs q, and y/i are used
    # interchangeably for й, ы and the "ya/ia" of я.
    ("q", "k"),
    ("y", "i"),
    ("ь", ""),
    ("ъ", ""),
    ("'", ""),
    ("’", ""),
    ("‘", ""),
    ("`", ""),
    ("ʼ", ""),
    # Digraphs after the single letters, so that "ş" and "sh" end up the same.
    ("zh", "j"),
    ("kh", "h"),
    ("sh", "s"),
)
# casefold() turns "İ" into "i" + U+0307; other combining marks come from decomposed input (o + U+0308).
_COMBINING = re.compile("[\u0300-\u036f]+")
_NON_WORD = re.compile(r"[\W_]+")
_REPEATS = re.compile(r"([^\W\d_])\1+")

# A phrase this short after normalisation would match far too much ordinary text.
MIN_PHRASE_CHARS = 4


def _fold(text: str) -> str:
    """Every normalisation step except the letter-run collapse (see the module docstring)."""
    s = text.casefold()
    for old, new in _FOLDS:
        if old in s:
            s = s.replace(old, new)
    s = _COMBINING.sub("", s)
    return _NON_WORD.sub(" ", s).strip()


def normalize(text: str) -> str:
    """The canonical form compared by the detector: folded, with runs of one letter collapsed."""
    return _REPEATS.sub(r"\1", _fold(text))


def _trie_regex(phrases: Iterable[str]) -> str:
    """Regex for a set of normalised phrases; a phrase that extends a shorter one is redundant (stems)."""
    end = ""  # key that marks "a phrase ends here"
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            if end in node:
                break  # a shorter phrase already matches everything below this point
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[end] = {}

    def atom(ch: str) -> str:
        # Phrases hold no doubled letters, so the next character always differs and a possessive run
        # (no backtracking) is exact: it stands for one letter of the collapsed text. Written "xx*+"
        # rather than "x++" so each branch starts with a plain literal, which the regex engine checks
        # before entering the branch (several times faster on long texts).
        esc = re.escape(ch)
        return esc + esc + "*+" if ch.isalpha() else esc

    def build(node: dict[str, dict]) -> str:
        if end in node:
            return ""
        branches = [atom(ch) + build(child) for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(root)


class CrisisDetector:
    """Tells whether a message contains a crisis phrase, and in which language's list it was found."""

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        groups: list[str] = []
        languages: list[str] = []
        for lang, items in phrases.items():
            if not re.fullmatch(r"[a-z]{2,3}", lang):
                raise ValueError(f"bad language code: {lang!r}")
            normalized: set[str] = set()
            for item in items:
                norm = normalize(item)
                if len(norm) < MIN_PHRASE_CHARS:
                    # Refuse at start-up: a tiny phrase would send every message to the crisis lane.
                    raise ValueError(f"crisis phrase too short after normalisation ({lang}): {item!r}")
                normalized.add(norm)
            if normalized:
                groups.append(f"(?P<{lang}>{_trie_regex(normalized)})")
                languages.append(lang)
        if not groups:
            raise ValueError("no crisis phrases given")
        self._languages = tuple(languages)
        # The text is searched as " " + folded text, so a space marks the start of a word; a literal
        # first character also lets the regex engine jump from space to space.
        self._pattern = re.compile(" (?:" + "|".join(groups) + ")")

    @classmethod
    def from_file(cls, path: Path) -> CrisisDetector:
        """Build from content/crisis.yaml (its ``phrases`` mapping)."""
        import yaml  # imported here so that matching itself needs nothing outside the standard library

        with Path(path).open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        phrases = data.get("phrases") if isinstance(data, dict) else None
        if not isinstance(phrases, dict):
            raise ValueError(f"{path}: no 'phrases' mapping")
        return cls(phrases)

    @property
    def languages(self) -> tuple[str, ...]:
        return self._languages

    def detect(self, text: str) -> str | None:
        """Language code of the earliest crisis phrase in the text ("kk" or "ru"), or None."""
        if not text:
            return None
        match = self._pattern.search(" " + _fold(text))
        return match.lastgroup if match else None
