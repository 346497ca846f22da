"""The baseline: hashed findings, committed, accepted on later checks."""
import json

from service.check.baseline import Baseline, hashed_name, load_baseline
from tests.check.conftest import RAW, RAW_NAMES

BASELINE = ".tanon-baseline.json"


def test_round_trip_baselined_findings_pass_and_the_file_holds_no_names(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    run = tanon("check", "--update-baseline", "raw.txt")
    assert run.code == 0 and run.out == ""
    assert f"git add {BASELINE}" in run.err
    stored = (repo / BASELINE).read_text(encoding="utf-8")
    assert not any(name.lower() in stored.lower() for name in RAW_NAMES)
    doc = json.loads(stored)
    assert doc["version"] == 1 and len(doc["salt"]) == 32
    assert sorted(e["type"] for e in doc["results"]["raw.txt"]) == ["ORGANIZATION", "PERSON"]  # one per name
    run = tanon("check", "raw.txt")
    assert (run.code, run.out) == (0, "")
    assert "accepted: 3 by the baseline, 0 by 'tanon: allow'" in run.err


def test_a_new_name_is_still_reported(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    tanon("check", "--update-baseline", "raw.txt")
    (repo / "raw.txt").write_text(RAW + "\nPriya Raman: My manager, Daniel Okafor, set that up.\n", encoding="utf-8")
    run = tanon("check", "raw.txt")
    assert run.code == 1
    assert len(run.out.splitlines()) == 1 and run.out.startswith("raw.txt:7:26: PERSON 'D***'")


def test_entries_belong_to_their_file(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    tanon("check", "--update-baseline", "raw.txt")
    (repo / "other.txt").write_text(RAW, encoding="utf-8")
    run = tanon("check", "raw.txt", "other.txt")
    assert run.code == 1 and {line.split(":")[0] for line in run.out.splitlines()} == {"other.txt"}


def test_update_keeps_the_salt_and_prunes_deleted_files(repo, tanon):
    (repo / "a.txt").write_text(RAW, encoding="utf-8")
    (repo / "b.txt").write_text(RAW, encoding="utf-8")
    tanon("check", "--update-baseline", "a.txt", "b.txt")
    first = json.loads((repo / BASELINE).read_text(encoding="utf-8"))
    (repo / "b.txt").unlink()
    (repo / "c.txt").write_text(RAW, encoding="utf-8")
    assert tanon("check", "--update-baseline", "c.txt").code == 0
    second = json.loads((repo / BASELINE).read_text(encoding="utf-8"))
    assert second["salt"] == first["salt"]
    assert sorted(second["results"]) == ["a.txt", "c.txt"]
    assert second["results"]["a.txt"] == first["results"]["a.txt"]  # unchanged entries, small diffs


def test_pragmad_findings_are_not_baselined(repo, tanon):
    (repo / "raw.txt").write_text(RAW.replace("Priya Raman\n", "Priya Raman  tanon: allow\n", 1), encoding="utf-8")
    tanon("check", "--update-baseline", "raw.txt")
    entries = json.loads((repo / BASELINE).read_text(encoding="utf-8"))["results"]["raw.txt"]
    assert len(entries) == 2  # the speaker label and the company on line 5


def test_custom_baseline_path_and_the_baseline_itself_is_never_checked(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    assert tanon("check", "--baseline", "ci/accepted.json", "--update-baseline", "raw.txt").code == 0
    run = tanon("check", "--baseline", "ci/accepted.json", "raw.txt", "ci/accepted.json")
    assert run.code == 0 and "1 skipped" in run.err  # pre-commit passes it too: it matches \.json$
    assert tanon("check", "raw.txt").code == 1  # the default baseline is another file


def test_baseline_paths_are_relative_to_the_baseline(repo, tanon, monkeypatch):
    (repo / "interviews").mkdir()
    (repo / "interviews" / "raw.txt").write_text(RAW, encoding="utf-8")
    tanon("check", "--update-baseline", "interviews/raw.txt")
    assert list(json.loads((repo / BASELINE).read_text(encoding="utf-8"))["results"]) == ["interviews/raw.txt"]
    monkeypatch.chdir(repo / "interviews")  # from a subdirectory: same repository, same baseline
    assert tanon("check", "raw.txt").code == 0


def test_malformed_baseline_is_a_setup_error(repo, tanon):
    (repo / "raw.txt").write_text(RAW, encoding="utf-8")
    for content in ("not json", '{"version": 1}', '{"version": 9, "salt": "x", "results": {}}', "[]"):
        (repo / BASELINE).write_text(content, encoding="utf-8")
        run = tanon("check", "raw.txt")
        assert run.code == 3 and BASELINE in run.err, content


def test_hash_is_salted_and_normalized():
    assert hashed_name("s" * 32, "a.txt", "PERSON", "Priya  Raman's") == hashed_name("s" * 32, "a.txt", "PERSON", "priya raman")
    assert hashed_name("s" * 32, "a.txt", "PERSON", "Priya") != hashed_name("t" * 32, "a.txt", "PERSON", "Priya")
    assert hashed_name("s" * 32, "a.txt", "PERSON", "Priya") != hashed_name("s" * 32, "b.txt", "PERSON", "Priya")
    assert hashed_name("s" * 32, "a.txt", "PERSON", "Priya") != hashed_name("s" * 32, "a.txt", "LOCATION", "Priya")


def test_two_new_baselines_get_different_salts(tmp_path):
    assert Baseline(tmp_path / "a.json").salt != Baseline(tmp_path / "b.json").salt
    assert load_baseline(tmp_path / "missing.json").results == {}
