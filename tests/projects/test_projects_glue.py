"""A project's settings (service.project_settings), its options and store-backed surrogate book
(service.project_access), and opening the store (service.store_setup)."""
from __future__ import annotations

import stat

import pytest

from service.config import Settings
from service.engine.engine import RequestOptions
from service.project_access import InvalidStoredSettings, OptionsCache, StoreBook, project_options, resolve_project
from service.project_settings import ProjectSettingsError, check_project_name, parse_settings
from service.store_setup import StoreNotConfigured, StoreSetupError, default_key_file, open_store, store_key
from service.store import ProjectNotFound, generate_store_key

TEMPLATES = {"ORGANIZATION": "[Company {letter}]", "PERSON": "[Person {n}]"}


def test_settings_validate_strictly_and_never_echo_values():
    parsed = parse_settings(
        {"entities": {"PERSON": {"operator": "tag", "template": "[someone]"}}, "allow_list": [" Spark ", "Kafka"]}
    )
    assert parsed.entities["PERSON"].operator == "tag" and parsed.allow_list == ["Spark", "Kafka"]
    assert parse_settings(None) == parse_settings({})
    for bad in (
        {"language": "en"},
        {"entities": {"PERSON": {"operator": "pseudonym", "template": "Secret Name"}}},
        {"entities": {"PERSON": {"operator": "keep", "colour": "red"}}},
        {"allow_list": ["", "x"]},
    ):
        with pytest.raises(ProjectSettingsError) as caught:
            parse_settings(bad)
        assert "Secret Name" not in str(caught.value) and "red" not in str(caught.value).replace("required", "")


def test_placeholders_reserve_labels_of_any_template(store):
    project = store.create_project("templates")
    book = StoreBook(store, project.id)
    labels = book.allocate(
        [("ORGANIZATION", f"org {n}", f"Org {n}") for n in range(1, 14)], templates={"ORGANIZATION": "Org-{n}"},
        reserved={"org-12"},
    )
    assert set(labels.values()) == {f"Org-{n}" for n in (*range(1, 12), 13, 14)}
    assert book.allocate(
        [("PERSON", "amin shah", "Amin Shah")], templates=TEMPLATES, reserved={"person 1", "university x"}
    ) == {("PERSON", "amin shah"): "[Person 2]"}


def test_store_book_gives_project_wide_labels_and_skips_reserved(store):
    project = store.create_project("glue")
    book = StoreBook(store, project.id)
    first = book.allocate(
        [("ORGANIZATION", "northwind analytics", "Northwind Analytics Inc."), ("PERSON", "amin shah", "Amin Shah")],
        templates=TEMPLATES,
        reserved={"company a"},
    )
    assert first == {("ORGANIZATION", "northwind analytics"): "[Company B]", ("PERSON", "amin shah"): "[Person 1]"}
    # another book (another request, process or machine) on the same project
    again = StoreBook(store, project.id).allocate(
        [("ORGANIZATION", "northwind analytics", "Northwind Analytics"), ("ORGANIZATION", "contoso", "Contoso")],
        templates=TEMPLATES,
        reserved=set(),
    )
    # numbering continues after the highest label given out; a skipped (reserved) one is not handed out later
    assert again == {("ORGANIZATION", "northwind analytics"): "[Company B]", ("ORGANIZATION", "contoso"): "[Company C]"}
    assert book.allocate([], templates=TEMPLATES, reserved=set()) == {}
    assert {e["surrogate"]: e["original"] for e in store.export_key(project.id)} == {
        "[Company C]": "Contoso", "[Company B]": "Northwind Analytics Inc.", "[Person 1]": "Amin Shah",
    }


