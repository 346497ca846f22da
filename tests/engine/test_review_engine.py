"""The review tiers through the real engine: suggestions come out of an analysis (offsets
in the original text, whatever its line endings) and overrides change a redaction."""
from __future__ import annotations

import re

import pytest

from service.engine.overrides import Override, OverrideError

TEXT = ("Dara Kellerman: We hired a Wolf for the security audit.\n"
        "Interviewer: And how was it?\n"
        "Dara Kellerman: The Wolf report was harsh. Our panel came from brightwick, honestly.\n")


def test_engine_suggests_what_a_filter_removed(engine):
    analysis = engine.analyze(TEXT)
    suggested = [TEXT[s.start:s.end] for s in analysis.suggestions]
    assert suggested == ["Wolf", "Wolf"]
    assert all(s.reason.startswith("not replaced: ") and s.source == "spacy_ner.v1" for s in analysis.suggestions)
    assert not any(TEXT[s.start:s.end] == "Interviewer" for s in analysis.suggestions)


def test_engine_suggestions_point_into_the_original_text_with_crlf(engine):
    crlf = TEXT.replace("\n", "\r\n")
    analysis = engine.analyze(crlf)
    assert [crlf[s.start:s.end] for s in analysis.suggestions] == ["Wolf", "Wolf"]


def test_engine_suggestions_settings_are_validated(tmp_path):
    import yaml

    from config import CONFIG_DIR
    from service.config import ConfigError, load_engine_config

    raw = yaml.safe_load((CONFIG_DIR / "default.yaml").read_text(encoding="utf-8"))
    raw["base_dir"] = str(CONFIG_DIR)
    raw["review"] = {"suggestions": {"enabled": False, "per_150_words": 2.5}}
    path = tmp_path / "engine.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    loaded = load_engine_config(path).review.suggestions
    assert (loaded.enabled, loaded.per_150_words, loaded.min_budget) == (False, 2.5, 5)
    raw["review"] = {"suggestions": {"per_150_words": -1}}
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(ConfigError, match="per_150_words"):
        load_engine_config(path)


def test_engine_redact_applies_overrides_after_its_own_decisions(engine):
    start = TEXT.index("brightwick")
    wolf = TEXT.index("Wolf")
    plain = engine.redact(TEXT)
    assert "brightwick" in plain.text and "Wolf" in plain.text and plain.reviewed_from is None
    reviewed = engine.redact(TEXT, overrides=[
        Override(start, start + len("brightwick"), "add", "ORGANIZATION"),
        Override(wolf, wolf + 4, "accept", "PERSON", apply_to_all=True),
        Override(0, len("Dara Kellerman"), "reject"),
    ])
    assert "brightwick" not in reviewed.text and "Wolf" not in reviewed.text
    # rejected where the reviewer rejected it, replaced at its other mention
    assert reviewed.text.startswith("Dara Kellerman: We hired a [Person ")
    assert re.search(r"\n\[Person \d\]: The \[Person \d\] report was harsh\. Our panel came from \[Company A\],",
                     reviewed.text), reviewed.text
    assert reviewed.reviewed_from == plain.decisions
    with pytest.raises(OverrideError, match="decision 1: an unknown entity type"):
        engine.redact(TEXT, overrides=[Override(start, start + 10, "add", "COLOUR")])
