"""Which reply a message gets when it fits rules of several kinds, in Kazakh and in Russian alike.

An explicit wish to die, a plan or a farewell is suicide even when the message also says «не могу больше»
(a negation stops at a comma: «не могу, хочу умереть»); self-harm outranks distress; classmates who beat,
lock up or rob a child are bullying, unless an adult, the family, home or boys from the yard are the ones
named (common.yaml peer_harm, bot/crisis/peers.py); older pupils are peers (round 5).
"""

from __future__ import annotations

import pytest

from bot.crisis import Category, CrisisDetector

pytestmark = pytest.mark.no_database


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # A wish to die after the words of distress.
        ("я больше не могу, хочу умереть", Category.SUICIDE),
        ("Мне тяжело, дома кричат, в школе все против, я больше не могу, хочу умереть", Category.SUICIDE),
        ("не могу больше, не хочу жить", Category.SUICIDE),
        ("шаршадым, енді шыдай алмаймын, өлгім келеді", Category.SUICIDE),
        ("мен енді шыдай алмаймын, өлгім келеді", Category.SUICIDE),
        # Self-harm over distress.
        ("мне очень плохо, я опять порезала руку", Category.SELFHARM),
        ("маған жаман, қолымды тағы кестім", Category.SELFHARM),
        # Classmates who hurt: bullying.
        ("одноклассники бьют меня каждый день", Category.BULLYING),
        ("меня заперли в туалете и выключили свет, стояли и ржали", Category.BULLYING),
        ("на перемене меня пинают и толкают", Category.BULLYING),
        ("сыныптастарым мені мазақтайды, күнде ұрады", Category.BULLYING),
        ("сыныптастарым ақшамды тартып алады", Category.BULLYING),
        # An adult, the family, home or older boys: violence.
        ("брат бьёт меня при одноклассниках", Category.VIOLENCE),
        ("папа бьёт меня, а в школе все смеются", Category.VIOLENCE),
        ("меня бьют дома, потому что я плохо учусь в школе", Category.VIOLENCE),
        # Round 5: older pupils are peers (common.yaml peer_harm): the school-bullying reply, 102 if beaten.
        ("меня вчера избили пацаны из 11 класса за гаражами", Category.BULLYING),
        ("пацаны из класса сказали что прирежут если не принесу деньги", Category.VIOLENCE),
        ("әкем мені ұрады, сыныптастарым білмейді", Category.VIOLENCE),
    ],
)
def test_the_gravest_and_right_kind_wins(rules_only: CrisisDetector, text: str, kind: Category) -> None:
    finding = rules_only.detect(text)
    assert finding is not None
    assert finding.category is kind