def test_engine_redacts_with_a_store_book(engine, store):
    project = store.create_project("engine-book")
    store.add_term(project.id, "Acme Corp", "ORGANIZATION", surrogate="Company Y")
    options = project_options(store, project, cache=None)
    book = StoreBook(store, project.id)
    docs = ["Amin Shah: I work at Acme Corp, and Company A was a client.", "Interviewer: hi\nAmin Shah: Acme Corp again, and Contoso Ltd"]
    out = [r.text for r in engine.redact_many(docs, book=book, options=options)]
    assert out[0] == "[Person 1]: I work at [Company Y], and Company A was a client."
    # "Company A" was a placeholder in the first document: the letter stays reserved in the project
    assert out[1] == "Interviewer: hi\n[Person 1]: [Company Y] again, and [Company B]"


def test_project_options_come_from_dictionary_and_settings(store):
    project = store.create_project(
        "options",
        {"allow_list": ["Spark's", "  Kafka "], "entities": {"LOCATION": {"operator": "tag", "template": "[place]"}}},
    )
    options = project_options(store, project, cache=None)
    assert isinstance(options, RequestOptions)
    assert options.dictionary is None and options.allow == frozenset({"spark", "kafka"})
    assert options.entities["LOCATION"].template == "[place]"
    store.add_term(project.id, "Northwind Analytics", "ORGANIZATION")
    options = project_options(store, project, cache=None)
    assert [e.term for e in options.dictionary.entries] == ["Northwind Analytics"]


def test_options_cache_rebuilds_only_when_dictionary_or_settings_change(store):
    cache = OptionsCache()
    project = store.create_project("cached")
    term = store.add_term(project.id, "Northwind Analytics", "ORGANIZATION")
    first = project_options(store, project, cache=cache)
    assert project_options(store, project, cache=cache) is first
    store.add_term(project.id, "Jane Okafor", "PERSON")
    second = project_options(store, project, cache=cache)
    assert second is not first
    store.delete_term(project.id, term.id)
    third = project_options(store, project, cache=cache)
    assert third is not second and len(third.dictionary) == 1
    changed = store.update_project_settings(project.id, {"allow_list": ["Spark"]})
    fourth = project_options(store, changed, cache=cache)
    assert fourth is not third and fourth.allow == frozenset({"spark"})
    broken = store.update_project_settings(project.id, {"colour": "red"})
    with pytest.raises(InvalidStoredSettings) as caught:
        project_options(store, broken, cache=cache)
    assert str(caught.value).startswith(f"project {project.id}: invalid project settings") and "red" not in str(caught.value)


def test_resolve_project_by_id_name_or_digits(store):
    project = store.create_project("study-r")
    assert resolve_project(store, project.id) == project
    assert resolve_project(store, str(project.id)) == project
    assert resolve_project(store, " study-r ") == project
    with pytest.raises(ProjectNotFound):
        resolve_project(store, "nope")
    with pytest.raises(ValueError):
        check_project_name("2024")
    assert check_project_name("  Study 2024 ") == "Study 2024"


# -- opening the store ---------------------------------------------------------------------------


def test_cli_creates_a_private_key_file_once_and_says_so(tmp_path):
    settings = Settings(store_url=str(tmp_path / "data" / "projects.sqlite3"))
    said: list[str] = []
    with open_store(settings, create_key=True, announce=said.append) as store:
        store.create_project("p")
    key_file = default_key_file(settings)
    assert key_file == tmp_path / "data" / "projects.sqlite3.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(said) == 1 and str(key_file) in said[0] and "back it up" in said[0].lower()
    key = key_file.read_bytes().strip()
    assert key.decode() not in said[0]
    with open_store(settings, create_key=True, announce=said.append) as store:  # reused silently
        assert [p.name for p in store.list_projects()] == ["p"]
    assert len(said) == 1
    # The service never uses or creates it implicitly, but says where it is.
    with pytest.raises(StoreNotConfigured) as caught:
        open_store(settings)
    assert "TANON_STORE_KEY" in str(caught.value) and str(key_file) in str(caught.value)


def test_an_existing_store_without_its_key_file_is_an_error_not_a_new_key(tmp_path):
    settings = Settings(store_url=str(tmp_path / "projects.sqlite3"))
    with open_store(settings, create_key=True, announce=lambda m: None):
        pass
    default_key_file(settings).unlink()
    with pytest.raises(StoreSetupError) as caught:
        open_store(settings, create_key=True, announce=lambda m: None)
    assert "key file" in str(caught.value)
    assert not default_key_file(settings).exists()


