"""tanon check in-process: findings on stdout (masked), messages on stderr, exit 0/1/2."""
import json

import pytest

from tests.check.conftest import CLEAN, RAW, RAW_NAMES, docx_bytes, located


def no_names(*texts: str) -> bool:
    return not any(name.lower() in text.lower() for text in texts for name in RAW_NAMES)


def test_raw_transcript_fails_with_masked_findings(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    run = tanon("check", "raw.txt")
    assert run.code == 1
    assert located(run.out) == [
        "raw.txt:1:15: PERSON 'P***'",
        "raw.txt:5:1: PERSON 'P***'",
        "raw.txt:5:26: ORGANIZATION 'N***'",
    ]
    assert "1 file with names, 3 findings (1 file checked)" in run.err
    assert "Possible mitigations:" in run.err and "tanon redact-in-place" in run.err
    assert "--update-baseline" in run.err and "tanon: allow" in run.err and "allow:" in run.err
    assert no_names(run.out, run.err)


def test_show_prints_the_names(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    run = tanon("check", "--show", "raw.txt")
    assert run.code == 1
    assert "raw.txt:5:26: ORGANIZATION 'Northwind Analytics Inc.'" in located(run.out)
    assert no_names(run.err)  # only the findings carry names


def test_clean_and_redacted_transcripts_pass(repo, tanon):
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    assert tanon("redact", "raw.txt", "-o", "redacted.txt").code == 0
    run = tanon("check", "clean.txt", "redacted.txt")
    assert (run.code, run.out) == (0, "")
    assert "0 files with names, 0 findings (2 files checked)" in run.err
    assert "mitigations" not in run.err


def test_placeholders_are_not_findings(repo, tanon):
    (repo / "ph.txt").write_text("Participant 4: I moved from Company X to [CLIENT] and University Y.\n",
                                 encoding="utf-8")
    assert tanon("check", "ph.txt").code == 0


def test_docx_findings_name_the_paragraph(repo, tanon):
    (repo / "call.docx").write_bytes(docx_bytes("Interview 7", "Interviewer: Welcome.", "Ines Valdemar: Thanks."))
    run = tanon("check", "call.docx")
    assert run.code == 1
    assert run.out.startswith("call.docx:3:1: PERSON 'I***'")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("missing.txt", None, "no such file"),
        ("latin1.txt", "café Priya".encode("latin-1"), "not valid UTF-8"),
        ("utf16.txt", "Amin: hi".encode("utf-16-le"), "NUL byte"),
        ("bad.vtt", b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nPriya Raman: hi\n", "malformed cue timing"),
        ("package.json", b'{"name": "x", "version": "1.0.0"}', "expected a list of segments"),
        ("dupes.json", b'{"segments": [], "segments": []}', "duplicate key"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "docx"),
    ],
)
def test_unreadable_files_exit_2_naming_the_file_and_the_reason(repo, tanon, name, content, reason):
    if content is not None:
        (repo / name).write_bytes(content)
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    run = tanon("check", name, "raw.txt")
    assert run.code == 2  # wins over the findings
    assert f"error: {name}" in run.err and reason in run.err
    assert "1 file could not be read" in run.err
    assert run.out.count("raw.txt:") == 3  # the other files are still checked
    assert no_names(run.err)


def test_a_directory_is_bad_input(repo, tanon):
    (repo / "interviews").mkdir()
    run = tanon("check", "interviews")
    assert run.code == 2 and "is a directory" in run.err


def test_fix_and_update_baseline_together_is_a_usage_error(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    assert tanon("check", "--fix", "--update-baseline", "raw.txt").code == 2
    assert (repo / "raw.txt").read_text(encoding="utf-8") == RAW


def test_json_transcript_findings(repo, tanon):
    doc = {"segments": [{"start": 0, "end": 2, "text": "Thanks, I worked with Samira Okafor in Rotterdam."}]}
    (repo / "call.json").write_text(json.dumps(doc, indent=2), encoding="utf-8")
    run = tanon("check", "--show", "call.json")
    assert run.code == 1
    lines = json.dumps(doc, indent=2).splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "Samira" in text)
    assert f"call.json:{line}:{lines[line - 1].index('Samira') + 1}: PERSON 'Samira Okafor'" in run.out
