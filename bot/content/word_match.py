"""Finding a memo by the words a parent types, whatever their case endings.

A title says «буллинг» or «травля»; a parent types «буллингтен», «травли», «пожаре», often inside a
whole question. Kazakh stacks suffixes
and Russian changes endings, so a query word is taken to name a title word when the two begin alike for most
of the shorter one (at least three letters), rather than when one is a substring of the other.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+")
# Of the shorter word, the share its beginning must have in common with the other.
_SHARE = 0.6
_SHORTEST = 3


def words(text: str) -> list[str]:
    return _WORD.findall(text.casefold().replace("ё", "е"))


def _common_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def same_word(typed: str, known: str) -> bool:
    if known.startswith(typed):  # a word still being typed: «11», «буллин»
        return True
    shorter = min(len(typed), len(known))
    return _common_start(typed, known) >= max(_SHORTEST, round(_SHARE * shorter))


def names_all(query: str, text: str) -> bool:
    """Every word of `query` names some word of `text` (an empty query names nothing)."""
    asked, known = words(query), words(text)
    return bool(asked) and all(any(same_word(a, k) for k in known) for a in asked)


def named_count(query: str, text: str) -> int:
    """How many words of `query` name a word of `text`. Words under three letters («в», «и», «о») count
    only when the query has nothing longer, so a parent's whole question still finds its memo."""
    asked, known = words(query), words(text)
    long_ones = [a for a in asked if len(a) >= _SHORTEST]
    return sum(any(same_word(a, k) for k in known) for a in long_ones or asked)
