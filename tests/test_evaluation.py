"""`tanon eval` computes the same figures as the reference scorer in shared/eval."""
from __future__ import annotations

import importlib.util
import json

import pytest

from service.evaluation import Scores, evaluate
from tests.conftest import SHARED_EVAL


def _reference_scorer():
    path = SHARED_EVAL / "score.py"
    if not path.exists():
        pytest.skip("shared/eval is not present on this machine")
    spec = importlib.util.spec_from_file_location("reference_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_evaluation_agrees_with_the_reference_scorer_on_dev(engine, dev_docs):
    reference = _reference_scorer()
    from service.report import entity_rows

    predictions = [entity_rows(a) for a in engine.analyze_many(d["text"] for d in dev_docs)]
    expected = reference.score(dev_docs, predictions, verbose=True)
    ours = evaluate(engine, dev_docs, verbose=True)
    for key in ("R_direct", "R_all", "P_tok", "keep_ph", "per_label"):
        assert ours[key] == expected[key], key
    assert [tuple(m) for m in ours["misses"]] == [tuple(m) for m in expected["misses"]]


def test_evaluation_metric_on_hand_built_predictions():
    doc = {
        "id": "x",
        "text": "Sarah Chen works at Company Y with Bob.",
        "entities": [
            {"start": 0, "end": 10, "label": "PERSON", "text": "Sarah Chen"},
            {"start": 20, "end": 29, "label": "PLACEHOLDER", "text": "Company Y"},
            {"start": 35, "end": 38, "label": "PERSON", "text": "Bob"},
        ],
    }
    scores = Scores()
    # half of "Sarah Chen" is a leak; "works" is a false token; Bob is found
    scores.add(doc, [{"start": 0, "end": 5, "entity_type": "PERSON"}, {"start": 11, "end": 16, "entity_type": "ORG"},
                     {"start": 35, "end": 38, "entity_type": "PERSON"}])
    result = scores.summary()
    assert result["R_direct"] == 0.5
    assert result["P_tok"] == round(2 / 3, 4)
    assert result["keep_ph"] == 1.0


def _merged(text, gold, predicted):
    doc = {"id": "x", "text": text,
           "entities": [{"start": text.index(g), "end": text.index(g) + len(g), "label": "ORG", "text": g} for g in gold]}
    scores = Scores()
    scores.add_consistency(doc, [{"start": text.index(p), "end": text.index(p) + len(p), "entity_type": "ORG",
                                  "surrogate": s} for p, s in predicted])
    return scores.merged


def test_evaluation_merged_counts_forms_that_share_no_word():
    text = "Brenlow Bank hired me. Then Quorvane Health. Later Quor vane again."
    # Two organizations with one surrogate: merged.
    assert _merged(text, ["Brenlow Bank", "Quorvane Health"], [("Brenlow Bank", "A"), ("Quorvane Health", "A")]) == 1
    # One organization, the second time written as two words by the transcriber: not merged.
    assert _merged(text, ["Quorvane Health", "Quor vane"], [("Quorvane Health", "A"), ("Quor vane", "A")]) == 0


def test_cli_eval_prints_figures(cli_main, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Amin: I work at Netflix.", "entities": [
        {"start": 0, "end": 4, "label": "PERSON", "text": "Amin"}]}) + "\n", encoding="utf-8")
    assert cli_main(["eval", str(gold), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["R_direct"] == 1.0 and result["per_label"] == {"PERSON": "1/1"}


def test_cli_eval_bad_gold_line_is_exit_2(cli_main, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "x", "entities": []}\nnot json\n', encoding="utf-8")
    assert cli_main(["eval", str(gold)]) == 2
    assert f"{gold}:2" in capsys.readouterr().err
