"""The engine against gold files written before it was tuned: thresholds that a regression must not cross.

The demo golds were written by someone who had not seen the extractor; the seed gold is the reference
analysis in ../shared (scored only where it is present)."""
from pathlib import Path

import pytest

from bilat.evaluate import evaluate
from tests.conftest import SHARED

DEMO = sorted((Path(__file__).parent.parent / "src/bilat/demo").glob("*.gold.json"))
SEED = SHARED / "eval" / "seed" / "gold.json"


@pytest.fixture(scope="module")
def demo_report():
    return evaluate(DEMO)


def test_demo_corpus_overall(demo_report):
    overall = demo_report.overall
    assert overall.grounding == 1.0
    assert overall.f1 >= 0.84
    assert overall.recall >= 0.80


@pytest.mark.parametrize("kind, min_recall, min_precision", [
    ("events", 0.64, 0.66), ("agreements", 0.9, 0.9), ("stances", 0.58, 0.8),
    ("figures", 0.95, 0.95), ("people", 0.85, 0.9), ("forecasts", 0.95, 0.95)])
def test_demo_corpus_per_kind(demo_report, kind, min_recall, min_precision):
    tally = demo_report.totals[kind]
    assert tally.recall >= min_recall
    assert tally.precision >= min_precision


@pytest.mark.skipif(not SEED.exists(), reason="../shared/eval/seed is not beside this checkout")
def test_reference_document():
    report = evaluate([SEED])
    overall = report.overall
    assert overall.grounding == 1.0
    assert overall.f1 >= 0.95
    for kind, tally in report.totals.items():
        assert tally.recall >= 0.8, kind


DEV_FULL = sorted((Path(__file__).parent / "dev" / "full").glob("*.gold.json"))


def test_development_set_of_other_pairs():
    """18 documents on other pairs of states, every kind of fact: 0.67 when this threshold was set (each batch
    scored 0.48-0.61 before it was tuned on); a change that loses ground on them must say why."""
    report = evaluate(DEV_FULL)
    assert len(DEV_FULL) == 18
    assert report.overall.grounding == 1.0
    assert report.overall.f1 >= 0.64
    assert report.totals["agreements"].f1 >= 0.68
    assert report.totals["events"].f1 >= 0.52
