"""A long transcript is read by the model in pieces; what the engine decides does not
depend on where the pieces are cut. Here the pieces are made tiny through the
configuration, so that short texts are cut many times."""
from __future__ import annotations

import pytest
import yaml

from config import CONFIG_DIR
from recognizers.project_dictionary_recognizer import DictionaryEntry
from service.config import load_engine_config
from service.engine.chunks import plan_pieces
from service.project_access import build_options
from service.project_settings import ProjectSettings

FILLER_TURNS = [
    "Interviewer: And how did the rollout go after that?",
    "Participant: Honestly it was slow. We had to rebuild most of the reports by hand, and the team was small.",
    "Interviewer: What would you change if you did it again?",
    "Participant: I would start with the data model first and leave the dashboards for later, to be honest.",
]


def turns(*lines: str, filler: int = 3) -> str:
    """The given turns with ``filler`` ordinary turns after each, so that they land in different pieces."""
    out = []
    for line in lines:
        out.append(line)
        out.extend(FILLER_TURNS[i % len(FILLER_TURNS)] for i in range(filler))
    return "\n\n".join(out) + "\n"


@pytest.fixture(scope="module")
def chunked(tmp_path_factory):
    """An engine whose model reads pieces of at most 300 characters, with 80 around each."""
    from service.engine.engine import Engine

    raw = yaml.safe_load((CONFIG_DIR / "default.yaml").read_text(encoding="utf-8"))
    raw["nlp"] = {**raw["nlp"], "chunk_chars": 300, "chunk_context_chars": 80}
    raw["base_dir"] = str(CONFIG_DIR)
    path = tmp_path_factory.mktemp("chunked") / "engine.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return Engine(load_engine_config(path))


def spans(analysis) -> list[tuple[int, int, str]]:
    return [(d.start, d.end, d.entity_type) for d in analysis.decisions]


def surfaces(text: str, analysis) -> list[str]:
    return [text[d.start:d.end] for d in analysis.decisions]


def test_pieces_tile_the_text_and_are_cut_between_turns():
    text = turns("Participant: I joined Northwind Analytics in June.", filler=12)
    pieces = plan_pieces(text, 300, 80)
    assert len(pieces) > 3
    assert pieces[0].core_start == 0 and pieces[-1].core_end == len(text)
    for before, after in zip(pieces, pieces[1:]):
        assert before.core_end == after.core_start
        assert text[after.core_start - 2:after.core_start] == "\n\n"  # a new turn starts there
    for piece in pieces:
        assert piece.core_end - piece.core_start <= 300
        assert piece.start <= piece.core_start and piece.end >= piece.core_end
        assert piece.end - piece.start <= 300 + 4 * 80


def test_a_short_text_is_one_piece():
    text = turns("Participant: I joined Northwind Analytics in June.")
    assert [(p.start, p.core_start, p.core_end, p.end) for p in plan_pieces(text, 60_000, 1_000)] == [
        (0, 0, len(text), len(text))]


def test_chunked_and_whole_readings_decide_the_same(engine, chunked):
    text = turns(
        "Interviewer: Thanks for joining, Priya. Could you start with your role?",
        "Participant: Sure. I'm a data scientist at Brightloom Analytics, before that I was at Hartwell Bank in Leeds.",
        "Participant: My manager, Tomasz Wierzbicki, set up the vendor call with Oakhurst Logistics.",
        "Participant: You can reach me at priya.raman@example.org or on 020 7946 0321.",
        "Participant: Tomasz said Brightloom would pay for it, and Priya would run the pilot.",
    )
    assert len(plan_pieces(text, 300, 80)) > 5
    whole, pieces = engine.analyze(text), chunked.analyze(text)
    assert spans(pieces) == spans(whole)
    assert [(s.start, s.end, s.entity_type) for s in pieces.suggestions] == [
        (s.start, s.end, s.entity_type) for s in whole.suggestions]
    replaced = set(surfaces(text, pieces))
    assert {"Tomasz Wierzbicki", "Brightloom Analytics", "priya.raman@example.org"} <= replaced
    # a name found once with confidence is protected where it appears again, pieces away
    assert text.rindex("Tomasz") in {d.start for d in pieces.decisions}


