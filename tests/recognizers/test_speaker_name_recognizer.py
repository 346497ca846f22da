from __future__ import annotations

import pytest

from recognizers.speaker_name_recognizer import SpeakerNameRecognizer


@pytest.fixture(scope="module")
def recognizer(noise):
    from service.vocabulary.word_frequency import word_zipf

    return SpeakerNameRecognizer(why_noise=noise.why_noise, word_zipf=word_zipf)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Amin: I work there.", ["Amin"]),
        ("Dr Lee: hello", ["Dr Lee"]),
        ("Nora Lindqvist: Right, shall we begin?", ["Nora Lindqvist"]),
        ("Interview 5 - Amin\n\nInterviewer\n", ["Amin"]),
        ("Participant: Dr Lee\n", ["Dr Lee"]),
        ("Jane Doe  12:41\nSo the thing is", ["Jane Doe"]),
        # roles and layout are not names
        ("Interviewer: so tell me", []),
        ("Interviewee: sure", []),
        ("P1: I farm corn", []),
        ("Speaker 1  0:03\nOkay hi", []),
        ("Moderator: welcome", []),
        ("CURATOR: Of course.", []),
        ("mm-hmm: yes", []),
        ("Note: this was at 10:30", []),
    ],
)
def test_speaker_name_table(recognizer, text, expected):
    results = recognizer.analyze(text, ["PERSON"])
    assert sorted(text[r.start:r.end] for r in results) == sorted(expected)
    for r in results:
        assert r.entity_type == "PERSON" and r.analysis_explanation.textual_explanation


def _found(recognizer, text):
    return sorted((text[r.start:r.end], r.entity_type) for r in recognizer.analyze(text, []))


@pytest.mark.parametrize(
    "text, expected",
    [
        # Diarization and generic labels are layout: kept as written, never people.
        ("SPEAKER_00: Thanks for coming in.", [("SPEAKER_00", "PLACEHOLDER")]),
        ("[SPEAKER_01]: Glad to be here.", [("SPEAKER_01", "PLACEHOLDER")]),
        ("[SPEAKER_01] Glad to be here.", [("SPEAKER_01", "PLACEHOLDER")]),
        ("Speaker A: Then I moved teams.", [("Speaker A", "PLACEHOLDER")]),
        ("Speaker 1: Right.", [("Speaker 1", "PLACEHOLDER")]),
        ("P4: No idea.", [("P4", "PLACEHOLDER")]),
        ("P 4: Me neither.", [("P 4", "PLACEHOLDER")]),
        ("Interviewer 2: Yes.", [("Interviewer 2", "PLACEHOLDER")]),
        ("Participant 3: No.", [("Participant 3", "PLACEHOLDER")]),
        ("Unknown Speaker: Hello?", [("Unknown Speaker", "PLACEHOLDER")]),
        ("Unknown Speaker  0:03\nHello?", [("Unknown Speaker", "PLACEHOLDER")]),
        ("R: Yes.", []), ("I: Okay.", []), ("Int: So tell me more.", []), ("Resp: Sure.", []),
        ("IV: Anything else?", []), ("Moderator: Thanks.", []),
        # A label that is a name: only the name, never the timestamp, colon or role word.
        ("Amin: Hi, I am new.", [("Amin", "PERSON")]),
        ("Interviewer Jane: Hi.", [("Jane", "PERSON")]),
        ("Jane Doe  1:42\nYes, with Lee.", [("Jane Doe", "PERSON")]),
        ("Jane Doe (00:01:42): Yes.", [("Jane Doe", "PERSON")]),
        ("[00:01:42] Jane Doe: Yes.", [("Jane Doe", "PERSON")]),
        ("00:01:42 Jane Doe: Yes.", [("Jane Doe", "PERSON")]),
        ("Jane Doe (Northwind): Yes.", [("Jane Doe", "PERSON")]),
        # Headers: the key is layout, a value that is a name is a name.
        ("Interview 5 - Amin\n", [("Amin", "PERSON")]),
        ("Participant: Dr Lee\n", [("Dr Lee", "PERSON")]),
        ("Interviewee: Jane Doe (Northwind)\n", [("Jane Doe", "PERSON")]),
        ("Transcriber: Omar Haddad\n", [("Omar Haddad", "PERSON")]),
        ("Interviewed by: Anneliese Solberg\n", [("Anneliese Solberg", "PERSON")]),
        ("Participant: P7\n", [("P7", "PLACEHOLDER")]),
        ("Date: 3 March 2024\n", []), ("Duration: 45 min\n", []), ("Language: en\n", []),
        ("Kind: captions\n", []), ("WEBVTT\n", []),
        # Speech after a role label is not a header value.
        ("Respondent: Absolutely.\n", []), ("Interviewer: Okay Great\n", []),
        # Speaker lists: Otter's SPEAKERS section and "Attendees:" lines.
        ("SPEAKERS\nLisbeth Arkwright, Speaker 1, Idris Mwangi\n",
         [("Idris Mwangi", "PERSON"), ("Speaker 1", "PLACEHOLDER"), ("Lisbeth Arkwright", "PERSON")]),
        ("Attendees: Jane Doe, Amin Farouk and Dr Lee\n",
         [("Amin Farouk", "PERSON"), ("Dr Lee", "PERSON"), ("Jane Doe", "PERSON")]),
        ("Participants\nWe had three groups, all remote.\n", []),
    ],
)
def test_speaker_name_labels_and_headers(recognizer, text, expected):
    assert _found(recognizer, text) == sorted(expected)
    # Windows line endings change nothing.
    assert _found(recognizer, text.replace("\n", "\r\n")) == sorted(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # Lowercase speech-to-text: a label that opens two or more turns, or has a rare word.
        ("nora lindqvist: right, shall we begin?\nmarta: yes.\nnora lindqvist: good.",
         [("nora lindqvist", "PERSON"), ("nora lindqvist", "PERSON")]),
        ("00:01:02 wiremu: kia ora everyone\n", [("wiremu", "PERSON")]),
        ("mark: we can start\nmark: and then stop\n", [("mark", "PERSON"), ("mark", "PERSON")]),
        ("nora lindqvist  0:03\nhello there\n", [("nora lindqvist", "PERSON")]),
        # lowercase roles and prose are not names
        ("interviewer: so tell me\nrespondent: sure\n", []),
        ("speaker a: okay\nspeaker b: fine\n", [("speaker a", "PLACEHOLDER"), ("speaker b", "PLACEHOLDER")]),
        ("r: yes\ni: no\n", []),
        ("so the thing is: nobody asked\nso the thing is: again\n", []),
        ("however: that was late\n", []),
        ("mark: we can start\n", []),  # one turn, a common word: not sure enough
    ],
)
def test_speaker_name_lowercase_labels(recognizer, text, expected):
    assert _found(recognizer, text) == sorted(expected)
