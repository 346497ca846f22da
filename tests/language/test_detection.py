"""Which language a transcript is in: other languages are told apart, and nothing English
(labels, timestamps, names, loanwords, lowercase speech-to-text, short texts) is mistaken."""
from __future__ import annotations

import pytest

from service import formats
from service.config import LanguageDetectionConfig
from service.engine.language import excerpts, guess_language, language_name, language_words, sample
from tests.conftest import REPO

SETTINGS = LanguageDetectionConfig()

# An English interview that quotes German and Spanish and names German people and firms.
MIXED = (
    "Interviewer: You spent two years in Stuttgart before this job, right?\n"
    "Participant: Yes, at Kessler Werkzeugbau, a machine-tool supplier. My team lead, Herr Brückmann, "
    "ended every meeting with 'Also, dann machen wir das morgen, oder?', and it became a running joke, "
    "because tomorrow never came. I liked the people though, and I learned how careful they are with data.\n"
    "Interviewer: And the move to the Madrid office?\n"
    "Participant: Different culture. The first thing my manager told me was 'tranquilo, aquí no corremos', "
    "which was a relief after Germany. We rebuilt the supplier dashboards there in about six months, "
    "mostly with the same tools as before, so the learning curve was short.\n"
)


def english_transcripts() -> list[tuple[str, str]]:
    """Every English transcript in the repository's examples and format samples, as the
    engine sees it (the reader's text), and the same lowercased as speech-to-text."""
    texts = [("examples/interview_03.txt", (REPO / "examples" / "interview_03.txt").read_text(encoding="utf-8"))]
    for path in sorted((REPO / "tests" / "formats" / "samples").iterdir()):
        transcript = formats.read(path.read_bytes(), filename=path.name, format=None, max_bytes=10_000_000)
        texts.append((f"samples/{path.name}", transcript.text))
    return texts + [(f"{name} (lowercase)", text.lower()) for name, text in texts]


def test_layout_numbers_and_names_are_not_language_evidence():
    words = language_words(
        "Speaker 1  0:03\nJane Doe: I met Jürgen Hölzl at Deutsche Bank [inaudible] on 12.03.2021, "
        "mail jane@example.org or see https://example.org/x."
    )
    assert words == ["I", "met", "at", "on", "mail", "or", "see"]


def test_other_languages_are_recognised(german_path, spanish_path):
    german = guess_language(german_path.read_text(encoding="utf-8"), SETTINGS)
    spanish = guess_language(spanish_path.read_text(encoding="utf-8"), SETTINGS)
    assert (german.code, german.name) == ("de", "German") and german.confidence >= SETTINGS.min_confidence
    assert (spanish.code, spanish.name) == ("es", "Spanish") and spanish.confidence >= SETTINGS.min_confidence


def test_lowercase_speech_to_text_in_another_language_is_recognised(german_path):
    asr = " ".join(german_path.read_text(encoding="utf-8").lower().replace(",", " ").replace(".", " ").split())
    assert guess_language(asr, SETTINGS).code == "de"


@pytest.mark.parametrize("text", [
    "Interviewer: Thanks. Bye.",
    "P1: Yeah, mm-hmm.",
    "Speaker 1  0:03\nOkay.",
    "Interviewer: Danke! Gracias! Okay, let's start.",
    "Herr Brückmann: Guten Morgen, Frau Lindqvist. Wie geht es Ihnen heute?",
])
def test_short_texts_are_never_judged(text):
    assert guess_language(text, SETTINGS).code is None


def test_an_english_interview_quoting_other_languages_is_english():
    assert guess_language(MIXED, SETTINGS).code == "en"


@pytest.mark.parametrize("name,text", english_transcripts(), ids=lambda v: v if len(v) < 60 else None)
def test_no_english_transcript_in_the_repository_is_taken_for_another_language(engine, name, text):
    assert engine.choose_language(text) == "en"


def test_the_evaluation_transcripts_are_english(engine, dev_docs, seed_doc):
    for doc in [*dev_docs, seed_doc]:
        assert engine.choose_language(doc["text"]) == "en", doc["id"]
        assert engine.choose_language(doc["text"].lower()) == "en", doc["id"]


def test_an_english_preamble_does_not_hide_a_long_german_interview(german_path):
    preamble = (
        "Consent: The participant agreed to the recording and to the use of anonymised quotes. "
        "The interview was conducted online and transcribed by the research team. " * 8
    )
    german = german_path.read_text(encoding="utf-8")
    assert guess_language(preamble + "\n" + german * 12, SETTINGS).code == "de"


def test_a_long_transcript_is_read_in_excerpts_of_whole_lines(example_path):
    text = example_path.read_text(encoding="utf-8") * 20
    parts = excerpts(text, 12_000)
    assert len(parts) == 8 and sum(map(len, parts)) <= 12_000
    assert all(part.rstrip("\n").split("\n")[-1] in text.splitlines() for part in parts)
    assert excerpts("short text", 12_000) == ["short text"]


def test_a_long_transcript_is_read_in_pieces_from_all_over():
    words = [f"w{i}" for i in range(10_000)]
    picked = sample(words, 800)
    assert len(picked) == 800 and picked[0] == "w0" and picked[-1] == "w9999"
    assert sample(words[:500], 800) == words[:500]


def test_language_names_come_from_the_code():
    assert language_name("de") == "German" and language_name("pt") == "Portuguese"
    assert "zz" in language_name("zz") and language_name("?!") == "?!"