def test_a_name_where_a_piece_is_cut_is_found_whole_once(engine, chunked):
    words = "and then we went over the budget with the whole team again "
    head = words * 3 + "after lunch we called "
    text = head + "Priya Raman about the schedule " + words * 3
    # One line, no sentence ends: cut between words, here between "Priya" and "Raman".
    cut = text.index("Priya") + len("Priya ")
    pieces = plan_pieces(text, cut, 80)
    assert pieces[0].core_end == cut
    from service.engine.engine import Engine

    small = Engine(chunked.config.model_copy(update={"nlp": chunked.config.nlp.model_copy(update={"chunk_chars": cut})}))
    found, whole = small.analyze(text), engine.analyze(text)
    assert spans(found) == spans(whole)
    assert surfaces(text, found).count("Priya Raman") == 1
    assert not any(s in ("Priya", "Raman") for s in surfaces(text, found))


def test_a_text_longer_than_the_models_limit_is_read_in_pieces(engine, chunked):
    text = turns("Participant: I worked with Tomasz Wierzbicki at Brightloom Analytics.", filler=60)
    nlp = chunked.nlp
    limit = nlp.max_length
    nlp.max_length = 1_000
    try:
        assert len(text) > 3 * nlp.max_length
        analysis = chunked.analyze(text)
    finally:
        nlp.max_length = limit
    assert spans(analysis) == spans(engine.analyze(text))
    assert "Tomasz Wierzbicki" in surfaces(text, analysis)


def test_a_dictionary_term_written_in_one_piece_vouches_for_its_sound_alike_in_another(engine, chunked):
    options = build_options([DictionaryEntry("Snowflake", "ORGANIZATION")], ProjectSettings())
    text = turns(
        "Participant: We moved the warehouse to Snowflake in March.",
        "Participant: The report said snow flick kept timing out.",
        filler=6,
    )
    at = text.index("snow flick")
    (piece,) = [p for p in plan_pieces(text, 300, 80) if p.core_start <= at < p.core_end]
    assert piece.start > text.index("Snowflake")  # the piece with the sound-alike never shows the term
    whole, pieces = engine.analyze(text, options=options), chunked.analyze(text, options=options)
    assert spans(pieces) == spans(whole)
    assert "snow flick" in surfaces(text, pieces)


def test_an_acronym_defined_in_one_piece_counts_in_another(engine, chunked):
    text = turns(
        "Participant: I spent four years at Hartwell Bank (HB) on the risk team.",
        "Participant: The data at HB was a mess, so we rebuilt it.",
        filler=6,
    )
    at = text.rindex("HB")
    (piece,) = [p for p in plan_pieces(text, 300, 80) if p.core_start <= at < p.core_end]
    assert piece.start > text.index("(HB)")  # the piece with the use never shows the definition
    whole, pieces = engine.analyze(text), chunked.analyze(text)
    assert spans(pieces) == spans(whole)
    assert text.rindex("HB") in {d.start for d in pieces.decisions}


def test_lowercase_speech_to_text_is_recased_and_read_the_same_in_pieces(engine, chunked):
    text = turns(
        "participant: so i joined brightloom analytics in june, my manager was tomasz wierzbicki.",
        "participant: then tomasz moved to oakhurst logistics in leeds and i took over the pilot.",
        "participant: honestly i think brightloom was the better place for me, to be honest.",
    ).lower()
    assert len(plan_pieces(text, 300, 80)) > 3
    whole, pieces = engine.analyze(text), chunked.analyze(text)
    assert spans(pieces) == spans(whole)
    assert "tomasz wierzbicki" in surfaces(text, pieces)
