"""tanon project ... and --project on analyze/redact, on a local SQLite store."""
from __future__ import annotations

import json
import stat
import subprocess
import sys

import pytest

from service.config import get_settings

NAMES = ("Amin Shah", "Northwind", "Acme", "Sarah Chen", "Seattle")


@pytest.fixture(autouse=True)
def local_env(monkeypatch, tmp_path):
    """A fresh data dir (so the store and its key file are created there)."""
    for var in ("TANON_STORE_URL", "TANON_STORE_KEY", "TANON_STORE_KEY_FILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    get_settings.cache_clear()
    yield tmp_path / "xdg" / "tanon"
    get_settings.cache_clear()


@pytest.fixture
def tanon(cli_main, capsys):
    """tanon("project", "list") -> (exit code, stdout, stderr), with the session engine."""
    def run(*argv):
        code = cli_main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def test_project_create_prints_the_admin_key_once_and_creates_a_private_key_file(tanon, capsys, local_env):
    code, out, err = tanon("project", "create", "study-1")
    assert code == 0
    assert out.strip().startswith("tanon_") and len(out.strip().splitlines()) == 1
    key_file = local_env / "projects.sqlite3.key"
    assert "created a new project store key" in err and str(key_file) in err
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    code, out, err = tanon("project", "create", "study-2")
    assert code == 0 and "store key" not in err  # created only once
    code, out, _ = tanon("project", "list")
    assert [line.split("\t")[1] for line in out.splitlines()] == ["study-1", "study-2"]
    code, out, _ = tanon("project", "list", "--json")
    assert [p["name"] for p in json.loads(out)] == ["study-1", "study-2"]
    code, _, err = tanon("project", "create", "study-1")
    assert code == 2 and "already exists" in err
    code, _, err = tanon("project", "create", "007")
    assert code == 2


def test_dictionary_add_import_export_list_remove(tanon, capsys, tmp_path):
    tanon("project", "create", "study")
    code, _, err = tanon(
        "project", "dict", "add", "study", "Northwind Analytics", "--type", "ORGANIZATION",
        "--role", "client", "--alias", "NWA", "--alias", "North Wind Analytics",
    )
    assert code == 0 and "added term" in err and "Northwind" not in err
    code, _, err = tanon("project", "dict", "add", "study", "Acme Corp", "--type", "ORGANIZATION", "--surrogate", "Company Y")
    assert code == 0
    code, _, err = tanon("project", "dict", "add", "study", "Sarah Chen", "--type", "CLIENT")
    assert code == 2 and "entity type" in err and "Sarah" not in err
    csv_file = tmp_path / "terms.csv"
    csv_file.write_text("term,entity_type,role,aliases,surrogate\nSarah Chen,PERSON,,,\nSeattle,LOCATION,,,\n", encoding="utf-8")
    code, _, err = tanon("project", "dict", "import", "study", str(csv_file))
    assert code == 0 and "2 terms added" in err
    yaml_file = tmp_path / "terms.yml"
    yaml_file.write_text("terms:\n  - term: University of Westbrook\n    entity_type: UNIVERSITY\n", encoding="utf-8")
    assert tanon("project", "dict", "import", "study", str(yaml_file))[0] == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("term,entity_type\nAmin Shah,ALIEN\n", encoding="utf-8")
    code, _, err = tanon("project", "dict", "import", "study", str(bad))
    assert code == 2 and str(bad) in err and "Amin" not in err
    code, _, err = tanon("project", "dict", "import", "study", str(tmp_path / "terms.txt"))
    assert code == 2
    assert tanon("project", "dict", "add", "study", "Alteryx", "--type", "ORGANIZATION", "--sound-alike", "always")[0] == 0
    code, _, err = tanon("project", "dict", "add", "study", "Snowflake", "--type", "ORGANIZATION",
                         "--sound-alike", "sometimes")
    assert code == 2 and "sound_alike must be one of" in err
    code, out, _ = tanon("project", "dict", "list", "study")
    rows = [line.split("\t") for line in out.splitlines()]
    assert next(r[6] for r in rows if r[4] == "Alteryx") == "always"
    assert tanon("project", "dict", "remove", "study", next(r[0] for r in rows if r[4] == "Alteryx"))[0] == 0
    rows = [r for r in rows if r[4] != "Alteryx"]
    assert {r[4] for r in rows} == {"Northwind Analytics", "Acme Corp", "Sarah Chen", "Seattle", "University of Westbrook"}
    exported = tmp_path / "out" / "dictionary.yaml"
    code, _, err = tanon("project", "dict", "export", "study", "-o", str(exported))
    assert code == 0 and stat.S_IMODE(exported.stat().st_mode) == 0o600
    assert "University of Westbrook" in exported.read_text(encoding="utf-8")
    code, out, _ = tanon("project", "dict", "export", "study")
    assert out.startswith("term,entity_type,role,aliases,surrogate,sound_alike\n") and "NWA|North Wind Analytics" in out
    # what was exported imports into another project
    tanon("project", "create", "copy")
    assert tanon("project", "dict", "import", "copy", str(exported))[2].strip().endswith("5 terms added to project 2")
    westbrook = next(r[0] for r in rows if r[4] == "University of Westbrook")
    assert tanon("project", "dict", "remove", "study", westbrook)[0] == 0
    assert tanon("project", "dict", "remove", "study", westbrook)[0] == 2


def test_redact_with_project_is_consistent_and_reversible(tanon, capsys, tmp_path):
    tanon("project", "create", "study")
    tanon("project", "dict", "add", "study", "Northwind Analytics", "--type", "ORGANIZATION")
    tanon("project", "dict", "add", "study", "Acme Corp", "--type", "ORGANIZATION", "--surrogate", "Company Y")
    doc1 = tmp_path / "interview_1.txt"
    doc1.write_text("Amin Shah: I was at Northwind Analytics Inc. in Seattle with Sarah Chen.\n", encoding="utf-8")
    doc2 = tmp_path / "interview_2.txt"
    doc2.write_text(
        "Interviewer: And then?\nAmin Shah: Acme Corp bought northwind's platform, and Sarah Chen left.\n", encoding="utf-8"
    )
    out1, out2 = tmp_path / "r1.txt", tmp_path / "r2.txt"
    code, _, err1 = tanon("redact", str(doc1), "--project", "study", "-o", str(out1))
    assert code == 0
    code, _, err2 = tanon("redact", str(doc2), "--project", "1", "-o", str(out2), "--report", str(tmp_path / "rep.json"))
    assert code == 0
    r1, r2 = out1.read_text(encoding="utf-8"), out2.read_text(encoding="utf-8")
    assert r1 == "[Person 1]: I was at [Company A] in [Location 1] with [Person 2].\n"
    assert r2 == "Interviewer: And then?\n[Person 1]: [Company Y] bought [Company A]'s platform, and [Person 2] left.\n"
    for name in NAMES:
        assert name not in err1 + err2 + (tmp_path / "rep.json").read_text(encoding="utf-8")
    # Each file as written comes back exactly: "Inc." and "northwind's" included.
    code, out, err = tanon("project", "reidentify", "study", str(out1))
    assert code == 0 and out == doc1.read_text(encoding="utf-8") and err == ""
    restored = tmp_path / "restored.txt"
    code, _, err = tanon("project", "reidentify", "study", str(out2), "-o", str(restored))
    assert code == 0 and stat.S_IMODE(restored.stat().st_mode) == 0o600
    assert restored.read_bytes() == doc2.read_bytes() and "exact" in err
    # A redacted file edited afterwards: each surrogate gets its first-seen original, and stderr says so.
    edited = tmp_path / "edited.txt"
    edited.write_text(r2.replace("left.", "left in spring."), encoding="utf-8")
    code, out, err = tanon("project", "reidentify", "study", str(edited))
    assert code == 0 and out == (
        "Interviewer: And then?\nAmin Shah: Acme Corp bought Northwind Analytics's platform, and Sarah Chen left in spring.\n"
    )
    assert "approximate: no redaction record for this text" in err
    for name in NAMES:
        assert name not in err
    code, _, err = tanon("project", "reidentify", "study", str(out2), "-o", str(out2))
    assert code == 2 and "output is the input" in err
    key_file = tmp_path / "secret" / "key.json"
    code, _, err = tanon("project", "export-key", "study", "-o", str(key_file))
    assert code == 0 and "warning" in err and "real name" in err
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = json.loads(key_file.read_text(encoding="utf-8"))
    by_label = {e["surrogate"]: e for e in key["entries"]}
    assert by_label["[Company A]"]["original"] == "Northwind Analytics"
    assert "northwind" in by_label["[Company A]"]["variants"]
    assert by_label["[Company Y]"]["original"] == "Acme Corp"
    assert len(by_label) == len(key["entries"])
    # without --project nothing is stored and the numbering is per document
    code, out, _ = tanon("redact", str(doc2))
    assert code == 0 and "[Company Y]" not in out and "Acme" not in out


def test_analyze_with_project_uses_the_dictionary(tanon, capsys, tmp_path):
    tanon("project", "create", "study")
    tanon("project", "dict", "add", "study", "Northwind Analytics", "--type", "ORGANIZATION")
    doc = tmp_path / "t.txt"
    doc.write_text("Participant: the data came from nortwind and it was messy.\n", encoding="utf-8")
    code, out, _ = tanon("analyze", str(doc), "--project", "study", "--json")
    assert code == 0
    entities = json.loads(out)["entities"]
    assert any(e["recognizer"] == "project_dictionary.v1" for e in entities)
    code, out, _ = tanon("analyze", str(doc), "--json")
    assert not any(e["recognizer"] == "project_dictionary.v1" for e in json.loads(out)["entities"])


def test_errors_exit_2_or_3_without_names(tanon, capsys, tmp_path, local_env):
    doc = tmp_path / "t.txt"
    doc.write_text("Amin Shah: hello from Seattle.\n", encoding="utf-8")
    code, out, err = tanon("redact", str(doc), "--project", "Amin Shah study")
    assert code == 2 and "no project" in err and "Amin" not in err and out == ""
    tanon("project", "create", "study")
    (local_env / "projects.sqlite3.key").unlink()
    code, _, err = tanon("redact", str(doc), "--project", "study")
    assert code == 3 and "key file" in err
    assert not (local_env / "projects.sqlite3.key").exists()
    code, _, err = tanon("project", "delete", "study")
    assert code == 2 and "--yes" in err


def test_export_key_to_stdout_warns_on_stderr(tanon, capsys):
    tanon("project", "create", "study")
    code, out, err = tanon("project", "export-key", "study")
    assert code == 0 and json.loads(out) == {"project_id": 1, "entries": []}
    assert "warning" in err


def test_api_key_and_delete(tanon, capsys):
    tanon("project", "create", "study")
    code, out, err = tanon("project", "api-key", "study", "--role", "redactor")
    assert code == 0 and out.startswith("tanon_")
    code, _, err = tanon("project", "api-key", "study", "--role", "boss")
    assert code == 2
    assert tanon("project", "delete", "study", "--yes")[0] == 0
    assert tanon("project", "list")[1] == ""


def test_project_commands_run_as_a_real_process(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "xdg"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    command = [sys.executable, "-c", "from service.cli import entry_point; entry_point()"]
    created = subprocess.run([*command, "project", "create", "proc"], capture_output=True, text=True, env=env, timeout=120)
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith("tanon_")
    added = subprocess.run(
        [*command, "project", "dict", "add", "proc", "Northwind", "--type", "ORGANIZATION"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert added.returncode == 0, added.stderr


def test_project_create_with_settings(tanon, capsys, tmp_path):
    good = tmp_path / "settings.yaml"
    good.write_text("entities:\n  ORGANIZATION: {operator: pseudonym, template: '[Org {n}]'}\nallow_list: [Spark]\n", encoding="utf-8")
    assert tanon("project", "create", "custom", "--settings", str(good))[0] == 0
    (project,) = json.loads(tanon("project", "list", "--json")[1])
    assert project["settings"]["allow_list"] == ["Spark"]
    doc = tmp_path / "t.txt"
    doc.write_text("Amin Shah: I used Spark at Northwind Analytics Inc.\n", encoding="utf-8")
    code, out, _ = tanon("redact", str(doc), "--project", "custom")
    assert code == 0 and "[Org 1]" in out and "Spark" in out
    bad = tmp_path / "bad.json"
    bad.write_text('{"entities": {"ORGANIZATION": {"operator": "shred"}}}', encoding="utf-8")
    code, _, err = tanon("project", "create", "other", "--settings", str(bad))
    assert code == 2 and str(bad) in err and "operator" in err


def test_reidentify_gives_back_a_word_document_and_export_key_adds_records_only_when_asked(tanon, capsys, tmp_path):
    from tests.builders import docx_bytes

    tanon("project", "create", "study")
    original = tmp_path / "interview.docx"
    original.write_bytes(docx_bytes("Amin Shah: I was at Northwind Analytics Inc. in Seattle.", "Interviewer: Thanks."))
    redacted, restored = tmp_path / "redacted.docx", tmp_path / "restored.docx"
    assert tanon("redact", str(original), "--project", "study", "-o", str(redacted))[0] == 0
    code, _, err = tanon("project", "reidentify", "study", str(redacted), "-o", str(restored))
    assert code == 0 and "approximate" not in err
    assert restored.read_bytes() == original.read_bytes()
    code, out, _ = tanon("project", "export-key", "study")
    assert code == 0 and "records" not in json.loads(out)
    code, out, _ = tanon("project", "export-key", "study", "--with-records")
    (record,) = json.loads(out)["records"]
    assert record["format"] == "docx"
    assert {r["original"] for r in record["replacements"]} >= {"Amin Shah", "Seattle"}


def test_redact_warns_when_a_placeholder_takes_an_issued_label(tanon, capsys, tmp_path):
    tanon("project", "create", "study")
    first, second = tmp_path / "1.txt", tmp_path / "2.txt"
    first.write_text("Amin Shah: I was at Northwind Analytics Inc. then.\n", encoding="utf-8")
    second.write_text("Interviewer: Did Company A pay well?\n", encoding="utf-8")
    assert tanon("redact", str(first), "--project", "study", "-o", str(tmp_path / "r1.txt"))[0] == 0
    report = tmp_path / "report.json"
    code, _, err = tanon("redact", str(second), "--project", "study", "-o", str(tmp_path / "r2.txt"), "--report", str(report))
    assert code == 0
    assert "placeholder 'Company A' collides with an already issued surrogate '[Company A]'" in err
    warnings = json.loads(report.read_text(encoding="utf-8"))["warnings"]
    assert [(w["code"], w["placeholder"], w["surrogate"]) for w in warnings] == [("placeholder_collision", "Company A", "[Company A]")]


def test_dictionary_import_names_an_unknown_field_by_position_on_stderr(tanon, tmp_path):
    tanon("project", "create", "study")
    bad = tmp_path / "terms.csv"
    bad.write_text("term,entity_type,Sarah Chen\nSeattle,LOCATION,1\n", encoding="utf-8")
    code, out, err = tanon("project", "dict", "import", "study", str(bad))
    assert code == 2 and "an unknown field (column 3)" in err
    assert "Sarah" not in err and "Sarah" not in out
    bad_yaml = tmp_path / "terms.yaml"
    bad_yaml.write_text("- term: Seattle\n  entity_type: LOCATION\n  Sarah Chen: x\n", encoding="utf-8")
    code, out, err = tanon("project", "dict", "import", "study", str(bad_yaml))
    assert code == 2 and "entry 1: an unknown field (field 3)" in err and "Sarah" not in err
