"""A project named in .tanon.yaml (or --project) brings its dictionary, allow list and surrogates."""
import yaml

TEXT = "Interviewer: Thanks for joining us today.\nParticipant 3: we moved everything to kestrel data last spring.\n"


def test_project_dictionary_and_surrogates(repo, tanon, tmp_path):
    (repo / "p3.txt").write_text(TEXT, encoding="utf-8")
    assert tanon("check", "p3.txt").code == 0  # lowercase: nothing tells the engine it is a name
    assert tanon("project", "create", "study").code == 0
    assert tanon("project", "dict", "add", "study", "Kestrel Data", "--type", "ORGANIZATION",
                 "--surrogate", "Vendor K").code == 0
    (repo / ".tanon.yaml").write_text("project: study\n", encoding="utf-8")
    run = tanon("check", "p3.txt")
    assert run.code == 1
    assert run.out.splitlines() == ["p3.txt:2:39: ORGANIZATION 'k***' (project_dictionary.v1)"]  # the only recognizer
    assert "Kestrel" not in run.err and "kestrel" not in run.err
    assert tanon("redact-in-place", "p3.txt").code == 1
    assert "moved everything to [Vendor K] last spring" in (repo / "p3.txt").read_text(encoding="utf-8")


def test_project_allow_list_and_unknown_project(repo, tanon, tmp_path):
    (repo / "spark.txt").write_text("Participant 3: I used Jupyter and Spark at Company Y.\n", encoding="utf-8")
    settings = tmp_path / "settings.yaml"
    settings.write_text(yaml.safe_dump({"allow_list": ["Spark", "Jupyter"]}), encoding="utf-8")
    assert tanon("project", "create", "study", "--settings", str(settings)).code == 0
    assert tanon("check", "spark.txt").code == 1
    assert tanon("check", "--project", "study", "spark.txt").code == 0
    run = tanon("check", "--project", "nope", "spark.txt")
    assert run.code == 2 and "no project with that name or id" in run.err
