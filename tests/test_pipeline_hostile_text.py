"""Text that is odd but legitimate, through the one path (read -> engine -> write): every
name found whatever the letters around it, and nothing but the names changed."""
from __future__ import annotations

import pytest

from recognizers.project_dictionary_recognizer import ProjectDictionaryRecognizer
from service.engine.engine import RequestOptions
from service.pipeline import redact_document

MAX = 1_000_000


def redact(engine, data: bytes, name: str, options: RequestOptions = RequestOptions()) -> bytes:
    return redact_document(engine, data, name=name, max_bytes=MAX, options=options).data


def test_a_speaker_name_with_a_dotted_capital_is_one_name_and_found_everywhere(engine):
    data = ("Interviewer: Welcome.\nİlknur Işık: Thanks for having me.\n"
            "Interviewer: So İlknur, tell me about the move.\nİlknur Işık: It went well.\n").encode()
    out = redact(engine, data, "call.txt").decode()
    assert "İlknur" not in out and "Işık" not in out
    assert out.count("Interviewer:") == 2 and "tell me about the move." in out
    labels = [line.split(":")[0] for line in out.splitlines()]
    assert labels[1] == labels[3] and labels[1].startswith("[Person")


def test_every_casing_of_a_name_with_case_mapping_letters_is_replaced(engine):
    text = "Dr. İlknur Işık from the Berlin office joined us. Later I asked İLKNUR IŞIK again.\n"
    out = redact(engine, text.encode(), "notes.txt").decode()
    assert "lknur" not in out.lower() and "ışık" not in out.lower() and "IŞIK" not in out
    assert out.endswith(" again.\n") and "from the" in out


def test_a_name_joined_by_a_no_break_space_is_found_and_the_space_goes_with_it(engine):
    options = RequestOptions(recognizers=(ProjectDictionaryRecognizer([("Brackenfold Analytics", "ORGANIZATION", ())]),))
    out = redact(engine, "We signed with Brackenfold\u00a0Analytics last year.\n".encode(), "a.txt", options).decode()
    assert "Brackenfold" not in out and "Analytics" not in out
    assert out.startswith("We signed with [") and out.endswith("] last year.\n")


def test_terminal_escape_sequences_stay_byte_for_byte(engine):
    options = RequestOptions(recognizers=(ProjectDictionaryRecognizer([("Dana Whitlock", "PERSON", ())]),))
    data = b"\x1b[31mDana Whitlock\x1b[0m said hello to \x1b[1mthe team\x1b[0m\x1b]0;title\x07\n"
    out = redact(engine, data, "console.txt", options)
    assert b"Dana" not in out and b"Whitlock" not in out
    assert out.startswith(b"\x1b[31m[") and out.endswith(b"]\x1b[0m said hello to \x1b[1mthe team\x1b[0m\x1b]0;title\x07\n")


def test_unknown_speaker_is_a_label_and_stays_as_written(engine):
    data = b"Unknown Speaker: hello there\nDana Whitlock: hi, thanks for joining\nUnknown Speaker: ok\n"
    out = redact(engine, data, "call.txt")
    assert out.count(b"Unknown Speaker: ") == 2 and b"Whitlock" not in out


def test_a_name_wrapped_across_two_cues_becomes_one_surrogate_in_the_first(engine):
    options = RequestOptions(recognizers=(ProjectDictionaryRecognizer([("Dana Whitlock", "PERSON", ())]),))
    data = (b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nYesterday I met Dana\n\n"
            b"00:00:02.000 --> 00:00:03.000\nWhitlock at the station.\n")
    out = redact(engine, data, "call.vtt", options).decode()
    assert "Dana" not in out and "Whitlock" not in out
    assert "00:00:01.000 --> 00:00:02.000\nYesterday I met [" in out
    assert "00:00:02.000 --> 00:00:03.000\n at the station.\n" in out


@pytest.mark.parametrize("name", ["notes.txt", "call.vtt", "call.json"])
def test_names_in_vtt_notes_and_whisperx_word_segments_are_redacted(engine, name):
    options = RequestOptions(recognizers=(ProjectDictionaryRecognizer([("Dana Whitlock", "PERSON", ())]),))
    data = {
        "notes.txt": b"NOTE Dana Whitlock\n",
        "call.vtt": b"WEBVTT\n\nNOTE recorded by Dana Whitlock\n\n00:00:01.000 --> 00:00:02.000\nHello.\n",
        "call.json": b'{"segments": [{"start": 0, "end": 1, "text": "I am Dana Whitlock.", "words": []}],'
                     b' "word_segments": [{"word": "I"}, {"word": "am"}, {"word": "Dana"}, {"word": "Whitlock."}]}',
    }[name]
    out = redact(engine, data, name, options)
    assert b"Dana" not in out and b"Whitlock" not in out
