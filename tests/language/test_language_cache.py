"""The language detector read from the engine's cache folder guesses as the package's own."""
from service.engine import language


def test_cached_detector_guesses_as_the_package_model(tmp_path, monkeypatch):
    monkeypatch.setenv("TANON_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(language, "_loaded", None)
    fresh = language._identifier()
    assert list(tmp_path.glob("langid-*.pickle"))
    monkeypatch.setattr(language, "_loaded", None)
    cached = language._identifier()
    assert cached is not fresh
    for text in ("we moved the whole team to the new office last spring",
                 "nous avons déménagé toute l'équipe dans le nouveau bureau au printemps"):
        assert cached.classify(text) == fresh.classify(text)
