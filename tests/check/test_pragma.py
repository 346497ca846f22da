"""The inline pragma 'tanon: allow' accepts the names on its line, in every format."""
import json

from tests.check.conftest import RAW, docx_bytes, located


def test_pragma_accepts_only_its_own_line(repo, tanon):
    text = RAW.replace("Interview 3 - Priya Raman\n", "Interview 3 - Priya Raman   # tanon: allow (consented)\n")
    (repo / "p.txt").write_text(text, encoding="utf-8")
    run = tanon("check", "p.txt")
    assert run.code == 1
    assert [line.split(": ")[0] for line in run.out.splitlines()] == ["p.txt:5:1", "p.txt:5:26"]
    assert "accepted: 0 by the baseline, 1 by 'tanon: allow'" in run.err


def test_pragma_on_every_line_with_names_passes(repo, tanon):
    text = "".join(line + ("  [tanon: allow]" if "Priya" in line else "") + "\n" for line in RAW.splitlines())
    (repo / "p.txt").write_text(text, encoding="utf-8")
    assert tanon("check", "p.txt").code == 0


def test_vtt_note_before_a_cue_accepts_that_cue(repo, tanon):
    vtt = (
        "WEBVTT\n\n"
        "NOTE tanon: allow\n\n"
        "00:00:01.000 --> 00:00:04.000\nPriya Raman: welcome to the call.\n\n"
        "00:00:05.000 --> 00:00:08.000\nDaniel Okafor: thanks for having me.\n"
    )
    (repo / "call.vtt").write_text(vtt, encoding="utf-8")
    run = tanon("check", "call.vtt")
    assert run.code == 1
    assert located(run.out) == ["call.vtt:9:1: PERSON 'D***'"]


def test_vtt_note_that_is_not_right_before_the_cue_does_nothing(repo, tanon):
    vtt = (
        "WEBVTT\n\n"
        "NOTE tanon: allow\n\n"
        "00:00:01.000 --> 00:00:04.000\nInterviewer: welcome to the call.\n\n"
        "00:00:05.000 --> 00:00:08.000\nDaniel Okafor: thanks for having me.\n"
    )
    (repo / "call.vtt").write_text(vtt, encoding="utf-8")
    assert tanon("check", "call.vtt").code == 1


def test_srt_cue_line_pragma(repo, tanon):
    srt = "1\n00:00:01,000 --> 00:00:03,000\nDaniel Okafor: hello (tanon: allow)\n\n" \
          "2\n00:00:04,000 --> 00:00:06,000\nInterviewer: thanks.\n"
    (repo / "call.srt").write_text(srt, encoding="utf-8")
    assert tanon("check", "call.srt").code == 0


def test_json_line_pragma(repo, tanon):
    doc = {"segments": [{"start": 0, "end": 2, "speaker": "Daniel Okafor", "text": "thanks, tanon: allow"}]}
    (repo / "call.json").write_text(json.dumps(doc), encoding="utf-8")  # one line: the whole file
    assert tanon("check", "call.json").code == 0


def test_docx_paragraph_pragma(repo, tanon):
    (repo / "call.docx").write_bytes(docx_bytes("Ines Valdemar: thanks. tanon: allow", "Martha Klein: hello."))
    run = tanon("check", "call.docx")
    assert run.code == 1 and run.out.startswith("call.docx:2:1: PERSON 'M***'")
