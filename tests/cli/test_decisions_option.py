"""tanon redact --decisions: a reviewer's decisions replay through the same path as the page."""
from __future__ import annotations

import json
import re

import pytest

from service import formats
from tests.builders import decisions_json
from tests.conftest import REPO

CALL = REPO / "examples" / "team_call.vtt"
TIMING = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> .*$", re.MULTILINE)



@pytest.fixture
def call(tmp_path):
    path = tmp_path / "team_call.vtt"
    path.write_bytes(CALL.read_bytes())
    return path


def text_of(data: bytes) -> str:
    return formats.read(data, format="vtt").text


def test_redact_with_decisions_rejects_accepts_and_adds(cli_main, call, tmp_path, engine, capsys):
    data = call.read_bytes()
    text = text_of(data)
    (suggestion, *_) = engine.analyze(text).suggestions
    suggested = text[suggestion.start:suggestion.end]
    doc = json.loads(decisions_json(
        data, "vtt", text,
        ("Tableau", "reject", "PRODUCT", {"reviewer": "A. Reviewer", "time": "2025-05-06T07:08:09Z"}),
        ("quillory", "add", "ORGANIZATION", {"remember": True}),
    ))
    doc["decisions"].insert(0, {"start": suggestion.start, "end": suggestion.end, "action": "accept",
                                "entity_type": suggestion.entity_type})
    decisions = tmp_path / "review.json"
    decisions.write_text(json.dumps(doc))
    out, report = tmp_path / "out.vtt", tmp_path / "report.json"
    assert cli_main(["redact", str(call), "--decisions", str(decisions), "-o", str(out), "--report", str(report)]) == 0
    redacted = out.read_text(encoding="utf-8")
    assert "Tableau" in redacted  # rejected: stays as written
    assert "quillory" not in redacted  # added: replaced
    assert TIMING.findall(redacted) == TIMING.findall(data.decode("utf-8"))
    plain = cli_main(["redact", str(call), "-o", str(tmp_path / "plain.vtt")])
    assert plain == 0 and "Tableau" not in (tmp_path / "plain.vtt").read_text(encoding="utf-8")
    # the accepted suggestion is replaced where it stood
    line = next(l for l in data.decode("utf-8").splitlines() if suggested in l)
    assert line not in redacted
    review = json.loads(report.read_text(encoding="utf-8"))["review"]
    assert [(r["tier"], r["action"]) for r in review["decisions"]] == [
        ("suggestion", "accept"), ("finding", "reject"), ("added", "add")]
    assert review["decisions"][1]["reviewer"] == "A. Reviewer" and review["decisions"][1]["surrogate"] is None
    assert re.fullmatch(r"\[Company [A-Z]\]", review["decisions"][2]["surrogate"])
    # never the original text in the ordinary record
    assert "quillory" not in json.dumps(review) and "Tableau" not in json.dumps(review)
    # the same decisions give the same bytes
    again = tmp_path / "again.vtt"
    assert cli_main(["redact", str(call), "--decisions", str(decisions), "-o", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_redact_refuses_decisions_made_on_another_file(cli_main, call, tmp_path, capsys):
    data = call.read_bytes()
    decisions = tmp_path / "review.json"
    decisions.write_text(decisions_json(data, "vtt", text_of(data), ("Tableau", "reject", "PRODUCT")))
    call.write_bytes(data.replace(b"harsh", b"fair"))
    capsys.readouterr()
    assert cli_main(["redact", str(call), "--decisions", str(decisions)]) == 2
    captured = capsys.readouterr()
    assert "made on another file" in captured.err and captured.out == ""


@pytest.mark.parametrize(
    "content, message",
    [
        ("{}", "not a decisions document: version: Field required"),
        ('{"version": 1, "document": {"sha256": "' + "0" * 64 + '", "format": "vtt"}, "decisions": []', "not a decisions document"),
    ],
)
def test_redact_refuses_a_broken_decisions_file(cli_main, call, tmp_path, capsys, content, message):
    decisions = tmp_path / "review.json"
    decisions.write_text(content)
    assert cli_main(["redact", str(call), "--decisions", str(decisions)]) == 2
    err = capsys.readouterr().err
    assert str(decisions) in err and message in err


def test_redact_refuses_a_decision_outside_the_text(cli_main, call, tmp_path, capsys):
    data = call.read_bytes()
    doc = json.loads(decisions_json(data, "vtt", text_of(data), ("Tableau", "reject", "PRODUCT")))
    doc["decisions"][0].update(start=100_000, end=100_010)
    decisions = tmp_path / "review.json"
    decisions.write_text(json.dumps(doc))
    assert cli_main(["redact", str(call), "--decisions", str(decisions)]) == 2
    assert "decisions: decision 1: span 100000-100010 is outside the transcript text" in capsys.readouterr().err
