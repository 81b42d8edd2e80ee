"""How a wizard's header counts its steps: «step N of M» over the path the draft will take (`counted_steps`),
the number of one step (`numbered`), and the step a draft is at for the reminders that it is still open
(`draft_step`). `Step.counted` (wizard.py) keeps what a draft's headers have counted.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.fsm.context import FSMContext

from bot.flows.change_header import is_changing

# Where a draft keeps every step its headers have counted so far, in order.
COUNTED = "steps_counted"


def counted_steps(before: Sequence[str], path: Sequence[str], name: str) -> list[str]:
    """The steps a header at step `name` counts, given those counted at the draft's steps `before`.

    `path` is what the draft's answers tell so far, and a later answer may lengthen it (a question that turns
    out to be asked: the total grows) or shorten it (one that turns out not to be). A step the path no longer
    takes is still counted, as one passed, when it stood before `name` (it was asked, or counted as passed)
    or when dropping it would shrink the total: then it goes just before `name`, so the step shown now is
    numbered as if it had been answered. A header that said «of 7» never says «of 6» after it, the number
    never goes back unless the user goes back, and the last step is «7 of 7». Every path follows the
    wizard's one order of steps.
    """
    if name not in path:
        # A step off the draft's path (a part asked again from the summary's ✏️ Change that this draft's
        # answers skipped): it counts nothing new, and its header names the part (change_header.py).
        return list(before or path)
    steps = list(path)
    # Where `name` stood among the steps counted before: its own place, or that of the step before it.
    known = [step for step in path[: path.index(name) + 1] if step in before]
    reached = before.index(known[-1]) if known else -1
    ahead = []
    for index, step in enumerate(before):
        if step in steps:
            continue
        if index < reached:
            after = next((earlier for earlier in reversed(before[:index]) if earlier in steps), None)
            steps.insert(steps.index(after) + 1 if after is not None else 0, step)
        else:
            ahead.append(step)
    for step in ahead[: max(0, len(before) - len(steps))]:
        steps.insert(steps.index(name), step)
    return steps


def numbered(name: str, steps: Sequence[str]) -> tuple[int, int]:
    """A step's number and how many steps its header counts (`Step.counted`). A step not among them (off the
    draft's path: asked again from the summary, where its header names the part instead) is one more, the
    last."""
    if name not in steps:
        return len(steps) + 1, len(steps) + 1
    return steps.index(name) + 1, len(steps)


async def draft_step(state: FSMContext) -> tuple[int, int] | None:
    """The number of the step the draft is at and how many its header counts; None for a step with no number
    (a summary, a part changed from it)."""
    current, data = await state.get_state(), await state.get_data()
    if is_changing(data):
        return None
    name = (current or "").rpartition(":")[2]
    counted = data.get(COUNTED) or []
    return numbered(name, counted) if name in counted else None
