"""Layouts through the whole path (read -> engine -> write): labels stay labels, names in
labels and headers are pseudonymized like the same names in the speech."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from service.pipeline import analyze_document, redact_document

SAMPLES = Path(__file__).resolve().parent / "formats" / "samples"
MAX = 1_000_000


def _redact(engine, data: bytes, name: str, format: str | None = None):
    return redact_document(engine, data, name=name, format=format, max_bytes=MAX)


def _surrogate_at(out: str, before: str, after: str) -> str:
    match = re.search(re.escape(before) + r"(\[[A-Za-z]+ \w+\])" + re.escape(after), out)
    assert match, (before, after)
    return match.group(1)


def test_otter_export_redacted_with_preamble_and_labels(engine):
    data = (SAMPLES / "otter_export.txt").read_bytes()
    document = _redact(engine, data, "call.txt")
    assert document.format == "otter"
    out = document.data.decode()
    lisbeth = _surrogate_at(out, "Product discovery call with ", "\n")
    idris = _surrogate_at(out, "SPEAKERS\n" + lisbeth + ", Speaker 1, ", "\n")
    company = _surrogate_at(out, "close at ", ".")
    assert len({lisbeth, idris, company}) == 3
    original = data.decode()
    expected = (original.replace("Lisbeth Arkwright", lisbeth).replace("Idris Mwangi", idris)
                .replace("Brackenridge Supply", company).replace("Lisbeth", lisbeth).replace("lisbeth", lisbeth)
                .replace("Idris", idris))
    assert out == expected


LABELS = """SPEAKER_00: Thanks for coming in today, Okonkwo. How did you start?
SPEAKER_01: I started at Pellucid Foods, my manager Tamsin Okafor hired me.
[SPEAKER_00] And what happened next?
Speaker A: Then I moved teams.
Speaker 1: Right.
P4: I had no idea.
P 4: Me neither.
R: Yes.
I: Okay.
Int: So tell me more.
Resp: Sure.
IV: Anything else?
Interviewer 2: Yes.
Participant 3: No.
Moderator: Thanks.
Unknown Speaker: Hello?
"""


def test_generic_labels_are_never_replaced_or_reported(engine):
    document = _redact(engine, LABELS.encode(), "labels.txt")
    out = document.data.decode()
    for original, redacted in zip(LABELS.splitlines(), out.splitlines()):
        label = re.match(r"\[?[\w ]+?\]?(?=:| )", original).group()
        assert redacted.startswith(label), (original, redacted)
    assert "Okonkwo" not in out and "Tamsin Okafor" not in out and "Pellucid Foods" not in out
    assert out.splitlines()[13] == "Participant 3: No."
    replaced = [document.transcript.text[d.start:d.end] for d in document.redaction.decisions
                if d.operator != "keep"]
    assert sorted(replaced) == ["Okonkwo", "Pellucid Foods", "Tamsin Okafor"]


def test_name_labels_share_the_surrogate_of_the_body_mentions(engine):
    text = ("Amin: Hi, I'm Amin, I run the bakery.\n"
            "Interviewer Jane: Thanks Amin. Jane here, from the council.\n"
            "Amin: Nice to meet you, Jane.\n")
    out = _redact(engine, text.encode(), "t.txt").data.decode()
    amin = _surrogate_at(out, "", ": Hi, I'm ")
    jane = _surrogate_at(out, "Interviewer ", ": Thanks ")
    assert amin != jane
    assert out == text.replace("Amin", amin).replace("Jane", jane)


@pytest.mark.parametrize("line", ["Jane Doe  1:42", "Jane Doe (00:01:42):", "[00:01:42] Jane Doe:"])
def test_timestamps_are_never_part_of_a_label_name(engine, line):
    text = f"{line}\nI moved to the coast with Omar Haddad.\n\nJane Doe said hello.\n"
    document = _redact(engine, text.encode(), "t.txt", format="text")
    out = document.data.decode()
    jane = _surrogate_at(out, "\n\n", " said hello.")
    assert out.splitlines()[0] == line.replace("Jane Doe", jane)


def test_interview_headers_keep_keys_and_replace_name_values(engine):
    text = ("Interview 5 - Amin\n"
            "Interviewee: Jane Doe (Northwind)\n"
            "Transcriber: Omar Haddad\n"
            "Date: 3 March 2024\n"
            "Duration: 45 min\n"
            "Kind: captions\n"
            "Language: en\n"
            "\n"
            "Respondent: Absolutely.\n"
            "Interviewer: Jane, did Amin and Omar Haddad join you?\n")
    document = _redact(engine, text.encode(), "header.txt")
    out = document.data.decode().splitlines()
    amin = _surrogate_at(out[0], "Interview 5 - ", "")
    jane = _surrogate_at(out[1], "Interviewee: ", " (")
    omar = _surrogate_at(out[2], "Transcriber: ", "")
    assert len({amin, jane, omar}) == 3
    assert out[3:9] == ["Date: 3 March 2024", "Duration: 45 min", "Kind: captions", "Language: en", "",
                        "Respondent: Absolutely."]
    assert out[9] == f"Interviewer: {jane}, did {amin} and {omar} join you?"


def test_whisperx_json_speaker_ids_are_kept(engine):
    data = (SAMPLES / "whisperx.json").read_bytes()
    document = _redact(engine, data, "call.json")
    out = json.loads(document.data)
    segments = out["segments"]
    assert segments[0]["speaker"] == "SPEAKER_00"
    assert {w["speaker"] for w in segments[0]["words"]} == {"SPEAKER_00"}
    person = segments[1]["speaker"]
    assert re.fullmatch(r"\[Person \d+\]", person)
    assert person in segments[0]["text"]
    assert all(d.entity_type != "PERSON" or "SPEAKER" not in document.transcript.text[d.start:d.end]
               for d in document.redaction.decisions)


def test_vtt_voice_labels_that_are_roles_are_kept(engine):
    data = (b"WEBVTT\nKind: captions\nLanguage: en\n\n"
            b"00:00:01.000 --> 00:00:04.000\n<v SPEAKER_00>Did you stay at Halvorsen Dairy?\n\n"
            b"00:00:04.500 --> 00:00:07.000\n<v Unknown Speaker>Yes, with Marit Lindqvist.\n")
    out = _redact(engine, data, "call.vtt").data.decode()
    assert "<v SPEAKER_00>Did you stay at [" in out
    assert "<v Unknown Speaker>Yes, with [Person" in out
    transcript, analysis = analyze_document(engine, data, name="call.vtt", max_bytes=MAX)
    assert all(transcript.text[d.start:d.end] not in ("WEBVTT", "Kind") for d in analysis.decisions)
