"""The second look: when no rule fires, the concepts a whole message holds are weighed together.

Rules catch what they spell out; a child who writes around them («копила таблетки… теперь хватит») still
uses words of the same concepts. Each concept found in the message (and each negated one, as ``name-``)
carries a weight per class: no crisis, each kind of crisis, and an adult writing about a child. The class
with the highest sum wins; a crisis class must beat "none" by the file's margin. The weights are data
(content/crisis_rules/weights.yaml), fitted by ``python -m bot crisis weights`` on the labelled messages in
tests/data/crisis_eval/ with a strong penalty on large weights, so each weight says how much one concept
leans a message towards a class, and a decision can be explained by the few concepts behind it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bot.crisis.rules import Category

NONE = "none"
ADULT = "adult"
CLASSES = (NONE, *(c.value for c in Category), ADULT)


@dataclass(frozen=True, slots=True)
class Verdict:
    category: Category
    about_child: bool
    reasons: tuple[str, ...]  # the concepts that weighed most, for explaining a decision


class ConceptScorer:
    def __init__(self, data: Mapping[str, object]) -> None:
        bias = dict(data["bias"])  # type: ignore[call-overload]
        self._bias = {c: float(bias.get(c, 0.0)) for c in CLASSES}
        self._margin = float(data["margin"])  # type: ignore[arg-type]
        self._weights: dict[str, dict[str, float]] = {
            feature: {c: float(w) for c, w in per_class.items()}
            for feature, per_class in dict(data["weights"]).items()  # type: ignore[call-overload]
        }

    def judge(self, features: Iterable[str]) -> Verdict | None:
        totals = dict(self._bias)
        # Sorted: summed in set order, a near tie between two kinds went either way from run to run.
        used = sorted(f for f in features if f in self._weights)
        for feature in used:
            for cls, weight in self._weights[feature].items():
                totals[cls] += weight
        best = max((c for c in CLASSES if c != NONE), key=totals.__getitem__)
        if totals[best] - totals[NONE] < self._margin:
            return None  # with margin 0 (as fitted), only when no concept leans towards any crisis at all
        if best == ADULT:
            rivals = [c.value for c in Category]
            category = Category(max(rivals, key=totals.__getitem__))
        else:
            category = Category(best)
        reasons = sorted(used, key=lambda f: -self._weights[f].get(best, 0.0))[:3]
        return Verdict(category=category, about_child=best == ADULT, reasons=tuple(reasons))


def features_of(found_per_sentence: Iterable[Iterable[tuple[frozenset[str], bool]]]) -> frozenset[str]:
    """Every concept in the message, and ``name-`` for each one found negated."""
    out: set[str] = set()
    for found in found_per_sentence:
        for concepts, negated in found:
            out.update(concepts)
            if negated:
                out.update(f"{c}-" for c in concepts)
    return frozenset(out)
