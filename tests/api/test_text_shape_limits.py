"""Pathological text is refused at the edge (413 / exit 2, with a line number and counts,
never content) before the engine runs; the URL pattern reads a long host run in linear time."""
from __future__ import annotations

import regex
import pytest

from service.config import Settings
from service.text_limits import TextLimits, TextShapeTooLarge, check_text

LIMITS = TextLimits(max_line_chars=200_000, max_word_chars=1_000, max_words=500_000)


@pytest.fixture(scope="module")
def client(api_client):
    return api_client(Settings(max_request_bytes=5_000_000))


@pytest.mark.parametrize("text, says", [
    ("Speaker 1: " + "word " * 420_000, "a line is longer than 200000 characters"),
    ("Speaker 1: look\n" + "[" * 10_000, "more than 1000 characters without a space"),
    ("Speaker 1: see http://" + "a." * 10_000 + "\n", "more than 1000 characters without a space"),
])
def test_pathological_text_is_refused_with_413_before_the_engine(client, text, says):
    for route in ("/v1/analyze", "/v1/redact"):
        r = client.post(route, json={"text": text})
        assert r.status_code == 413, r.text[:200]
        assert says in r.json()["detail"]
    r = client.post("/v1/redact/file", files={"file": ("call.txt", text.encode())})
    assert r.status_code == 413 and says in r.json()["detail"]


def test_too_many_words_is_refused():
    with pytest.raises(TextShapeTooLarge, match="more than 10 words"):
        check_text("one two three four five six seven eight nine ten eleven", TextLimits(1000, 100, 10))


def test_the_refusal_names_the_line_not_the_text():
    text = "Speaker 1: Hello Mirela.\nSpeaker 2: " + "(" * 2_000 + "\n"
    with pytest.raises(TextShapeTooLarge) as refused:
        check_text(text, LIMITS, path="call.txt")
    assert str(refused.value).startswith("call.txt:2: ") and "Mirela" not in str(refused.value)


def test_ordinary_transcripts_pass():
    check_text("Speaker 1: I moved to https://www.example.org/about last year.\n" * 1_000, LIMITS)


def test_url_pattern_reads_a_long_run_of_labels_in_linear_time():
    from recognizers.url_recognizer import LINEAR_URL

    pattern = regex.compile(LINEAR_URL.regex, regex.IGNORECASE | regex.MULTILINE | regex.DOTALL)
    text = "see http://" + "a." * 100_000 + " and www." + "b-" * 50_000 + "x.com/ok"
    # Presidio's own pattern needs minutes here; a linear one finishes far inside the timeout.
    matches = [m.group() for m in pattern.finditer(text, timeout=5)]
    assert matches[-1].endswith("x.com/ok") and len(matches) == 2


def test_cli_refuses_a_pathological_file_before_the_model_loads(tmp_path, capsys, monkeypatch):
    from service import cli

    for var in ("TANON_STORE_URL", "TANON_STORE_KEY", "TANON_STORE_KEY_FILE"):
        monkeypatch.delenv(var, raising=False)
    path = tmp_path / "call.txt"
    path.write_text("Speaker 1: hello\n" + "[" * 5_000 + "\n", encoding="utf-8")
    with cli.command_line_context() as context:
        code = cli.main(["redact", str(path), "-o", str(tmp_path / "out.txt")], context=context)
        assert not context.engine_is_built
    assert code == 2
    assert f"{path}:2: more than 1000 characters without a space" in capsys.readouterr().err
