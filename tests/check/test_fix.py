"""tanon redact-in-place (and check --fix): rewrite with pseudonyms, exit 1 when a file changed."""
from tests.check.conftest import CLEAN, RAW, RAW_NAMES, docx_bytes


def test_rewrites_then_is_idempotent(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    (repo / "clean.txt").write_text(CLEAN, encoding="utf-8")
    run = tanon("redact-in-place", "raw.txt", "clean.txt")
    assert run.code == 1 and run.out == ""
    assert "rewrote raw.txt: 3 names replaced with pseudonyms" in run.err and "clean.txt" not in run.err
    assert "1 file rewritten, 3 names replaced (2 files checked)" in run.err
    redacted = (repo / "raw.txt").read_text(encoding="utf-8")
    assert not any(name in redacted for name in RAW_NAMES)
    assert redacted.startswith("Interview 3 - [Person 1]\n") and "[Company A]" in redacted
    assert (repo / "clean.txt").read_text(encoding="utf-8") == CLEAN
    again = tanon("redact-in-place", "raw.txt", "clean.txt")
    assert again.code == 0 and "0 files rewritten" in again.err
    assert (repo / "raw.txt").read_text(encoding="utf-8") == redacted
    assert tanon("check", "raw.txt").code == 0


def test_check_fix_is_the_same_command(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    assert tanon("check", "--fix", "raw.txt").code == 1
    assert tanon("check", "raw.txt").code == 0


def test_what_check_accepts_stays_as_written(repo, tanon):
    text = RAW.replace("Interview 3 - Priya Raman\n", "Interview 3 - Priya Raman  # tanon: allow\n")
    (repo / "p.txt").write_text(text, encoding="utf-8")
    (repo / "b.txt").write_text(RAW, encoding="utf-8")
    tanon("check", "--update-baseline", "b.txt")
    assert tanon("redact-in-place", "p.txt", "b.txt").code == 1
    assert (repo / "b.txt").read_text(encoding="utf-8") == RAW  # baselined: untouched
    lines = (repo / "p.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "Interview 3 - Priya Raman  # tanon: allow"
    assert lines[4].startswith("[Person 1]: I worked at [Company A]")
    assert tanon("check", "p.txt", "b.txt").code == 0


def test_vtt_and_docx_in_place(repo, tanon):
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nDaniel Okafor: thanks for having me.\n"
    (repo / "call.vtt").write_text(vtt, encoding="utf-8")
    (repo / "call.docx").write_bytes(docx_bytes("Interviewer: Welcome.", "Ines Valdemar: Thanks."))
    assert tanon("redact-in-place", "call.vtt", "call.docx").code == 1
    assert (repo / "call.vtt").read_text(encoding="utf-8") == vtt.replace("Daniel Okafor", "[Person 1]")
    assert tanon("check", "call.vtt", "call.docx").code == 0


def test_unreadable_file_exit_2_and_nothing_written(repo, tanon):
    (repo / "bad.vtt").write_bytes(b"WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nPriya Raman: hi\n")
    run = tanon("redact-in-place", "bad.vtt")
    assert run.code == 2 and "error: bad.vtt" in run.err and "Priya" not in run.err
    assert (repo / "bad.vtt").read_bytes().startswith(b"WEBVTT\n\n00:00:01,000")
    assert sorted(p.name for p in repo.iterdir()) == [".git", "bad.vtt"]  # no temporary files left
