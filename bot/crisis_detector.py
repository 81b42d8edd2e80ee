"""Finds crisis phrases (suicidal thoughts, self-harm, violence, danger) in a message, in Kazakh or Russian.

The detector only says *that* a message needs the crisis answer and in which language; it keeps nothing
and logs nothing, because the text may be the most private thing a child has ever written.

How matching works
------------------
Phrases and messages go through the same ``normalize()``, so one list entry covers many ways of typing it:

* casefold, ``ё`` -> ``е``;
* Kazakh letters -> nearest plain Cyrillic (``ә``->``а``, ``қ``->``к``, ``і``->``и`` ...), because many
  phones have no Kazakh keyboard and people type ``олгим келеди`` for ``өлгім келеді``;
* Latin diacritics -> ASCII (``ä``->``a``, ``ı``->``i``, ``ş``->``s`` ...) for the 2021 Kazakh Latin
  alphabet; on top of that a few Latin-only folds (``q``->``k``, ``y``->``i``, ``zh``->``j``,
  ``kh``->``h``, ``sh``->``s``), because plain-ASCII typing of Kazakh and Russian spells the same sound
  several ways (``qorqamyn``/``korkamin``, ``zhit``/``jit``, ``khochu``/``hochu``);
* ``ь``, ``ъ`` and apostrophes are dropped: they are the letters people skip most (``убю``, ``ubit``);
* runs of one letter collapse (``хочууу`` -> ``хочу``), punctuation and emoji become spaces.

A phrase must start at the start of a word, and its last word may run on into a longer word: the list
holds stems, so ``өлгім келеді`` also catches ``өлгім келеді ғой`` and Kazakh suffixes, and
``убить себя`` catches ``убить себяяя``. We accept that trade-off because agglutinative Kazakh would
otherwise need every suffix spelt out, and a missed child costs more than an extra kind reply. Phrases
must not *end* inside a word only, so ``убить время`` never matches ``убить себя`` and lone verbs
are not in the lists at all.

All phrases of one language are folded into a character trie and compiled into a single regular
expression (a plain alternation backtracks through every phrase at every word; a trie tries one
branch per character). Both languages live in one pattern with a named group each, so the text is
scanned once and the leftmost match decides the language; on a tie the language listed first wins
(Kazakh, the default, in content/crisis.yaml).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

# Kazakh, Russian and Latin letters that have a plain equivalent; None drops the character.
_TRANSLATE = str.maketrans(
    {
        "ё": "е",
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "ä": "a",
        "ö": "o",
        "ü": "u",
        "ū": "u",
        "ı": "i",
        "ğ": "g",
        "ñ": "n",
        "ş": "s",
        "ç": "c",
        "á": "a",
        "ó": "o",
        "ú": "u",
        "ý": "i",
        "ǵ": "g",
        "ń": "n",
        "q": "k",
        "y": "i",
        "ь": None,
        "ъ": None,
        "'": None,
        "’": None,
        "‘": None,
        "`": None,
        "ʼ": None,
        # casefold() turns "İ" into "i" + U+0307; other combining marks come from decomposed input.
        **{chr(c): None for c in range(0x0300, 0x0370)},
    }
)
# Latin digraphs, folded after the single letters so that "ş" and "sh" end up the same.
_DIGRAPHS = (("zh", "j"), ("kh", "h"), ("sh", "s"))
_NON_WORD = re.compile(r"[\W_]+")
_REPEATS = re.compile(r"([^\W\d_])\1+")

# A phrase this short after normalisation would match far too much ordinary text.
MIN_PHRASE_CHARS = 4


def normalize(text: str) -> str:
    """Fold a text (or a phrase) to the form the detector compares; see the module docstring."""
    s = text.casefold().translate(_TRANSLATE)
    s = _NON_WORD.sub(" ", s)
    s = _REPEATS.sub(r"\1", s)
    for old, new in _DIGRAPHS:
        if old in s:
            s = s.replace(old, new)
    return s.strip()


def _trie_regex(phrases: Iterable[str]) -> str:
    """One regex alternative per trie branch; a phrase that is a prefix of another makes it redundant."""
    root: dict[str, dict] = {}
    end = ""  # key that marks "a phrase ends here"
    for phrase in phrases:
        node = root
        for ch in phrase:
            if end in node:
                break  # a shorter phrase already matches everything below this point
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[end] = {}

    def build(node: dict[str, dict]) -> str:
        if end in node:
            return ""
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items())]
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return build(root)


class CrisisDetector:
    """Tells whether a message contains a crisis phrase, and in which language's list it was found."""

    def __init__(self, phrases: Mapping[str, Iterable[str]]) -> None:
        groups: list[str] = []
        self._languages: list[str] = []
        for lang, items in phrases.items():
            if not re.fullmatch(r"[a-z]{2,3}", lang):
                raise ValueError(f"bad language code: {lang!r}")
            normalized = set()
            for item in items:
                norm = normalize(item)
                if len(norm) < MIN_PHRASE_CHARS:
                    # Refuse at start-up: an empty or tiny phrase would send every message to the crisis lane.
                    raise ValueError(f"crisis phrase too short after normalisation ({lang}): {item!r}")
                normalized.add(norm)
            if not normalized:
                continue
            groups.append(f"(?P<{lang}>{_trie_regex(normalized)})")
            self._languages.append(lang)
        if not groups:
            raise ValueError("no crisis phrases given")
        # The text is searched as " " + normalized text, so a leading space marks the start of a word;
        # a literal first character also lets the regex engine skip quickly to the next space.
        self._pattern = re.compile(" (?:" + "|".join(groups) + ")")

    @classmethod
    def from_file(cls, path: Path) -> CrisisDetector:
        """Build from content/crisis.yaml (its ``phrases`` mapping)."""
        import yaml  # imported here so the matcher itself needs nothing outside the standard library

        with Path(path).open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
        try:
            phrases = data["phrases"]
        except (TypeError, KeyError) as exc:
            raise ValueError(f"{path}: no 'phrases' mapping") from exc
        return cls(phrases)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._languages)

    def detect(self, text: str) -> str | None:
        """Language code of the earliest crisis phrase in the text ("kk" or "ru"), or None."""
        if not text:
            return None
        match = self._pattern.search(" " + normalize(text))
        if match is None:
            return None
        return match.lastgroup
