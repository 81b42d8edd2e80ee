"""Which rule fits (bot/crisis/detector.py): the rules in the order they outrank each other, filed by the
concepts they need so that a sentence tries only the few rules it could fit; the rules that pair a sentence
with its neighbours; and the blows that outrank a weak sexual rule.

There are over a thousand rules and most sentences fit none: the index, not the rules, decides the speed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bot.crisis.rules import PRIORITY, Category, Found, Rule, matches

# What a secret with no sexual word is about, when the message says it (RuleChoice.over_weak).
_OVER_WEAK = (Category.SEXUAL, Category.VIOLENCE, Category.SUICIDE, Category.SELFHARM)


class RuleChoice:
    def __init__(self, rules: Iterable[Rule], first: frozenset[str]) -> None:
        # A situation's narrow rule (situations.yaml first_rules) goes before the general rules of its
        # category that fit the same words; otherwise rules keep their category's priority, then file order.
        order = {c: i for i, c in enumerate(PRIORITY)}
        self.rules = sorted(rules, key=lambda r: (order[r.category], r.id not in first))
        self._needs = {r.id: r.needs for r in self.rules}
        # A rule is tried only when every concept it needs is in the sentence: most sentences skip most rules.
        self._required = {r.id: frozenset(n.concept for n in r.needs) for r in self.rules}
        # Rules by the concepts they need: a sentence tries only the rules all of whose concepts it has.
        # Each rule is filed under the one concept it needs that the fewest rules need ("me" is in dozens of
        # rules, "noose" in one): a sentence full of common words then wakes few rules.
        uses = Counter(concept for rule in self.rules for concept in self._required[rule.id])
        self._by_concept: dict[str, list[int]] = {}
        self._pairs = [rank for rank, rule in enumerate(self.rules) if rule.beside]  # tried apart: pair
        for rank, rule in enumerate(self.rules):
            key_concept = min(self._required[rule.id], key=lambda c: (uses[c], c))
            self._by_concept.setdefault(key_concept, []).append(rank)

    def first(
        self,
        found: list[Found],
        present: frozenset[str],
        words: int,
        language: str | None,
        below: int | None,
        skip: frozenset[str] = frozenset(),
    ) -> int | None:
        """The rank of the first rule (of rank under `below`, not in `skip`) that fits one sentence."""
        ranks = sorted([r for c in present if c in self._by_concept for r in self._by_concept[c]])
        for rank in ranks:
            if below is not None and rank >= below:
                break
            rule = self.rules[rank]
            if rule.id in skip or rule.beside:
                continue
            if self._required[rule.id] <= present and matches(
                rule, self._needs[rule.id], found, words, language, present
            ):
                return rank
        return None

    def best(
        self,
        found_all: list[list[Found]],
        words_all: list[list[str]],
        each: list[frozenset[str]],
        language: str | None,
        skip: frozenset[str],
    ) -> tuple[int, int] | None:
        """(rank, sentence) of the first rule not in `skip` that fits a sentence of the message, if any."""
        best: tuple[int, int] | None = None
        for n, found in enumerate(found_all):
            below = best[0] if best is not None else None
            rank = self.first(found, each[n], len(words_all[n]), language, below, skip)
            if rank is not None:
                best = (rank, n)
        return best

    def pair(
        self,
        found_all: list[list[Found]],
        words_all: list[list[str]],
        each: list[frozenset[str]],
        language: str | None,
    ) -> tuple[tuple[int, Rule], int, frozenset[str]] | None:
        """(rank, rule), sentence, its concepts (`each`: of each sentence of found_all): the first pair."""
        for rank, n in ((r, n) for r in self._pairs for n in range(len(found_all))):
            rule, near = self.rules[rank], each[max(n - 1, 0) : n] + each[n + 1 : n + 2]
            fits = self._required[rule.id] <= each[n] and rule.fits_beside(frozenset().union(*each), near)
            if fits and matches(
                rule, self._needs[rule.id], found_all[n], len(words_all[n]), language, each[n]
            ):
                return (rank, rule), n, each[n]
        return None

    def over_weak(
        self,
        found_all: list[list[Found]],
        words_all: list[list[str]],
        each: list[frozenset[str]],
        language: str | None,
        weak: frozenset[str],
    ) -> tuple[int, int] | None:
        """(rank, sentence) of the rule that outranks a weak sexual one, if any.

        «ұялып айта алмаймын», «анама айтпа деді»: a secret or shame with no sexual word yields to the blows
        said in another sentence («... мамамды шашынан сүйреп ұрады»), and to the cuts or the wish to die
        that the secret is about («досым өзін кесіп жүр, ешкімге айтпа деді»)."""
        fits = []  # (rank, sentence) of the first other rule of each sentence
        for n, found in enumerate(found_all):
            rank = self.first(found, each[n], len(words_all[n]), language, None, weak)
            if rank is not None and self.rules[rank].category in _OVER_WEAK:
                fits.append((rank, n))
        if not fits:
            return None
        # The gravest kind; of violence, the first sentence that says it (not a push after the blows).
        kind = min(fits)[0]
        return next(f for f in fits if self.rules[f[0]].category is self.rules[kind].category)
