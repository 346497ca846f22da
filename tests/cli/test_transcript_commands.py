"""The tanon command, run in-process through main(argv) and as a real subprocess."""
from __future__ import annotations

import json
from pathlib import Path
import subprocess
import sys

import pytest


def test_cli_analyze_json_matches_the_api_shape(cli_main, example_path, capsys):
    assert cli_main(["analyze", str(example_path), "--json"]) == 0
    entities = json.loads(capsys.readouterr().out)["entities"]
    text = example_path.read_text(encoding="utf-8")
    surfaces = {text[e["start"]:e["end"]] for e in entities}
    assert {"Priya Raman", "Company Y"} <= surfaces
    assert all(set(e) == {"start", "end", "entity_type", "score", "recognizer", "reason", "line", "col"}
               for e in entities)


def test_cli_analyze_table(cli_main, example_path, capsys):
    assert cli_main(["analyze", str(example_path)]) == 0
    assert "speaker_name.v1" in capsys.readouterr().out


def test_cli_redact_to_file_with_report(cli_main, example_path, tmp_path, capsys):
    out, report = tmp_path / "out.txt", tmp_path / "report.json"
    assert cli_main(["redact", str(example_path), "-o", str(out), "--report", str(report)]) == 0
    redacted = out.read_text(encoding="utf-8")
    assert "Priya" not in redacted and "[Person 1]" in redacted
    doc = json.loads(report.read_text(encoding="utf-8"))
    assert doc["summary"]["entities_by_type"]["PERSON"] >= 2
    assert doc["engine"]["model"]
    assert "Priya" not in report.read_text(encoding="utf-8")  # reports never carry original text


def test_cli_redact_to_stdout(cli_main, example_path, capsys):
    assert cli_main(["redact", str(example_path)]) == 0
    assert capsys.readouterr().out.startswith("Interview 3 - [Person 1]")


def test_cli_refuses_to_overwrite_the_input(cli_main, example_path, capsys):
    assert cli_main(["redact", str(example_path), "-o", str(example_path)]) == 2
    assert "--in-place" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, message",
    [
        (b"caf\xe9 au lait", "not valid UTF-8"),
        ("Amin: hi".encode("utf-16-le"), "NUL byte"),
    ],
)
def test_cli_bad_input_names_the_file_and_exits_2(cli_main, tmp_path, capsys, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert cli_main(["analyze", str(path), "--json"]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and message in err


def test_cli_missing_file_exits_2(cli_main, tmp_path, capsys):
    assert cli_main(["redact", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_cli_installed_command_runs(example_path, tmp_path):
    """The console script works from a real process (model loaded from the installed package)."""
    out = tmp_path / "out.txt"
    result = subprocess.run(
        [sys.executable, "-c", "from service.cli import entry_point; entry_point()", "redact", str(example_path), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Priya" not in out.read_text(encoding="utf-8")


def test_cli_redact_keeps_the_file_format(cli_main, tmp_path, capsys):
    sample = Path(__file__).resolve().parents[1] / "formats" / "samples" / "zoom.vtt"
    out = tmp_path / "out.vtt"
    assert cli_main(["redact", str(sample), "-o", str(out)]) == 0
    redacted = out.read_text(encoding="utf-8")
    assert redacted.startswith("WEBVTT") and "Nora Lindqvist" not in redacted
    assert redacted.count("-->") == sample.read_text(encoding="utf-8").count("-->")


def test_cli_malformed_file_exits_2_and_writes_nothing(cli_main, tmp_path, capsys):
    bad = tmp_path / "bad.srt"
    bad.write_text("1\n00:00:02,000 --> 00:00:01,000\nAmin: reversed cue\n", encoding="utf-8")
    out = tmp_path / "out.srt"
    assert cli_main(["redact", str(bad), "-o", str(out)]) == 2
    assert str(bad) in capsys.readouterr().err
    assert not out.exists()


SAMPLES = Path(__file__).resolve().parents[1] / "formats" / "samples"


def test_cli_analyze_reads_vtt_as_vtt_with_file_positions(cli_main, capsys):
    sample = SAMPLES / "zoom.vtt"
    assert cli_main(["analyze", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "WEBVTT" not in out
    # "Nora Lindqvist" opens line 5 of the file; "Martha Klein" opens line 22.
    assert f"{sample}:5:1: PERSON 'Nora Lindqvist'" in out
    assert f"{sample}:22:1: PERSON 'Martha Klein'" in out


def test_cli_analyze_json_gives_transcript_offsets_and_file_positions(cli_main, capsys):
    sample = SAMPLES / "zoom.vtt"
    assert cli_main(["analyze", str(sample), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["format"] == "vtt"
    first = doc["entities"][0]
    assert (first["line"], first["col"]) == (5, 1)
    assert first["start"] == 0 and first["end"] == len("Nora Lindqvist")  # offsets into the transcript text


def test_cli_analyze_reads_docx(cli_main, tmp_path, capsys):
    from tests.builders import docx_bytes

    path = tmp_path / "notes.docx"
    path.write_bytes(docx_bytes("Interview notes", "I joined Halvorsen Dairy with Marit Lindqvist in spring."))
    assert cli_main(["analyze", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"{path}:2:" in out and "'Marit Lindqvist'" in out


def test_cli_analyze_format_option(cli_main, tmp_path, capsys):
    path = tmp_path / "call.dat"
    path.write_bytes((SAMPLES / "otter_export.txt").read_bytes())
    assert cli_main(["analyze", str(path), "--format", "otter", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "otter"
    assert cli_main(["analyze", str(path), "--format", "srt"]) == 2
    assert str(path) in capsys.readouterr().err
