"""The command line meets odd files and first-time mistakes: a clear message and exit 2,
never a traceback, and the other files still checked."""
from __future__ import annotations

import os
import pty
import subprocess
import sys

import pytest

from service.config import get_settings
from tests.builders import docx_bytes

SPEECH = "Interviewer: Thanks for coming.\nDana Whitlock: Glad to help, really.\n"
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDana Whitlock: hello from the lab\n"


@pytest.fixture
def tanon(cli_main, capsys):
    def run(*argv):
        code = cli_main([str(a) for a in argv])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_check_goes_on_after_a_file_it_cannot_read_and_exit_2_wins(tanon, tmp_path):
    broken = tmp_path / "a.json"
    broken.write_bytes(b'{"segments": [{"text": "Dana Whitlock \\ud800"}]}')
    fine = tmp_path / "b.vtt"
    fine.write_text(VTT, encoding="utf-8")
    code, out, err = tanon("check", broken, fine)
    assert code == 2
    assert f"{fine}:4:1: PERSON" in out  # the second file was still checked
    assert "unpaired UTF-16 surrogate" in err and "Whitlock" not in err


def test_an_empty_file_says_it_has_no_text(tanon, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = tanon("redact", empty, "-o", tmp_path / "out.txt")
    assert code == 0 and "no text in this file" in err
    code, out, err = tanon("analyze", empty)
    assert code == 0 and "no text in this file" in err


def test_a_file_name_at_the_file_system_limit_is_written(tanon, tmp_path):
    source = tmp_path / "in.txt"
    source.write_text(SPEECH, encoding="utf-8")
    target = tmp_path / ("o" * 251 + ".txt")
    code, out, err = tanon("redact", source, "-o", target)
    assert code == 0, err
    assert "Whitlock" not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("name, content, reason", [
    ("slides.pdf", b"%PDF-1.7\n", "PDF is not supported: export the transcript as DOCX or TXT"),
    ("notes.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF is not supported"),
    ("call.rtf", b"{\\rtf1\\ansi Dana Whitlock}", "RTF is not supported"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64, "legacy Word .doc file"),
    ("call.odt", b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.text", "OpenDocument"),
])
def test_documents_that_are_not_transcripts_are_named_and_refused(tanon, tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = tanon("redact", path, "-o", tmp_path / "out")
    assert code == 2 and reason in err and "Whitlock" not in err
    assert not (tmp_path / "out").exists()


def test_an_unknown_project_creates_no_store_and_no_key(tanon, tmp_path, monkeypatch):
    for var in ("TANON_STORE_URL", "TANON_STORE_KEY", "TANON_STORE_KEY_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    get_settings.cache_clear()
    try:
        source = tmp_path / "in.txt"
        source.write_text(SPEECH, encoding="utf-8")
        code, out, err = tanon("analyze", "--project", "nosuch", source)
    finally:
        get_settings.cache_clear()
    assert code == 2 and "no project with that name or id" in err
    assert not (tmp_path / "xdg").exists() or not any((tmp_path / "xdg").rglob("*"))


def _run_on_a_terminal(argv: list[str], cwd) -> tuple[int, bytes]:
    """Run ``tanon`` with its stdout on a pseudo-terminal (as in an interactive shell)."""
    controller, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "service", *argv], stdout=terminal, stderr=subprocess.PIPE,
                               cwd=cwd)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    _, err = process.communicate(timeout=120)
    os.close(controller)
    return process.returncode, shown + err


def test_redact_refuses_to_write_a_word_file_to_a_terminal(tmp_path):
    source = tmp_path / "call.docx"
    source.write_bytes(docx_bytes("Interviewer: Thanks.", "Dana Whitlock: Glad to help."))
    code, shown = _run_on_a_terminal(["redact", str(source)], tmp_path)
    assert code == 2 and b"not writing it to the terminal" in shown and b"PK\x03\x04" not in shown
    redirected = subprocess.run([sys.executable, "-m", "service", "redact", str(source)], capture_output=True,
                                timeout=300, cwd=tmp_path)
    assert redirected.returncode == 0 and redirected.stdout.startswith(b"PK\x03\x04")
