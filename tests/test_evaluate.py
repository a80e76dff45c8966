"""bilat eval: the scoring rules of CONTRACT.md one by one, the matching, and the command checked against
../shared/eval/score.py on the demo gold files."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bilat.evaluate import (fold, is_grounded, load_gold, match_agreement, match_event, match_figure,
                            match_forecast, match_person, match_stance, month_span, scaled, score_kind)
from bilat.errors import ReadError
from tests.conftest import ROOT, SHARED

DEMO = ROOT / "src" / "bilat" / "demo"
SCORE_PY = SHARED / "eval" / "score.py"


def actor(country=None, org=None, text="x"):
    return {"text": text, "country": country, "org": org}


def evidence(text, start=0):
    return {"start": start, "end": start + len(text), "text": text}


# --- events --------------------------------------------------------------------------------------------------------

EVENT_GOLD = {"actors": ["CHN", "RUS"], "cameo": ["04", "057"], "date": ["2023-03-20", "2023-03-22"]}


def event(source="RUS", target="CHN", cameo="042", date="2023-03-21"):
    return {"source": actor(source), "target": actor(target), "cameo": cameo, "date": date}


def test_event_actor_keys_are_a_set_in_either_direction():
    assert match_event(event("RUS", "CHN"), EVENT_GOLD)
    assert match_event(event("CHN", "RUS"), EVENT_GOLD)
    assert not match_event(event("CHN", "CHN"), EVENT_GOLD)
    assert not match_event(event("CHN", "KAZ"), EVENT_GOLD)


def test_event_actor_key_falls_back_to_org():
    gold = {**EVENT_GOLD, "actors": ["CHN", "NATO"]}
    p = {**event(), "source": actor(org="NATO"), "target": actor("CHN", org="SCO")}
    assert match_event(p, gold)
    p["target"] = actor(None, org="SCO")
    assert not match_event(p, gold)


def test_event_cameo_is_a_prefix_match():
    assert match_event(event(cameo="040"), EVENT_GOLD)
    assert match_event(event(cameo="0571"), EVENT_GOLD)
    assert not match_event(event(cameo="051"), EVENT_GOLD)
    assert not match_event(event(cameo="0"), EVENT_GOLD)
    assert not match_event(event(cameo=None), EVENT_GOLD)


def test_event_date_window_is_inclusive_and_null_needs_date_optional():
    assert match_event(event(date="2023-03-20"), EVENT_GOLD)
    assert match_event(event(date="2023-03-22"), EVENT_GOLD)
    assert not match_event(event(date="2023-03-19"), EVENT_GOLD)
    assert not match_event(event(date="2023-03-23"), EVENT_GOLD)
    assert not match_event(event(date=None), EVENT_GOLD)
    assert match_event(event(date=None), {**EVENT_GOLD, "date_optional": True})
    assert not match_event(event(date="2023-04-01"), {**EVENT_GOLD, "date_optional": True})
    assert match_event(event(date=None), {**EVENT_GOLD, "date": None})
    assert match_event(event(date="1999-01-01"), {**EVENT_GOLD, "date": None})


# --- agreements ----------------------------------------------------------------------------------------------------

AGREEMENT_GOLD = {"kind": "joint_statement", "keywords": ["partnership", "new era"], "countries": ["CHN", "RUS"],
                  "signed": ["2023-03-21", "2023-03-21"]}


def agreement(title="Joint statement on deepening the comprehensive partnership entering a New Era",
              parties=(actor("CHN", text="China"), actor("RUS", text="Russia")), kind="joint_statement",
              signed="2023-03-21"):
    return {"title": title, "kind": kind, "parties": list(parties), "signed": signed}


def test_agreement_keywords_may_come_from_title_or_party_text():
    assert match_agreement(agreement(), AGREEMENT_GOLD)
    gold = {**AGREEMENT_GOLD, "keywords": ["Gazprom", "partnership"]}
    assert not match_agreement(agreement(), gold)
    parties = [actor("RUS", text="GAZPROM"), actor("CHN", text="CNPC")]
    assert match_agreement(agreement(parties=parties), gold)


def test_agreement_kind_countries_and_signed_window():
    assert not match_agreement(agreement(kind="declaration"), AGREEMENT_GOLD)
    assert not match_agreement(agreement(parties=[actor("CHN", text="China")]), AGREEMENT_GOLD)
    more = [actor("CHN"), actor("RUS"), actor(org="SCO")]
    assert match_agreement(agreement(parties=more), AGREEMENT_GOLD)
    assert not match_agreement(agreement(signed="2023-03-22"), AGREEMENT_GOLD)
    assert not match_agreement(agreement(signed=None), AGREEMENT_GOLD)
    assert match_agreement(agreement(signed=None), {**AGREEMENT_GOLD, "signed_optional": True})


# --- stances -------------------------------------------------------------------------------------------------------

STANCE_GOLD = {"holders": ["CHN", "RUS"], "polarity": "oppose", "target": ["NATO", "North Atlantic"]}


def stance(holders=("RUS",), polarity="oppose", target="further NATO enlargement"):
    return {"holders": [actor(h) for h in holders], "polarity": polarity, "target": target}


def test_stance_holders_need_one_shared_key():
    assert match_stance(stance(("RUS",)), STANCE_GOLD)
    assert match_stance(stance(("KAZ", "CHN")), STANCE_GOLD)
    assert not match_stance(stance(("USA",)), STANCE_GOLD)
    assert not match_stance(stance(()), STANCE_GOLD)


def test_stance_polarity_and_one_target_keyword():
    assert not match_stance(stance(polarity="support"), STANCE_GOLD)
    assert match_stance(stance(target="the north atlantic alliance"), STANCE_GOLD)
    assert not match_stance(stance(target="AUKUS"), STANCE_GOLD)
    assert not match_stance(stance(target=None), STANCE_GOLD)


# --- figures -------------------------------------------------------------------------------------------------------

def figure(**fields):
    base = {"indicator": "trade", "reporter": "CHN", "partner": "RUS", "period": "2024", "value": 244.81,
            "unit": "USD bn", "change_pct": 1.9}
    return {**base, **fields}


FIGURE_GOLD = figure()


def test_periods_compare_as_month_spans():
    assert month_span("2025-H1") == month_span("2025-01/2025-06") == ("2025-01", "2025-06")
    assert month_span("2024-Q2") == ("2024-04", "2024-06")
    assert month_span("2024") == month_span("2024-01/2024-12")
    assert month_span("2024-03") == ("2024-03", "2024-03")
    assert month_span("2023/2024") == ("2023-01", "2024-12")
    assert month_span("2024-H1") != month_span("2024-Q2")
    assert month_span(None) is None
    h1 = figure(period="2025-H1", change_pct=None)
    assert match_figure(figure(period="2025-01/2025-06", change_pct=None), h1)
    assert not match_figure(figure(period="2025-01/2025-07", change_pct=None), h1)
    assert not match_figure(figure(period=None), FIGURE_GOLD)


def test_values_are_scaled_by_unit_before_comparing():
    assert scaled(47.16, "USD bn") == ("usd", pytest.approx(4.716e10))
    assert scaled(47160, "USD mn")[1] == pytest.approx(4.716e10)
    assert scaled(3, "US$ tn") == ("usd", 3e12)
    assert scaled(3, "$bn") == ("usd", 3e9)
    assert scaled(5, "t mn") == ("t", 5e6)
    assert scaled(38, "bcm") == ("bcm", 38.0)
    gold = figure(value=47.16, unit="USD bn", change_pct=None)
    assert match_figure(figure(value=47160, unit="USD mn", change_pct=None), gold)
    assert match_figure(figure(value=47.6, unit="US$ bn", change_pct=None), gold)      # within 1%
    assert not match_figure(figure(value=47.7, unit="USD bn", change_pct=None), gold)  # beyond 1%
    assert not match_figure(figure(value=47.16, unit="CNY bn", change_pct=None), gold)
    assert not match_figure(figure(value=None, change_pct=None), gold)
    assert match_figure(figure(value=None, change_pct=None), figure(value=None, change_pct=None))
    assert match_figure(figure(value=1.0, change_pct=None), figure(value=None, change_pct=None))


def test_change_tolerance_defaults_to_005_and_null_must_stay_null():
    assert match_figure(figure(change_pct=1.94), FIGURE_GOLD)
    assert match_figure(figure(change_pct=1.86), FIGURE_GOLD)
    assert not match_figure(figure(change_pct=1.96), FIGURE_GOLD)
    assert match_figure(figure(change_pct=2.4), {**FIGURE_GOLD, "tolerance": 0.5})
    assert not match_figure(figure(change_pct=None), FIGURE_GOLD)
    assert not match_figure(figure(change_pct=1.9), figure(change_pct=None))


def test_figure_indicator_reporter_and_partner_must_agree():
    assert not match_figure(figure(indicator="exports"), FIGURE_GOLD)
    assert not match_figure(figure(reporter="RUS", partner="CHN"), FIGURE_GOLD)
    assert not match_figure(figure(partner=None), FIGURE_GOLD)
    assert match_figure(figure(partner=None), figure(partner=None))


# --- people and forecasts ------------------------------------------------------------------------------------------

def test_person_name_folds_case_and_accents():
    gold = {"name": "Sergei Lavrov", "country": "RUS", "role": ["foreign minister", "minister of foreign"]}
    assert fold("Sérgeï LAVROV") == "sergei lavrov"
    assert match_person({"name": "SERGEÏ Lavróv", "country": "RUS", "role": "Russian Foreign Minister"}, gold)
    assert not match_person({"name": "Sergey Lavrov", "country": "RUS", "role": "foreign minister"}, gold)
    assert not match_person({"name": "Sergei Lavrov", "country": None, "role": "foreign minister"}, gold)
    assert not match_person({"name": "Sergei Lavrov", "country": "RUS", "role": "diplomat"}, gold)
    assert not match_person({"name": "Sergei Lavrov", "country": "RUS", "role": None}, gold)


def test_forecast_needs_every_keyword():
    gold = {"keywords": ["Power of Siberia 2", "this year"]}
    assert match_forecast({"text": "A contract on power of Siberia 2 may be signed THIS YEAR."}, gold)
    assert not match_forecast({"text": "A contract on Power of Siberia 2 may be signed soon."}, gold)
    assert match_forecast({"text": "Anything"}, {"keywords": []})


# --- grounding and matching ----------------------------------------------------------------------------------------

TEXT = "Putin met Xi in Moscow. They signed two statements."


def test_grounding_needs_the_exact_slice():
    assert is_grounded({"evidence": evidence("Putin met Xi in Moscow.")}, TEXT)
    assert not is_grounded({"evidence": evidence("Putin met Xi in Moscow", 1)}, TEXT)
    assert not is_grounded({"evidence": {"start": 0, "end": 0, "text": ""}}, TEXT)
    assert not is_grounded({"evidence": {"start": 0, "end": 999, "text": TEXT}}, TEXT)
    assert not is_grounded({}, TEXT)


def forecast(text, ev_start=0, ev_text="Putin met Xi in Moscow."):
    return {"text": text, "evidence": evidence(ev_text, ev_start)}


def test_required_gold_items_win_a_shared_prediction():
    gold = [{"id": "extra", "keywords": ["Xi"], "optional": True}, {"id": "needed", "keywords": ["Xi", "Putin"]}]
    score = score_kind("forecasts", [forecast("Putin met Xi")], gold, TEXT)
    assert (score.gold, score.hits, score.matched, score.missed) == (1, 1, 1, [])
    assert score.recall == 1.0 and score.precision == 1.0


def test_matching_is_maximum_not_greedy():
    gold = [{"id": "a", "keywords": ["Xi"]}, {"id": "b", "keywords": ["Putin"]}]
    # A greedy pass would give the first prediction to "a" and leave "b" without one.
    preds = [forecast("Putin met Xi"), forecast("Xi spoke")]
    score = score_kind("forecasts", preds, gold, TEXT)
    assert (score.hits, score.matched, score.missed, score.false_positives) == (2, 2, [], [])


def test_duplicates_and_ungrounded_predictions_cost_precision():
    gold = [{"id": "a", "keywords": ["Xi"]}, {"id": "opt", "keywords": ["statements"], "optional": True}]
    preds = [forecast("Xi"), forecast("Xi again"), forecast("Xi", ev_start=3), forecast("two statements")]
    score = score_kind("forecasts", preds, gold, TEXT)
    assert (score.gold, score.pred, score.grounded, score.hits, score.matched) == (1, 4, 3, 1, 2)
    assert score.precision == 0.5
    assert [p["text"] for p in score.false_positives] == ["Xi again", "Xi"]


def test_missed_items_are_named_by_id_or_name():
    gold = [{"name": "Igor Morgulov", "country": "RUS", "role": ["ambassador"]}]
    assert score_kind("people", [], gold, TEXT).missed == ["Igor Morgulov"]


# --- gold files and the command ------------------------------------------------------------------------------------

def write_gold(folder: Path, name: str, document: str, **kinds) -> Path:
    path = folder / name
    path.write_text(json.dumps({"document": document, "published": "2024-05-16", **kinds}), encoding="utf-8")
    return path


def test_load_gold_resolves_the_document_beside_the_gold_file(tmp_path):
    path = write_gold(tmp_path, "a.gold.json", "a.txt", events=[{"actors": ["CHN", "RUS"], "cameo": "04"}])
    gold = load_gold(path)
    assert gold.document == tmp_path / "a.txt"
    assert gold.published == "2024-05-16"
    assert gold.items["events"][0]["cameo"] == ["04"]
    bad = write_gold(tmp_path, "b.gold.json", "a.txt", stances=[{"polarity": "oppose"}])
    with pytest.raises(ReadError, match=r"b.gold.json: stances\[0\] has no target, holders"):
        load_gold(bad)


def test_unreadable_gold_files_exit_2_and_the_rest_are_scored(cli, tmp_path):
    (tmp_path / "talks.txt").write_text("Xi Jinping held talks with Vladimir Putin in Beijing on 16 May 2024.\n")
    good = write_gold(tmp_path, "good.gold.json", "talks.txt",
                      forecasts=[{"id": "never-found", "keywords": ["no such words anywhere"]}])
    broken = tmp_path / "broken.gold.json"
    broken.write_text('{"document": "talks.txt", ', encoding="utf-8")
    orphan = write_gold(tmp_path, "orphan.gold.json", "gone.txt")
    result = cli("eval", broken, good, orphan)
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert len(errors) == 2
    assert errors[0].startswith(f"bilat: {broken}: not valid JSON")
    assert errors[1] == f"bilat: {orphan}: document {tmp_path / 'gone.txt'}: no such file"
    assert "good.gold.json missed: forecasts:never-found" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("overall recall 0.00 precision")
    assert "Traceback" not in result.stdout + result.stderr


def test_min_f1_and_kind_filter(cli, tmp_path):
    (tmp_path / "talks.txt").write_text("Xi Jinping held talks with Vladimir Putin in Beijing on 16 May 2024.\n")
    good = write_gold(tmp_path, "good.gold.json", "talks.txt",
                      forecasts=[{"id": "never-found", "keywords": ["no such words anywhere"]}])
    assert cli("eval", good, "--min-f1", "0.5").exit_code == 1
    result = cli("eval", good, "--kind", "forecasts", "--json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["kinds"] == ["forecasts"]
    assert report["totals"]["forecasts"]["gold"] == 1
    assert report["overall"]["recall"] == 0.0


def score_py_json(gold_files) -> dict:
    """What the reference scorer reports. Its --json output is one JSON object followed by its table, after a
    'FAILED' line for any document whose bilat run failed: then there is nothing to compare."""
    command = f"{sys.executable} -m bilat"
    run = subprocess.run([sys.executable, str(SCORE_PY), *map(str, gold_files), "--bilat", command, "--json"],
                         capture_output=True, text=True, timeout=900, check=True)
    failed = [line for line in run.stdout.splitlines() if ": FAILED: " in line]
    assert not failed, "\n".join(failed)
    report, _ = json.JSONDecoder().raw_decode(run.stdout)
    return report


@pytest.mark.skipif(not SCORE_PY.exists(), reason="../shared/eval/score.py is not here")
# Two documents (a PDF and an HTML page) keep this affordable: score.py starts two processes per document.
@pytest.mark.parametrize("gold_file", [DEMO / "analysis-partnership-2025.gold.json",
                                       DEMO / "china-russia-trade-2023.gold.json"],
                         ids=lambda p: p.name.split(".")[0])
def test_eval_agrees_with_the_reference_scorer_on_the_demo(cli, gold_file):
    # One file at a time, the two scorers back to back: the extractors are edited while tests run, and both
    # must see the same code.
    reference = score_py_json([gold_file])
    result = cli("eval", gold_file, "--json")
    assert result.exit_code == 0, result.stderr
    ours = json.loads(result.stdout)
    [doc] = ours["documents"]
    theirs = reference["documents"][gold_file.name]
    for kind, score in doc["kinds"].items():
        expected = theirs[kind]
        assert (score["gold"], score["pred"], score["grounded"]) == \
               (expected["gold"], expected["pred"], expected["grounded"]), kind
        assert len(score["missed"]) == len(expected["missed"]), kind
        assert score["recall"] == pytest.approx(expected["recall"]), kind
        if score["pred"]:  # score.py says 0.0 rather than "undefined" when nothing was predicted
            assert score["precision"] == pytest.approx(expected["precision"]), kind
    for kind, total in ours["totals"].items():
        expected = reference["totals"][kind]
        assert (total["gold"], total["pred"]) == (expected["gold"], expected["pred"]), kind
        assert total["hits"] == pytest.approx(expected["hit"]), kind
        assert total["matched"] == pytest.approx(expected["correct"]), kind


def test_eval_prints_a_table_and_the_overall_line(cli):
    result = cli("eval", *sorted(DEMO.glob("*.gold.json")), "-v")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["kind", "gold", "pred", "recall", "prec", "F1"]
    assert [line.split()[0] for line in lines[1:7]] == ["events", "agreements", "stances", "figures", "people",
                                                        "forecasts"]
    assert lines[-1].startswith("overall recall ") and " F1 " in lines[-1] and " grounded " in lines[-1]
