"""Roadmap measures: the catalogue (content/measures/*.yaml), deadlines and progress status."""

from bot.measures.catalogue import MEASURES_DIR, Catalogue, Deadline, Measure, Plan, load_catalogue
from bot.measures.status import (
    Outcome,
    Period,
    final_outcome,
    measure_status,
    next_due,
    periods,
)

__all__ = [
    "MEASURES_DIR",
    "Catalogue",
    "Deadline",
    "Measure",
    "Outcome",
    "Period",
    "Plan",
    "final_outcome",
    "load_catalogue",
    "measure_status",
    "next_due",
    "periods",
]
