"""A transcript in a language without an installed model is refused on every way in,
with a message naming the language and never quoting the transcript."""
from __future__ import annotations

import json

import pytest

from service.batch.runner import BatchRequest, run_batch
from service.config import Settings
from service.context import AppContext

NAMES = ("Oberhuber", "Brandlhuber", "Wachtendonk", "Ferreño", "Valdeoro", "Iturralde")


def no_names(*texts: str) -> bool:
    return not any(name in text for text in texts for name in NAMES)


def test_cli_redact_refuses_german_with_exit_2_and_writes_nothing(cli_main, german_path, tmp_path, capsys):
    out = tmp_path / "out.txt"
    assert cli_main(["redact", str(german_path), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert f"{german_path}: the transcript looks German (de" in captured.err
    assert "--language en" in captured.err and "nlp.models.de" in captured.err
    assert not out.exists() and captured.out == ""
    assert no_names(captured.err)


def test_cli_analyze_refuses_spanish_with_exit_2(cli_main, spanish_path, capsys):
    assert cli_main(["analyze", str(spanish_path), "--json"]) == 2
    captured = capsys.readouterr()
    assert f"{spanish_path}: the transcript looks Spanish (es" in captured.err
    assert captured.out == "" and no_names(captured.err)


def test_cli_language_en_analyses_it_anyway(cli_main, german_path, capsys):
    assert cli_main(["analyze", str(german_path), "--language", "en", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["entities"]


@pytest.mark.parametrize("language,message", [
    ("de", "no model for German (de) is installed; the installed models analyse English (en)"),  # (, French (fr))
    ("german", "'german' is not a language code"),
])
def test_cli_language_without_a_model_is_refused(cli_main, german_path, capsys, language, message):
    assert cli_main(["redact", str(german_path), "--language", language]) == 2
    assert message in capsys.readouterr().err


def test_cli_redact_as_a_subprocess_exits_2(german_path, tmp_path):
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-m", "service", "redact", str(german_path), "-o", str(tmp_path / "out.txt")],
        capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 2, run.stderr
    assert "looks German (de" in run.stderr and "Traceback" not in run.stderr


def test_check_reports_the_file_and_the_language(cli_main, german_path, tmp_path, monkeypatch, capsys):
    from service.config import get_settings

    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "de.txt").write_bytes(german_path.read_bytes())
    monkeypatch.chdir(root)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    get_settings.cache_clear()
    try:
        assert cli_main(["check", "de.txt"]) == 2
    finally:
        get_settings.cache_clear()
    captured = capsys.readouterr()
    assert "de.txt" in captured.err and "looks German (de" in captured.err
    assert no_names(captured.out, captured.err)


def test_batch_fails_the_file_with_the_reason_and_redacts_the_others(german_path, spanish_path, example_path,
                                                                      tmp_path, engine):
    in_dir, out_dir = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    for path in (german_path, spanish_path, example_path):
        (in_dir / path.name).write_bytes(path.read_bytes())
    with AppContext(engine=engine) as context:
        result = run_batch(BatchRequest(in_dir, out_dir), context, progress=False)
    assert result.return_code == 1
    report = json.loads((out_dir / "report.json").read_text(encoding="utf-8"))
    rows = {row["path"]: row for row in report["files"]}
    assert rows["interview_de.txt"]["status"] == "failed" and "looks German (de" in rows["interview_de.txt"]["error"]
    assert rows["interview_es.txt"]["status"] == "failed" and "looks Spanish (es" in rows["interview_es.txt"]["error"]
    assert rows[example_path.name]["status"] == "ok" and (out_dir / example_path.name).exists()
    assert not (out_dir / "interview_de.txt").exists()
    assert no_names((out_dir / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def client(api_client):
    return api_client(Settings())


@pytest.mark.parametrize("route", ["/v1/analyze", "/v1/redact"])
def test_api_text_routes_answer_422_naming_the_language(client, german_path, spanish_path, route):
    for path, name in ((german_path, "German (de"), (spanish_path, "Spanish (es")):
        r = client.post(route, json={"text": path.read_text(encoding="utf-8")})
        assert r.status_code == 422, r.text
        assert f"the transcript looks {name}" in r.json()["detail"] and no_names(r.text)


def test_api_file_route_answers_422_naming_the_language(client, spanish_path):
    r = client.post("/v1/redact/file", files={"file": ("entrevista.txt", spanish_path.read_bytes(), "text/plain")})
    assert r.status_code == 422, r.text
    assert "the transcript looks Spanish (es" in r.json()["detail"] and no_names(r.text)


def test_api_language_field_overrides_detection(client, german_path):
    text = german_path.read_text(encoding="utf-8")
    r = client.post("/v1/redact", json={"text": text, "language": "EN"})
    assert r.status_code == 200 and r.json()["language"] == "en"
    r = client.post("/v1/redact/file", data={"language": "en"},
                    files={"file": ("interview.txt", german_path.read_bytes(), "text/plain")})
    assert r.status_code == 200
    r = client.post("/v1/analyze", json={"text": text, "language": "de"})
    assert r.status_code == 422 and "no model for German (de) is installed" in r.json()["detail"]
    r = client.post("/v1/analyze", json={"text": text, "language": "deutsch"})
    assert r.status_code == 422  # not a language code: refused by the schema


def test_api_english_still_answers_with_its_language(client, example_path):
    r = client.post("/v1/analyze", json={"text": example_path.read_text(encoding="utf-8")})
    assert r.status_code == 200 and r.json()["language"] == "en"
    health = client.get("/health").json()
    assert "en" in health["languages"] and "de" not in health["languages"] and health["model"]
