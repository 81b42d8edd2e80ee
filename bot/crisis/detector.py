"""Whether a message needs the crisis reply, which kind of crisis it is, and in which language to answer.

It keeps nothing and logs nothing: the text may be the most private thing a child has ever written. The
result names the rule that fired (for tests and for explaining a decision), never the words.

A message is split into sentences and words (bot/crisis/normalize.py); each word is looked up in the Russian
and the Kazakh lexicons (bot/crisis/lexicon.py), which name the concepts it stands for, and whether it is
negated («не хочу», «келмейді»). A rule (bot/crisis/rules.py, data in content/crisis_rules.yaml) fires when
the concepts it needs stand close together in one sentence. Words of both languages count in one sentence,
so a child who mixes Kazakh and Russian («мені избили») is understood too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.crisis.language import WordLanguages
from bot.crisis.lexicon import Hit, KazakhLexicon, RussianLexicon
from bot.crisis.ngrams import NgramScorer
from bot.crisis.normalize import readings, sentences
from bot.crisis.peers import PeerHarm
from bot.crisis.rule_files import read_rule_files
from bot.crisis.rules import PRIORITY, Category, Found, Need, Rule, matches
from bot.crisis.scoring import ConceptScorer, features_of
from bot.crisis.writer import ADULT_AGE, Writer, stated_age
from bot.crisis.writer_words import mentions_young, own_wish, says_role

RULES_DIR = Path(__file__).resolve().parents[2] / "content" / "crisis_rules"
_KAZAKH_LETTERS = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІäöüūışğñ]")
# Markers in the word cache: «не» negates the next words, «емес»/«жоқ» the word before.
_UNKNOWN = Hit(frozenset({"?"}))
_RU_NEGATOR = Hit(frozenset({"¬ru"}))
# «жоқ» also stands for itself (`neg_word`): «жоқ боламын», «адамым жоқ».
_KK_NEGATOR = Hit(frozenset({"neg_word"}), langs=frozenset({"kk"}))
_NO_JOKES: frozenset[str] = frozenset()
_JOKES = frozenset({"laughter_word"})
_HARM = (Category.VIOLENCE, Category.SEXUAL, Category.BULLYING)


@dataclass(frozen=True, slots=True)
class Finding:
    locale: str  # the language to answer in: the language of the message
    category: Category
    # An adult writes (the adult reply): about a child, or about themself (adult_self; bot/crisis/writer.py).
    about_child: bool
    rule: str
    # False when the message does not say its language (words of both, or of neither): `locale` is a guess,
    # and the reply goes in the language the user chose (handlers/crisis.py).
    language_sure: bool = True
    # The crisis is the adult writer's own: hurt by their husband, wife or ex, or in despair themself.
    adult_self: bool = False


class CrisisDetector:
    def __init__(self, data: dict[str, Any]) -> None:
        ru = data["russian"]
        kk = data["kazakh"]
        self._ru = RussianLexicon(
            ru["lemmas"], ru.get("prefixes", {}), ru.get("words", {}), ru.get("not", ())
        )
        self._kk = KazakhLexicon(
            kk["stems"], kk.get("words", {}), kk["suffixes"], kk["negation_suffixes"], kk.get("not", ())
        )
        self._hints = {lang: frozenset(words) for lang, words in data["language_hints"].items()}
        # Concepts of an adult writing about a child: the formal reply, with the memo of its kind.
        self._writer = Writer.parse(data["about_child"])
        self._child = self._writer.children()
        self._spouses = self._writer.spouses()
        rules = [Rule.model_validate(r) for r in data["rules"]]
        # Sexual rules of a secret or shame with no sexual word (common.yaml weak_sexual): blows said in
        # another sentence of the message outrank them.
        self._weak = frozenset(data.get("weak_sexual", ()))
        self._scorer = ConceptScorer(data["scoring"]) if data.get("scoring") else None
        self._default_locale = str(data.get("default_locale", "kk"))
        self._score_vetoes = frozenset(data.get("score_vetoes", ()))
        self._ngrams = NgramScorer(data["ngrams"]) if data.get("ngrams") else None
        # Harm by classmates or older pupils is bullying, not violence, unless an adult is named (peers.py).
        self._peer_harm = PeerHarm.from_section(data.get("peer_harm") or {})

        known = {
            "neg_word",
            *ru["lemmas"],
            *ru.get("prefixes", {}),
            *ru.get("words", {}),
            *kk["stems"],
            *kk.get("words", {}),
        }
        for rule in rules:
            for name in (*rule.all, *rule.unless, *(n for group in rule.beside for n in group)):
                if name.rstrip("+-") not in known:
                    raise ValueError(f"rule {rule.id}: unknown concept {name!r}")
        for name in self._peer_harm.concepts():
            if name not in known:
                raise ValueError(f"peer_harm: unknown concept {name!r}")
        for name in self._writer.concepts():
            if name not in known:
                raise ValueError(f"about_child: unknown concept {name!r}")
        if unknown := self._weak - {r.id for r in rules}:
            raise ValueError(f"weak_sexual: unknown rules {sorted(unknown)}")
        # A situation's narrow rule (situations.yaml first_rules) goes before the general rules of its
        # category that fit the same words; otherwise rules keep their category's priority, then file order.
        first = frozenset(data.get("first_rules", ()))
        if unknown := first - {r.id for r in rules}:
            raise ValueError(f"first_rules: unknown rules {sorted(unknown)}")
        order = {c: i for i, c in enumerate(PRIORITY)}
        self._rules = sorted(rules, key=lambda r: (order[r.category], r.id not in first))
        self._needs = {r.id: r.needs for r in self._rules}
        # A rule is tried only when every concept it needs is in the sentence: most sentences skip most rules.
        self._required = {r.id: frozenset(n.concept for n in r.needs) for r in self._rules}
        self._cache: dict[str, Hit | None] = {}
        self._negators = {w: _RU_NEGATOR for w in ru["negators"]} | {w: _KK_NEGATOR for w in kk["negators"]}
        self._cache.update(self._negators)
        # The language each word says, for the reply (_reply_language): kept per word, as _cache is.
        self._languages = WordLanguages(self._hints, data.get("reply_language_words") or {}, self._cache.get)
        # Rules by the concepts they need: a sentence tries only the rules all of whose concepts it has.
        # Each rule is filed under the one concept it needs that the fewest rules need ("me" is in dozens of
        # rules, "noose" in one): a sentence full of common words then wakes few rules.
        uses = Counter(concept for rule in self._rules for concept in self._required[rule.id])
        # Words that mark a joke («хаха», «лол», laughing emoji): the mark counts for the whole message.
        self._joke_words = frozenset(
            r for w in ("хаха", *ru.get("words", {}).get("laughter_word", ())) for r in readings(w)
        )
        self._by_concept: dict[str, list[int]] = {}
        self._pairs = [rank for rank, rule in enumerate(self._rules) if rule.beside]  # tried apart: _pair
        for rank, rule in enumerate(self._rules):
            key_concept = min(self._required[rule.id], key=lambda c: (uses[c], c))
            self._by_concept.setdefault(key_concept, []).append(rank)

    @classmethod
    def from_dir(cls, folder: Path = RULES_DIR) -> CrisisDetector:
        """common.yaml, ru.yaml (the ``russian`` section) and kk.yaml (``kazakh``), rules of all of them."""
        return cls(read_rule_files(Path(folder)))

    def use_ngrams(self, ngrams: dict[str, Any] | None) -> None:
        self._ngrams = NgramScorer(ngrams) if ngrams else None

    def use_scoring(self, scoring: dict[str, Any] | None) -> None:
        """Other weights for the scorer, or none (the fitting script tries weights before it writes them)."""
        self._scorer = ConceptScorer(scoring) if scoring else None

    def clear_cache(self) -> None:
        self._cache.clear()
        self._cache.update(self._negators)
        self._languages.clear()

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(self._rules)

    def _word(self, word: str) -> Hit | None:
        hit = None
        for reading in readings(word):
            if reading in self._negators:  # before the lexicons: «нее» (неё) collapses to «не»
                hit = self._negators[reading]
                break
            ru = self._ru.hit(reading)
            kk = self._kk.hit(reading)
            if ru is None or kk is None:
                hit = ru or kk
            else:
                hit = Hit(ru.concepts | kk.concepts, ru.negated or kk.negated, ru.langs | kk.langs)
            if hit is not None:
                break
        if len(self._cache) > 200_000:
            self.clear_cache()
        self._cache[word] = hit
        return hit

    def _found(self, words: list[str]) -> list[Found]:
        found: list[Found] = []
        negate_until = -1
        get = self._cache.get
        # A negation does not reach over a comma or a dash: «не могу, хочу умереть», «ұрады, жоқ».
        breaks = getattr(words, "breaks", ())
        for i, word in enumerate(words):
            hit = get(word, _UNKNOWN)
            if hit is None:
                continue
            if hit is _UNKNOWN:
                hit = self._word(word)
                if hit is None:
                    continue
            if hit is _RU_NEGATOR:
                negate_until = i + 2
                for b in breaks:
                    if i < b <= negate_until:
                        negate_until = b - 1
                        break
            elif hit is _KK_NEGATOR:
                if found and found[-1][0] >= i - 2 and not any(found[-1][0] < b <= i for b in breaks):
                    last = found[-1]
                    found[-1] = (last[0], last[1], True, last[3])
                found.append((i, hit.concepts, False, hit.langs))
            else:
                found.append((i, hit.concepts, hit.negated or i <= negate_until, hit.langs))
        return found

    def _hint_language(self, keys: set[str]) -> str | None:
        """The language whose frequent words (common.yaml language_hints) the message has more of, if any."""
        score = {lang: len(hints & keys) for lang, hints in self._hints.items()}
        best = max(score.values())
        leaders = [lang for lang, n in score.items() if n == best]
        return leaders[0] if best and len(leaders) == 1 else None

    def _reply_language(self, text: str, parts: list[list[str]]) -> tuple[str | None, str | None]:
        """The language of the message when it is clear, else None (the reply goes in the user's language),
        and the language most of its words are in, the guess when it is not clear (bot/crisis/language.py:
        each word votes, by its Kazakh letters, the frequent words and the words one lexicon knows)."""
        counted = self._languages.vote(text, parts)
        return counted.sure, counted.leaning

    def detect(self, text: str) -> Finding | None:
        if not text:
            return None
        parts = sentences(text)
        seen = set().union(*parts)
        # The language that keeps a rule of the other one from firing on shared words (rules.matches).
        letters = _KAZAKH_LETTERS.search(text) is not None
        language = "kk" if letters else self._hint_language(seen)
        # The reply's language is read apart, word by word (_reply_language): a text in Latin letters by the
        # Cyrillic readings of its words, which the rules do not do (they were written for it as a text of
        # no clear language).
        best: tuple[int, Rule] | None = None
        best_present: frozenset[str] = frozenset()
        best_sentence = -1
        found_all: list[list[Found]] = []
        words_all: list[list[str]] = []  # the words of the sentences of found_all
        at: list[int] = []  # the place in `parts` of each sentence of found_all
        concepts: list[frozenset[str]] = []  # the concepts of each sentence of found_all
        role = False  # the writer names their adult occupation or role («я учительница», «мұғаліммін»)
        with_child: list[int] = []  # the sentences (of found_all) that name a child
        partner = False  # the writer's husband, wife or in-law is named (Writer.partners)
        remarried = False  # «мама вышла замуж»: a husband named is a stepfather (Writer.partners)
        says_child = False  # the writer says they are a child («я ещё ребёнок», «мен баламын»)
        step_in: set[int] = set()  # the sentences that name a stepparent (Writer.partners)
        # A laughing emoji often stands after the sentence it laughs at: it counts for the whole message.
        jokes = _JOKES if not self._joke_words.isdisjoint(seen) else _NO_JOKES
        for place, sentence in enumerate(parts):
            found = self._found(sentence)
            if not found:
                continue
            found_all.append(found)
            words_all.append(sentence)
            at.append(place)
            role = role or says_role(sentence)
            present = frozenset().union(*(f[1] for f in found)) | jokes
            concepts.append(present)
            if not self._child.isdisjoint(present):
                with_child.append(len(found_all) - 1)
            if not self._spouses.isdisjoint(present):
                writers, step, parent_married = self._writer.partners(found)
                partner = partner or writers
                remarried = remarried or parent_married
                if step:
                    step_in.add(len(found_all) - 1)
            if not self._writer.child_self.isdisjoint(present) or (
                not self._writer.self.isdisjoint(present) and self._writer.says_child(found)
            ):
                says_child = True
            if best is not None and best[1].category is PRIORITY[0]:
                continue  # nothing can outrank it; the rest is read only to tell an adult's message
            rank = self._first_rule(found, present, len(sentence), language, best[0] if best else None)
            if rank is not None:
                best, best_present, best_sentence = (rank, self._rules[rank]), present, len(found_all) - 1
        if best is None and (pair := self._pair(found_all, words_all, concepts, language)) is not None:
            best, best_sentence, best_present = pair
        if best is not None and best[1].id in self._weak:
            # «ұялып айта алмаймын», «анама айтпа деді»: a secret or shame with no sexual word yields to the
            # blows said in another sentence («... мамамды шашынан сүйреп ұрады»).
            fits = []  # (rank, sentence) of the first other rule of each sentence
            for n, found in enumerate(found_all):
                rank = self._first_rule(found, concepts[n], len(words_all[n]), language, None, self._weak)
                if rank is not None and self._rules[rank].category in (Category.SEXUAL, Category.VIOLENCE):
                    fits.append((rank, n))
            if fits:
                # The gravest kind; of violence, the first sentence that says it (not a push after the blows).
                kind = min(fits)[0]
                rank, n = next(f for f in fits if self._rules[f[0]].category is self._rules[kind].category)
                best, best_sentence = (rank, self._rules[rank]), n
                best_present = concepts[n]
        partner = partner and not says_child and not remarried
        role = role and not says_child
        child, own_kids = (
            self._writer.about_child(found_all, with_child, partner, step_in) if with_child else (False, {})
        )
        if best is None:
            return self._weigh(text, parts, seen, found_all, language, child, partner, role)
        rule = best[1]
        # A notice or an article that names dangers can fit a rule; the net has read hundreds of both.
        if rule.category is not PRIORITY[0] and self._notice(parts, seen, at[best_sentence]):
            return None
        # Only for a crisis found: the words' language and a stated age are read for the reply, not for every
        # message the bot gets.
        age = stated_age(text)  # «мне 13», «маған 40 жаста»: a child or an adult, whatever else (writer.py)
        reply_language, leaning = self._reply_language(text, parts)
        locale = reply_language or leaning or language or rule.lang
        mine = own_kids.get(best_sentence, set())
        if mine:
            # The writer's own children are no classmates: «балаларды» beside «мені» keeps no peer concept.
            best_present = (
                frozenset().union(*(f[1] for f in found_all[best_sentence] if f[0] not in mine)) | jokes
            )
        best_found = found_all[best_sentence]
        named = self._peer_harm.adult_named([f for f in best_found if f[0] not in mine])
        message = (
            frozenset().union(*(f[1] for fs in found_all for f in fs))
            if rule.category is Category.VIOLENCE
            else None
        )
        category = self._peer_harm.kind(rule.category, best_present, named, message)
        names_child = best_sentence in with_child and self._writer.names_child(
            best_found, own_kids.get(best_sentence, set())
        )
        adult = partner or role or (age is not None and age >= 18)
        # «я мама двоих детей ..., думаю уйти из жизни»: the writer's own wish, the children no subject.
        wish = (
            adult
            and category is not Category.VIOLENCE
            and own_wish(words_all[best_sentence], best_found, self._child)
        )
        about_child, adult_self = Writer.decide(
            category, child, partner or role, age, names_child and not wish
        )
        if adult_self and role and not partner and age is None:
            # A role says who writes, not whose the crisis is: «я учитель, мальчика бьют дома», «Я учитель.
            # Мальчик говорит, что не хочет жить» are about a child.
            if category in _HARM:
                adult_self = any(not self._writer.me.isdisjoint(f[1]) for f in best_found)
            elif not wish:
                adult_self = not mentions_young(parts)
        if (
            rule.category in _HARM
            and not partner
            and not says_child
            and (age is None or age >= ADULT_AGE)
            and self._writer.hurt_by_own(best_found, role)
        ):
            # «меня ученики избили», «сын-подросток бьёт меня»: an adult hurt by pupils or their own child.
            category, about_child, adult_self = rule.category, True, True
        return Finding(
            locale=locale,
            category=category,
            about_child=about_child,
            rule=rule.id,
            language_sure=reply_language is not None,
            adult_self=adult_self,
        )

    def _first_rule(
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
            rule = self._rules[rank]
            if rule.id in skip or rule.beside:
                continue
            if self._required[rule.id] <= present and matches(
                rule, self._needs[rule.id], found, words, language, present
            ):
                return rank
        return None

    def _pair(
        self,
        found_all: list[list[Found]],
        words_all: list[list[str]],
        each: list[frozenset[str]],
        language: str | None,
    ) -> tuple[tuple[int, Rule], int, frozenset[str]] | None:
        """(rank, rule), sentence, its concepts (`each`: of each sentence of found_all): the first pair."""
        for rank, n in ((r, n) for r in self._pairs for n in range(len(found_all))):
            rule, near = self._rules[rank], each[max(n - 1, 0) : n] + each[n + 1 : n + 2]
            fits = self._required[rule.id] <= each[n] and rule.fits_beside(frozenset().union(*each), near)
            if fits and matches(
                rule, self._needs[rule.id], found_all[n], len(words_all[n]), language, each[n]
            ):
                return (rank, rule), n, each[n]
        return None

    def _notice(self, parts: list[list[str]], seen: set[str], place: int) -> bool:
        """Whether the net reads the rule's finding (its sentence at `place` of `parts`) as a notice or an
        article that names dangers: the whole message reads strongly as not a crisis, and so does the rule's
        own sentence: alone, below the net's own threshold of a crisis, and with its neighbours, below 0.
        A notice is notice-like throughout; a crisis told among school chatter (homework, the canteen fees,
        a library book) is not, however much the chatter pulls the whole message down."""
        net = self._ngrams
        if net is None or net.score(parts, seen) >= net.keep_rules_from:
            return False
        near = parts[max(place - 1, 0) : place + 2]
        return net.score([parts[place]]) < net.threshold and net.score(near) < 0

    def features(self, text: str) -> frozenset[str]:
        """The concepts of a message, as the scorer sees them (used to fit its weights)."""
        return features_of([(f[1], f[2]) for f in self._found(sentence)] for sentence in sentences(text))

    def _weigh(
        self,
        text: str,
        parts: list[list[str]],
        seen: set[str],
        found_all: list[list[Found]],
        language: str | None,
        child: bool,
        partner: bool,
        role: bool,
    ) -> Finding | None:
        """No rule fired: the broad net of letter sequences decides; the concepts name the kind of crisis.
        A teacher or a parent by their role (`role`) who names a child or a pupil gets the adult reply."""
        if self._ngrams is None:
            return None
        features = features_of([(f[1], f[2]) for f in fs] for fs in found_all)
        # The net never overrules a sign that the message is a joke, a title or a notice.
        if not self._score_vetoes.isdisjoint(features):
            return None
        value = self._ngrams.score(parts, seen)
        if value < self._ngrams.threshold:
            return None
        verdict = self._scorer.judge(features) if self._scorer is not None else None
        category = (
            self._peer_harm.kind(verdict.category, features) if verdict is not None else Category.DISTRESS
        )
        age = stated_age(text)
        about_young = role and not partner and age is None and mentions_young(parts)
        child = child or about_young or (verdict is not None and verdict.about_child)
        about_child, adult_self = Writer.decide(category, child, partner or role, age, child)
        reply_language, leaning = self._reply_language(text, parts)
        return Finding(
            locale=reply_language or leaning or language or self._default_locale,
            category=category,
            about_child=about_child,
            rule=f"ngrams:{value:.1f}",
            language_sure=reply_language is not None,
            adult_self=adult_self,
        )


__all__ = ["Category", "CrisisDetector", "Finding", "Need"]
