"""«У меня нет сил жить»: no strength left to live is the wish to die in a sentence of any length (ru.yaml
ru.no_strength_to_live); tired «нет сил» beside a life lived on coffee is not."""

from __future__ import annotations

import pytest

from bot.crisis import load_detector

pytestmark = pytest.mark.no_database

FOUND = [
    "у меня нет сил жить",
    "у меня больше нет сил жить",
    "уже нет сил так жить",
    "u menya net sil zhit",
    "честно у меня нет никаких сил жить дальше",
]
QUIET = [
    "нет сил, живу на кофе",
    "нет сил на уроки, живу от выходных до выходных",
    "у бабушки нет сил на огород",
]


@pytest.fixture(scope="module")
def detector():
    return load_detector()


@pytest.mark.parametrize("text", FOUND)
def test_no_strength_to_live_is_found(detector, text: str) -> None:
    finding = detector.detect(text)
    assert finding is not None and finding.category == "suicide", (text, finding)


@pytest.mark.parametrize("text", QUIET)
def test_tired_is_not(detector, text: str) -> None:
    assert detector.detect(text) is None, text
