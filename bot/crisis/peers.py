"""Who hurts a child: classmates and older pupils (the school-bullying reply) or an adult (violence).

content/crisis_rules/common.yaml `peer_harm` names the concepts. A violence finding whose sentence names peers
(classmates, the school, mocking, older pupils: «одноклассники бьют меня», «сыныптастарым ұрады»,
«старшеклассники отбирают деньги и бьют», «жоғары сынып оқушылары ақшамды тартып алады») and no adult or
family member gets the bullying reply: evidence, the school psychologist, 111, 102 if beaten. A teacher is no
aggressor when they only watch (a `watching` word at most three words after: «учительница видит и молчит»,
«мұғалім көріп тұрып үндемейді»; that says the harm is at school, too) or are the one to be told (a `told`
word at most two words before: «если скажу учителю, будет хуже»). Blows filmed and spread around, with no
adult named anywhere in the message («сняли на видео как меня бьют и разослали всем», «мені ұрып, телефонға
түсіріп, интернетке салды»: a `filming` and a `spreading` word in the message), are peers' doing too.

Not every class word names peers who harm. «Ученик 3 класса пришёл с синяками», «мальчик из моего класса»
describe a pupil (a `pupil` word at most three words before the class word, `own_class`): that class word and
the words between (the grade) are no peers, unless the writer is the one hurt (a `victim` word in the
sentence: «парень из 10 класса ударил меня»). And a jealous partner (a `jealous` word anywhere in the message:
«мой пацан ревнует ко всем, ударил меня ... когда я переписывалась с одноклассником», «жігітім қызғанып
ұрды») is no peer: the classmate named is the cause of the jealousy, not the one who hits.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.crisis.rules import Category, ConceptSets, Found


@dataclass(frozen=True, slots=True)
class PeerHarm(ConceptSets):
    peers: frozenset[str] = frozenset()
    adults: frozenset[str] = frozenset()
    bystanders: frozenset[str] = frozenset()
    watching: frozenset[str] = frozenset()
    told: frozenset[str] = frozenset()
    filming: frozenset[str] = frozenset()
    spreading: frozenset[str] = frozenset()
    own_class: frozenset[str] = frozenset()
    pupil: frozenset[str] = frozenset()
    victim: frozenset[str] = frozenset()
    jealous: frozenset[str] = frozenset()

    def pupils_class(self, found: list[Found]) -> set[int]:
        """The places of a sentence's class words that describe a pupil, and of the grade before them."""
        if not self.own_class or any(not self.victim.isdisjoint(f[1]) for f in found):
            return set()
        pupils = [f[0] for f in found if not self.pupil.isdisjoint(f[1])]
        places: set[int] = set()
        for f in (f for f in found if not self.own_class.isdisjoint(f[1])):
            if lead := [at for at in pupils if f[0] - 3 <= at < f[0]]:
                places.update(range(max(lead) + 1, f[0] + 1))
        return places

    def adult_named(self, found: list[Found]) -> tuple[bool, bool]:
        """Whether a sentence names an adult or the family who may hurt, and whether it names a teacher who
        only watches (see the module's docstring: a watching or a told teacher is no aggressor)."""
        teachers = [f[0] for f in found if not self.bystanders.isdisjoint(f[1])]
        watched = {
            at
            for at in teachers
            if any(at < g[0] <= at + 3 and not self.watching.isdisjoint(g[1]) for g in found)
        }
        told = {
            at
            for at in teachers
            if any(at - 2 <= g[0] < at and not self.told.isdisjoint(g[1]) for g in found)
        }
        adult = any(f[0] not in watched | told and not self.adults.isdisjoint(f[1]) for f in found)
        return adult, bool(watched)

    def kind(
        self,
        category: Category,
        concepts: frozenset[str],
        named: tuple[bool, bool] | None = None,
        message: frozenset[str] | None = None,
    ) -> Category:
        """The reply's kind. Rules of the gravest kind win (rules.PRIORITY: a wish to die over distress,
        self-harm over distress), but peers who beat or rob a child are bullying unless an adult is named
        (`named`: adult_named; with none, any adult concept in `concepts` counts), and so are blows filmed
        and spread around (a filming and a spreading word in the `message`, the concepts of all its
        sentences) with no adult concept anywhere in it. A jealous partner (a `jealous` word in the `message`)
        is no peer."""
        if category is not Category.VIOLENCE:
            return category
        adult, watched = named if named is not None else (not self.adults.isdisjoint(concepts), False)
        if adult or (message is not None and not self.jealous.isdisjoint(message)):
            return category
        if watched or not self.peers.isdisjoint(concepts):
            return Category.BULLYING
        everything = concepts if message is None else message
        if (
            not self.filming.isdisjoint(everything)
            and not self.spreading.isdisjoint(everything)
            and self.adults.isdisjoint(everything)
        ):
            return Category.BULLYING
        return category