def test_wrong_or_unusable_keys_are_setup_errors_without_the_key(tmp_path):
    url = str(tmp_path / "projects.sqlite3")
    good = generate_store_key().decode()
    with open_store(Settings(store_url=url, store_key=good)):
        pass
    other = generate_store_key().decode()
    with pytest.raises(StoreSetupError) as caught:
        open_store(Settings(store_url=url, store_key=other))
    assert "different store key" in str(caught.value) and other not in str(caught.value)
    with pytest.raises(StoreSetupError) as caught:
        store_key(Settings(store_url=url, store_key="not-a-key"))
    assert "not-a-key" not in str(caught.value)
    with pytest.raises(StoreSetupError):
        store_key(Settings(store_url=url, store_key_file=tmp_path / "missing.key"))
    key_file = tmp_path / "k"
    key_file.write_text(good)
    key_file.chmod(0o600)
    with open_store(Settings(store_url=url, store_key_file=key_file)):
        pass


def test_a_server_database_needs_a_configured_key(tmp_path):
    settings = Settings(store_url="postgresql+psycopg://u:secret-pw@127.0.0.1:1/db")
    with pytest.raises(StoreNotConfigured):
        open_store(settings, create_key=True)
    unreachable = Settings(store_url=settings.store_url, store_key=generate_store_key().decode())
    with pytest.raises(StoreSetupError) as caught:
        open_store(unreachable)
    assert "secret-pw" not in str(caught.value)


def test_settings_read_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("TANON_STORE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("TANON_STORE_KEY_FILE", str(tmp_path / "k"))
    monkeypatch.setenv("TANON_REQUIRE_API_KEY", "true")
    monkeypatch.setenv("TANON_ADMIN_TOKEN", "x" * 20)
    settings = Settings()
    assert settings.store_url.startswith("postgresql") and settings.require_api_key
    assert settings.store_key_environ() == {"TANON_STORE_KEY_FILE": str(tmp_path / "k")}
    assert "x" * 20 not in repr(settings)
    monkeypatch.setenv("TANON_ADMIN_TOKEN", "short")
    with pytest.raises(ValueError):
        Settings()
    monkeypatch.delenv("TANON_STORE_URL")
    monkeypatch.delenv("TANON_ADMIN_TOKEN")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Settings().store_url == str(tmp_path / "xdg" / "tanon" / "projects.sqlite3")


def test_dictionary_hits_survive_presidio_deduplication_against_equal_ner_scores():
    """Presidio keeps one of two same-span, same-type, same-score results by set order (per-process
    string hashes); the dictionary's result must win so its canonical form is never lost."""
    from presidio_analyzer import EntityRecognizer, RecognizerResult

    from recognizers.project_dictionary_recognizer import ProjectDictionaryRecognizer

    recognizer = ProjectDictionaryRecognizer([("Northwind Analytics", "ORGANIZATION", ())])
    (hit,) = recognizer.analyze("Northwind", None)
    ner = RecognizerResult("ORGANIZATION", 0, 9, 0.85)
    assert hit.score > ner.score
    for results in ([ner, hit], [hit, ner]):
        (kept,) = EntityRecognizer.remove_duplicates(results)
        assert kept.recognition_metadata["dictionary_canonical"] == "northwind analytics"


def test_engine_keeps_an_organization_and_its_short_form_together_across_documents(engine, store):
    project = store.create_project("short-forms")
    book = StoreBook(store, project.id)
    first = engine.redact("Interviewer: Where do you work?\nAmara: At Halvorsen Analytics, for two years.",
                          book=book).text
    second = engine.redact("Interviewer: And before?\nAmara: Before that I was at Halvorsen Inc. too.", book=book).text
    assert "Halvorsen" not in first + second
    label = first.split("At ", 1)[1].split(",", 1)[0]
    assert label.startswith("[Company") and label in second
