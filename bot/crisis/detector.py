"""Whether a message needs the crisis reply, which kind of crisis it is, and in which language to answer.

It keeps nothing and logs nothing: the text may be the most private thing a child has ever written. The
result names the rule that fired (for tests and for explaining a decision), never the words.

A message is split into sentences and words (bot/crisis/normalize.py); each word is looked up in the Russian
and the Kazakh lexicons (bot/crisis/lexicon.py), which name the concepts it stands for, and whether it is
negated («не хочу», «келмейді»). A rule (bot/crisis/rules.py, data in content/crisis_rules.yaml) fires when
the concepts it needs stand close together in one sentence. Words of both languages count in one sentence,
so a child who mixes Kazakh and Russian («мені избили») is understood too.

This file keeps the pass over a message's sentences and who writes it; the steps it leans on live apart,
each with its own reason to change: the words to concepts (word_pass.py), which rule fits (rule_choice.py),
the net that decides when no rule does and vetoes notices (weighing.py), what the whole message is (an
absence note with its reason, a notice or an article: frames.py), and the two languages (message_language.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.crisis.frames import AbsenceNote, ChatLeak, NoticeFrame
from bot.crisis.lexicon import Hit, KazakhLexicon, RussianLexicon
from bot.crisis.message_language import MessageLanguage
from bot.crisis.normalize import readings, sentences
from bot.crisis.peers import PeerHarm
from bot.crisis.retold import Retold
from bot.crisis.rule_choice import RuleChoice
from bot.crisis.rule_files import read_rule_files
from bot.crisis.rules import PRIORITY, Category, Found, Need, Rule
from bot.crisis.scoring import features_of
from bot.crisis.weighing import Everyday, Weighing
from bot.crisis.word_pass import WordPass
from bot.crisis.writer import ADULT_AGE, Writer, stated_age
from bot.crisis.writer_words import mentions_young, own_wish, says_role

RULES_DIR = Path(__file__).resolve().parents[2] / "content" / "crisis_rules"
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
    # A child tells of a friend's, a classmate's or a sibling's crisis, not their own (retold.py).
    retold: bool = False


class CrisisDetector:
    def __init__(self, data: dict[str, Any]) -> None:
        ru = data["russian"]
        kk = data["kazakh"]
        self._words = WordPass(
            RussianLexicon(ru["lemmas"], ru.get("prefixes", {}), ru.get("words", {}), ru.get("not", ())),
            KazakhLexicon(
                kk["stems"], kk.get("words", {}), kk["suffixes"], kk["negation_suffixes"], kk.get("not", ())
            ),
            ru["negators"],
            kk["negators"],
        )
        self._words.on_full = self.clear_cache
        # Concepts of an adult writing about a child: the formal reply, with the memo of its kind.
        self._writer = Writer.parse(data["about_child"])
        self._child = self._writer.children()
        self._spouses = self._writer.spouses()
        rules = [Rule.model_validate(r) for r in data["rules"]]
        # Sexual rules of a secret or shame with no sexual word (common.yaml weak_sexual): blows said in
        # another sentence of the message outrank them.
        self._weak = frozenset(data.get("weak_sexual", ()))
        self._default_locale = str(data.get("default_locale", "kk"))
        # Harm by classmates or older pupils is bullying, not violence, unless an adult is named (peers.py).
        self._peer_harm = PeerHarm.from_section(data.get("peer_harm") or {})
        # Whose crisis a child tells: their own or a friend's (retold.py).
        self._retold = Retold.from_section(data.get("retold") or {}, kk)
        # What the whole message is: an absence note with its reason, a notice or an article (frames.py).
        self._absence = AbsenceNote.from_section(data.get("absence_note") or {})
        self._frame = NoticeFrame.from_section(data.get("notice_frame") or {})
        self._leak = ChatLeak.from_section(data.get("chat_leak") or {})
        # An everyday matter of the body, a pet or a doctor raises the net's bar (weighing.py Everyday).
        self._everyday = Everyday.from_section(data.get("everyday") or {})
        self._weighing = Weighing(
            data.get("ngrams"),
            data.get("scoring"),
            data.get("score_vetoes", ()),
            self._peer_harm,
            self._everyday,
        )

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
        sections: tuple[tuple[str, AbsenceNote | NoticeFrame | ChatLeak | Everyday], ...] = (
            ("absence_note", self._absence),
            ("notice_frame", self._frame),
            ("chat_leak", self._leak),
            ("everyday", self._everyday),
        )
        for section, sets in sections:
            if unknown_concepts := sets.concepts() - known:
                raise ValueError(f"{section}: unknown concepts {sorted(unknown_concepts)}")
        if unknown := self._absence.rules - {r.id for r in rules}:
            raise ValueError(f"absence_note: unknown rules {sorted(unknown)}")
        if unknown := self._leak.rules - {r.id for r in rules}:
            raise ValueError(f"chat_leak: unknown rules {sorted(unknown)}")
        if unknown := self._weak - {r.id for r in rules}:
            raise ValueError(f"weak_sexual: unknown rules {sorted(unknown)}")
        # Rules ranked as suicide whose finding is distress: a missing child (situations.yaml distress_found).
        self._distress_found = frozenset(data.get("distress_found", ()))
        if unknown := self._distress_found - {r.id for r in rules}:
            raise ValueError(f"distress_found: unknown rules {sorted(unknown)}")
        first = frozenset(data.get("first_rules", ()))
        if unknown := first - {r.id for r in rules}:
            raise ValueError(f"first_rules: unknown rules {sorted(unknown)}")
        self._choice = RuleChoice(rules, first)
        self._rules = self._choice.rules
        # A wish to die or self-harm is someone's own state: only such rules see past a seminar's name
        # (frames.py NoticeFrame.own_case), unless the sentence tells one child's case (tells_case);
        # «әкем жиналыста қол көтерді» is a vote.
        self._not_own_state = frozenset(
            r.id for r in rules if r.category not in (Category.SUICIDE, Category.SELFHARM)
        )
        self._language = MessageLanguage(
            data["language_hints"], data.get("reply_language_words") or {}, self._words.cache.get
        )
        # Words that mark a joke («хаха», «лол», laughing emoji): the mark counts for the whole message.
        self._joke_words = frozenset(
            r for w in ("хаха", *ru.get("words", {}).get("laughter_word", ())) for r in readings(w)
        )

    @classmethod
    def from_dir(cls, folder: Path = RULES_DIR) -> CrisisDetector:
        """common.yaml, ru.yaml (the ``russian`` section) and kk.yaml (``kazakh``), rules of all of them."""
        return cls(read_rule_files(Path(folder)))

    def use_ngrams(self, ngrams: dict[str, Any] | None) -> None:
        self._weighing.use_ngrams(ngrams)

    def use_scoring(self, scoring: dict[str, Any] | None) -> None:
        """Other weights for the scorer, or none (the fitting script tries weights before it writes them)."""
        self._weighing.use_scoring(scoring)

    def clear_cache(self) -> None:
        self._words.clear()
        self._language.clear()

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(self._rules)

    # The tests read single words and sentences through these two (word_pass.py does the work).
    def _word(self, word: str) -> Hit | None:
        return self._words.word(word)

    def _found(self, words: list[str]) -> list[Found]:
        return self._words.found(words)

    def detect(self, text: str) -> Finding | None:
        if not text:
            return None
        parts = sentences(text)
        seen = set().union(*parts)
        # The language that keeps a rule of the other one from firing on shared words (rules.matches).
        # The reply's is read apart, and only for a crisis found (message_language.py).
        language = self._language.for_rules(text, seen)
        found_of, choice = self._words.found, self._choice
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
            found = found_of(sentence)
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
            rank = choice.first(found, present, len(sentence), language, best[0] if best else None)
            if rank is not None:
                best, best_present, best_sentence = (rank, self._rules[rank]), present, len(found_all) - 1
        # Someone's own wish to die told beside a seminar's name: the notice words veto no such rule.
        own = self._frame.own_case(concepts) if best is None else None
        skip = frozenset() if self._frame.tells_case(concepts) else self._not_own_state
        other = choice.best(found_all, words_all, own, language, skip) if own else None
        if own is not None and other is not None:
            rank, n = other
            best, best_sentence, best_present = (rank, self._rules[rank]), n, own[n]
        if best is None and (pair := choice.pair(found_all, words_all, concepts, language)) is not None:
            best, best_sentence, best_present = pair
        if (
            best is not None
            and best[1].id in self._weak
            and (blows := choice.over_weak(found_all, words_all, concepts, language, self._weak)) is not None
        ):
            rank, n = blows
            best, best_sentence, best_present = (rank, self._rules[rank]), n, concepts[n]
        if best is not None and self._absence.quiets(best[1].id, found_all, concepts):
            # An absence note with its reason: only a rule it does not name may still fire (frames.py).
            other = choice.best(found_all, words_all, concepts, language, self._absence.rules)
            if other is None:
                return None
            rank, n = other
            best, best_sentence, best_present = (rank, self._rules[rank]), n, concepts[n]
        partner = partner and not says_child and not remarried
        role = role and not says_child
        child, own_kids = (
            self._writer.about_child(found_all, with_child, partner, step_in) if with_child else (False, {})
        )
        if best is None:
            if self._absence.quiets(None, found_all, concepts):
                return None  # the net, too, stays quiet on an absence note with its reason (frames.py)
            return self._weigh(text, parts, seen, found_all, language, child, partner, role)
        rule = best[1]
        # A notice or an article that names dangers, and nobody's own case (frames.py), whatever the rule.
        if self._frame.quiets(concepts):
            return None
        # A notice or an article that names dangers can fit a rule; the net has read hundreds of both.
        if rule.category is not PRIORITY[0] and self._notice(parts, seen, at[best_sentence]):
            return None
        # Only for a crisis found: the words' language and a stated age are read for the reply, not for every
        # message the bot gets.
        age = stated_age(text)  # «мне 13», «маған 40 жаста»: a child or an adult, whatever else (writer.py)
        reply_language, leaning = self._language.for_reply(text, parts)
        locale = reply_language or leaning or language or rule.lang
        # The writer's own children, and a pupil's own class («ученик 3 класса»), are no peers (peers.py).
        mine = own_kids.get(best_sentence, set()) | self._peer_harm.pupils_class(found_all[best_sentence])
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
        if rule.id in self._distress_found:
            category = Category.DISTRESS  # ranked as suicide, found distress: a missing child
        if category is Category.SEXUAL and self._leak.only_chats(rule.id, concepts):
            category = (
                Category.BULLYING
            )  # chats leaked among peers, no picture: blackmail (frames.py ChatLeak)
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
        if not (about_child or adult_self or says_child) and (age is None or age >= ADULT_AGE):
            # A pupil's case told beside a notice word: an adult reports it (frames.py reports_pupil).
            about_child = self._frame.reports_pupil(concepts)
        if (
            rule.category in _HARM
            and not partner
            and not says_child
            and (age is None or age >= ADULT_AGE)
            and self._writer.hurt_by_own(best_found, role)
        ):
            # «меня ученики избили», «сын-подросток бьёт меня»: an adult hurt by pupils or their own child.
            category, about_child, adult_self = rule.category, True, True
        retold = not (
            about_child or adult_self or (age is not None and age >= ADULT_AGE)
        ) and self._retold.of_other(
            category,
            rule.needs,
            words_all[best_sentence],
            best_found,
            self._words.person,
            self._retold.asks_help(parts),
        )
        return Finding(
            locale=locale,
            category=category,
            about_child=about_child,
            rule=rule.id,
            language_sure=reply_language is not None,
            adult_self=adult_self,
            retold=retold,
        )

    def _notice(self, parts: list[list[str]], seen: set[str], place: int) -> bool:
        """Kept on the detector so that a test can switch the veto off (weighing.py: Weighing.notice)."""
        return self._weighing.notice(parts, seen, place)

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
        weighed = self._weighing.weigh(parts, seen, found_all)
        if weighed is None:
            return None
        age = stated_age(text)
        about_young = role and not partner and age is None and mentions_young(parts)
        child = child or about_young or weighed.about_child
        about_child, adult_self = Writer.decide(weighed.category, child, partner or role, age, child)
        reply_language, leaning = self._language.for_reply(text, parts)
        retold = not (about_child or adult_self) and self._retold.speaks_of_others(parts, self._words.person)
        return Finding(
            locale=reply_language or leaning or language or self._default_locale,
            category=weighed.category,
            about_child=about_child,
            rule=f"ngrams:{weighed.value:.1f}",
            language_sure=reply_language is not None,
            adult_self=adult_self,
            retold=retold,
        )


__all__ = ["Category", "CrisisDetector", "Finding", "Need"]
