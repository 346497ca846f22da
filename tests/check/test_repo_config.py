"""The repository's .tanon.yaml: allow list, exclude globs, baseline path, strict validation."""
import pytest

from service.check.repo_config import find_repo_config
from tests.check.conftest import RAW

SPARK = "Interviewer: Thanks for joining us today.\nParticipant 3: I used Jupyter and Spark at Company Y.\n"


def test_allow_list_words_are_never_reported(repo, tanon):
    (repo / "spark.txt").write_text(SPARK, encoding="utf-8")
    assert tanon("check", "spark.txt").code == 1
    (repo / ".tanon.yaml").write_text("allow:\n  - Spark\n  - jupyter\n", encoding="utf-8")
    assert tanon("check", "spark.txt").code == 0


def test_found_from_a_subdirectory_but_never_above_the_repository(repo, tanon, monkeypatch, tmp_path):
    (repo / ".tanon.yaml").write_text("allow: [Spark, Jupyter]\n", encoding="utf-8")
    (repo / "interviews" / "2024").mkdir(parents=True)
    (repo / "interviews" / "2024" / "spark.txt").write_text(SPARK, encoding="utf-8")
    monkeypatch.chdir(repo / "interviews" / "2024")
    assert find_repo_config(repo / "interviews" / "2024") == repo / ".tanon.yaml"
    assert tanon("check", "spark.txt").code == 0
    (tmp_path / ".tanon.yaml").write_text("allow: [Priya]\n", encoding="utf-8")  # above the repository
    (repo / ".tanon.yaml").unlink()
    assert find_repo_config(repo / "interviews") is None


def test_exclude_globs_and_baseline_path(repo, tanon):
    (repo / "fixtures").mkdir()
    (repo / "fixtures" / "raw.txt").write_text(RAW, encoding="utf-8")
    (repo / "raw.redacted.txt").write_text(RAW, encoding="utf-8")
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    (repo / ".tanon.yaml").write_text(
        "exclude: ['fixtures/*', '*.redacted.txt']\nbaseline: ci/names-baseline.json\n", encoding="utf-8")
    assert tanon("check", "--update-baseline", "raw.txt").code == 0
    assert (repo / "ci" / "names-baseline.json").is_file()
    run = tanon("check", "fixtures/raw.txt", "raw.redacted.txt", "raw.txt")
    assert run.code == 0 and "2 skipped" in run.err


def test_explicit_config_file(repo, tanon):
    (repo / "spark.txt").write_text(SPARK, encoding="utf-8")
    (repo / "ci").mkdir()
    (repo / "ci" / "tanon.yaml").write_text("allow: [Spark, Jupyter]\n", encoding="utf-8")
    assert tanon("check", "--config", "ci/tanon.yaml", "spark.txt").code == 0
    assert tanon("check", "--config", "ci/missing.yaml", "spark.txt").code == 3


@pytest.mark.parametrize(
    "content, message",
    [
        ("allow: [Priya Raman]\nalow: [Daniel Okafor]\n", "alow: unknown key (expected project, allow, baseline, exclude)"),
        ("allow: Priya Raman\n", "allow: Input should be a valid list"),
        ("allow: ['']\n", "allow.0: String should have at least 1 character"),
        ("project: ['Priya Raman']\n", "project: Input should be a valid string"),
        ("exclude: {Priya Raman: 1}\n", "exclude: Input should be a valid list"),
        ("- Priya Raman\n", "expected a mapping with the keys project, allow, baseline, exclude"),
        ("allow: [Priya Raman\n", "not valid YAML (line"),
    ],
)
def test_validation_errors_name_the_file_and_key_never_the_value(repo, tanon, content, message):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    (repo / ".tanon.yaml").write_text(content, encoding="utf-8")
    run = tanon("check", "raw.txt")
    assert run.code == 3  # broken configuration, as for the engine YAML
    assert ".tanon.yaml" in run.err and message in run.err
    assert "Priya" not in run.err and "Daniel" not in run.err and run.out == ""


def test_empty_config_is_fine(repo, tanon):
    (repo / ".tanon.yaml").write_text("# nothing yet\n", encoding="utf-8")
    (repo / "spark.txt").write_text("Interviewer: hello.\n", encoding="utf-8")
    assert tanon("check", "spark.txt").code == 0
