"""The broad net of letter sequences (bot/crisis/ngrams.py) and the concept weights (bot/crisis/scoring.py)
for bot/crisis/detector.py: what decides when no rule fired, and the veto on a rule that fired on a notice.

The rules miss what nobody wrote a rule for, and fire on notices and articles that name dangers; the net has
read hundreds of both, so it has the word in the two places where the rules are weakest, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.crisis.ngrams import NgramScorer
from bot.crisis.peers import PeerHarm
from bot.crisis.rules import Category, Found
from bot.crisis.scoring import ConceptScorer, features_of


@dataclass(frozen=True, slots=True)
class Weighed:
    value: float  # the net's score, named in the finding's rule
    category: Category
    about_child: bool  # the weights lean to an adult writing about a child


@dataclass(frozen=True, slots=True)
class Everyday:
    """An everyday matter of the body, a pet or a doctor (frames.yaml everyday): a vaccination, a toothache,
    stitches after hockey, a dress to fit into, a cat's scratch, a puppy. Their words (a needle, blood, pain,
    crying, weight) are the net's words of a crisis too, so where no rule fired and such a `words` concept
    stands with no `alarm` one (a cut, a blow, death, starving), the net must score `threshold`, not its
    own."""

    words: frozenset[str] = frozenset()
    alarm: frozenset[str] = frozenset()
    threshold: float = 0.0

    @classmethod
    def from_section(cls, data: Mapping[str, Any]) -> Everyday:
        if unknown := set(data) - {"words", "alarm", "threshold"}:
            raise ValueError(f"everyday: unknown keys {sorted(unknown)}")
        words, alarm = (frozenset(data.get(n, ())) for n in ("words", "alarm"))
        return cls(words, alarm, float(data.get("threshold", 0.0)))

    def concepts(self) -> frozenset[str]:
        return self.words | self.alarm

    def bar(self, features: frozenset[str], threshold: float) -> float:
        """The score the net needs on a message of these concepts."""
        if self.words.isdisjoint(features) or not self.alarm.isdisjoint(features):
            return threshold
        return max(threshold, self.threshold)


class Weighing:
    def __init__(
        self,
        ngrams: dict[str, Any] | None,
        scoring: dict[str, Any] | None,
        vetoes: Iterable[str],
        peer_harm: PeerHarm,
        everyday: Everyday | None = None,
    ) -> None:
        self.use_ngrams(ngrams)
        self.use_scoring(scoring)
        self._vetoes = frozenset(vetoes)
        self._peer_harm = peer_harm
        self._everyday = everyday or Everyday()

    def use_ngrams(self, ngrams: dict[str, Any] | None) -> None:
        self.ngrams = NgramScorer(ngrams) if ngrams else None

    def use_scoring(self, scoring: dict[str, Any] | None) -> None:
        self.scorer = ConceptScorer(scoring) if scoring else None

    def notice(self, parts: list[list[str]], seen: set[str], place: int) -> bool:
        """Whether the net reads the rule's finding (its sentence at `place` of `parts`) as a notice or an
        article that names dangers: the whole message reads strongly as not a crisis, and so does the rule's
        own sentence: alone, below the net's own threshold of a crisis, and with its neighbours, below 0.
        A notice is notice-like throughout; a crisis told among school chatter (homework, the canteen fees,
        a library book) is not, however much the chatter pulls the whole message down."""
        net = self.ngrams
        if net is None or net.score(parts, seen) >= net.keep_rules_from:
            return False
        near = parts[max(place - 1, 0) : place + 2]
        return net.score([parts[place]]) < net.threshold and net.score(near) < 0

    def weigh(self, parts: list[list[str]], seen: set[str], found_all: list[list[Found]]) -> Weighed | None:
        """No rule fired: the net decides whether it is a crisis; the concepts name the kind."""
        if self.ngrams is None:
            return None
        features = features_of([(f[1], f[2]) for f in fs] for fs in found_all)
        # The net never overrules a sign that the message is a joke, a title or a notice.
        if not self._vetoes.isdisjoint(features):
            return None
        value = self.ngrams.score(parts, seen)
        if value < self._everyday.bar(features, self.ngrams.threshold):
            return None  # below the net's threshold, or an everyday matter's (Everyday)
        verdict = self.scorer.judge(features) if self.scorer is not None else None
        category = (
            self._peer_harm.kind(verdict.category, features) if verdict is not None else Category.DISTRESS
        )
        return Weighed(value, category, verdict is not None and verdict.about_child)
