"""`tanon config show`, and configuration errors through the command line: exit 3 with
the file, the recognizer and the option, never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from service import cli
from service.config import load_engine_config
from tests.builders import engine_yaml

REPO = Path(__file__).resolve().parents[2]
MISSPELT = [{"name": "gazetteer.v1", "options": {"min_lenght": 3}}]
MESSAGE = "conf/engine.yaml: recognizer gazetteer.v1: unknown option 'min_lenght'"


def test_cli_config_show_prints_the_resolved_configuration(capsys, engine_config):
    assert cli.main(["config", "show"]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    gazetteer = next(entry for entry in shown["recognizers"] if entry["name"] == "gazetteer.v1")
    assert gazetteer["options"]["score"] == 0.9 and gazetteer["options"]["dir"] == "gazetteers"
    assert shown["vocabulary"] == {"common_word_zipf": 3.5}


def test_cli_config_show_reads_the_given_file(tmp_path, capsys):
    path = engine_yaml(tmp_path / "engine.yaml", [{"name": "speaker_name.v1", "options": {"score": 0.95}}])
    assert cli.main(["config", "show", "--config", str(path)]) == 0
    shown = yaml.safe_load(capsys.readouterr().out)
    options = {"score": 0.95, "role_score": 1.0, "lowercase_rare_zipf": 3.0}
    assert shown["recognizers"] == [{"name": "speaker_name.v1", "enabled": True, "options": options}]
    assert load_engine_config(path).recognizers[0].options == options


@pytest.mark.parametrize("command", [["config", "show"], ["analyze", "interview.txt"], ["redact", "interview.txt"]])
def test_cli_misspelt_option_exits_3_with_the_message(command, tmp_path, monkeypatch, capsys):
    engine_yaml(tmp_path / "conf" / "engine.yaml", MISSPELT)
    (tmp_path / "interview.txt").write_text("Interviewer: how was it?\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main([*command, "--config", "conf/engine.yaml"]) == 3
    err = capsys.readouterr().err
    assert MESSAGE in err and "internal error" not in err and "Traceback" not in err


def test_cli_unknown_recognizer_exits_3_naming_the_registered_ones(tmp_path, monkeypatch, capsys):
    engine_yaml(tmp_path / "conf" / "engine.yaml", [{"name": "gazetteer.v9"}])
    monkeypatch.chdir(tmp_path)
    assert cli.main(["config", "show", "--config", "conf/engine.yaml"]) == 3
    err = capsys.readouterr().err
    assert "conf/engine.yaml: unknown recognizer 'gazetteer.v9'; registered: " in err and "gazetteer.v1" in err


def test_cli_list_conflict_exits_3_naming_the_list(tmp_path, monkeypatch, capsys):
    lists = tmp_path / "lists"
    lists.mkdir()
    (lists / "orgs.txt").write_text("Quillbourne\n", encoding="utf-8")
    (lists / "products.txt").write_text("PRODUCT\tQuillbourne\n", encoding="utf-8")
    engine_yaml(tmp_path / "engine.yaml", [{"name": "gazetteer.v1", "options": {
        "dir": str(lists), "organizations_path": "orgs.txt", "vendors_products_path": "products.txt",
        "data_providers_path": None, "universities_path": None, "ambiguous_path": None}}])
    (tmp_path / "interview.txt").write_text("Interviewer: how was it?\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["analyze", "interview.txt", "--config", "engine.yaml"]) == 3
    err = capsys.readouterr().err
    assert "recognizer gazetteer.v1: " in err and str(lists / "products.txt") in err
    assert "'Quillbourne' is PRODUCT here but ORGANIZATION" in err and "internal error" not in err


def test_cli_config_error_in_a_real_process_has_no_traceback(tmp_path):
    path = engine_yaml(tmp_path / "conf" / "engine.yaml", MISSPELT)
    done = subprocess.run(
        [sys.executable, "-m", "service", "config", "show", "--config", "conf/engine.yaml"],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert path.exists()
    assert done.returncode == 3, done.stderr
    assert MESSAGE in done.stderr and "Traceback" not in done.stderr and done.stdout == ""


def test_config_show_through_typers_test_runner(tmp_path, monkeypatch):
    """Invoked without ``main`` (as typer's CliRunner does), a command gets a context of its own."""
    from typer.testing import CliRunner

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    result = CliRunner().invoke(cli.app, ["config", "show"])
    assert result.exit_code == 0, result.output
    assert "recognizers:" in result.output
