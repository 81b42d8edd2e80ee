"""The broad net: letter sequences of the words, weighed, for what the rules do not spell out.

Rules catch what they name; children write around them («копила таблетки… теперь хватит», «тушу об себя
сигарету»), and in Kazakh one stem has hundreds of forms. Each word (folded as the rules fold it) is cut into
its sequences of 3, 4 and 5 letters (with its start and end marked) plus the whole word; each of them carries
a weight, and a message's score is the bias plus the weights of its distinct words. The weights are fitted by
`python -m bot.crisis.fit` on the labelled messages of tests/data/crisis_eval/ (a logistic regression), and
its thresholds are chosen on messages the model was not fitted on (cross-validation), so that the false
alarms stay within the target. A decision names only its score, never the words.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.crisis.normalize import kazakh_key, readings

SIZES = (3, 4, 5)


NEGATORS = frozenset({"не", "ни", "ne", "ni"})
NEGATED = "¬"


def word_features(word: str) -> list[str]:
    """The features of one word of ``sentences()``: the word itself and its letter sequences. A word marked
    as negated («не хочу») keeps its letters but is another word: «хочу жить» is not «не хочу жить»."""
    negated = word.startswith(NEGATED)
    key = kazakh_key(readings(word.removeprefix(NEGATED))[0])
    marked = f"<{key}>"
    grams = [marked[i : i + n] for n in SIZES for i in range(len(marked) - n + 1)]
    return [("w:" + NEGATED if negated else "w:") + key, *grams]


def marked_words(parts: Iterable[list[str]]) -> set[str]:
    """The distinct words of a message, those within two words after «не»/«ни» marked as negated."""
    out: set[str] = set()
    for sentence in parts:
        if NEGATORS.isdisjoint(sentence):
            out.update(sentence)
            continue
        until = -1
        for i, word in enumerate(sentence):
            if word in NEGATORS:
                until = i + 2
            elif i <= until:
                out.add(NEGATED + word)
            else:
                out.add(word)
    return out


class NgramScorer:
    def __init__(self, data: dict) -> None:
        self.bias = float(data["bias"])
        self.threshold = float(data["threshold"])
        # A rule's finding is dropped only when the letters say, this strongly, that it is not a crisis.
        self.keep_rules_from = float(data.get("keep_rules_from", -1e9))
        self._weights: dict[str, float] = {k: float(v) for k, v in data["weights"].items()}
        self._words: dict[str, float] = {}

    def word_score(self, word: str) -> float:
        found = self._words.get(word)
        if found is None:
            weights = self._weights
            found = sum(weights.get(f, 0.0) for f in word_features(word))
            if len(self._words) > 200_000:
                self._words.clear()
            self._words[word] = found
        return found

    def score(self, parts: list[list[str]], seen: set[str] | None = None) -> float:
        """``seen``: the message's distinct words, if the caller has them (then no «не» means no marking)."""
        total = self.bias
        known = self._words.get
        words = seen if seen is not None and NEGATORS.isdisjoint(seen) else marked_words(parts)
        for word in words:
            value = known(word)
            total += self.word_score(word) if value is None else value
        return total
