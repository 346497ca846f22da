import json

import pytest

from service.formats import FormatError, read, write
from service.models import Replacement


@pytest.mark.parametrize("name", ["whisper.json", "whisperx.json", "segments_list.json"])
def test_json_stt_round_trip_is_byte_identical(sample, name):
    data = sample(name)
    transcript = read(data, filename=name)
    assert transcript.format == "json"
    assert write(transcript, []) == data


def test_json_stt_text_has_one_line_per_segment_with_speaker(sample):
    transcript = read(sample("whisperx.json"), filename="whisperx.json")
    assert transcript.text == ("SPEAKER_00: Hello Ines Valdemar, thanks for coming.\n"
                               "Ines Valdemar: Of course. Ask Ruié anything.")
    second = transcript.segments[1]
    assert (second.speaker, second.begin, second.end_time) == ("Ines Valdemar", "3.9", "6.0")


def test_json_stt_replaces_segment_text_words_and_speakers(sample, replace_names, assert_only_names_changed):
    data = sample("whisperx.json")
    transcript = read(data, filename="whisperx.json")
    out = write(transcript, replace_names(transcript.text, {"Ines Valdemar": "Person A", "Ruié": "Person B"}))
    result = json.loads(out)
    first, second = result["segments"]
    assert first["text"] == " Hello Person A, thanks for coming."
    # first covered word takes the surrogate, later covered words become "" (timings kept)
    assert [w["word"] for w in first["words"]] == ["Hello", "Person A", ",", "thanks", "for", "coming."]
    assert [w["start"] for w in first["words"]] == [w["start"] for w in json.loads(data)["segments"][0]["words"]]
    assert second["speaker"] == "Person A"
    assert [w["word"] for w in second["words"]][3] == "Person B"
    assert "Ines" not in out.decode() and "Valdemar" not in out.decode()
    # only string tokens holding a name changed; numbers, layout and key order are as written
    assert_only_names_changed(data.decode(), out.decode(), ["Ines Valdemar", "Rui\\u00e9"])


def test_json_stt_word_speakers_follow_the_segment_speaker(sample):
    data = sample("whisperx.json")
    transcript = read(data, filename="whisperx.json")
    out = write(transcript, [Replacement(0, 10, "Interviewer")])
    speakers = {w["speaker"] for w in json.loads(out)["segments"][0]["words"]}
    assert speakers == {"Interviewer"} and json.loads(out)["segments"][0]["speaker"] == "Interviewer"


def test_json_stt_top_level_text_is_mapped_and_a_cross_segment_name_replaced(sample):
    data = sample("whisper.json")
    transcript = read(data, filename="whisper.json")
    span = "Felix\nBrandt"
    start = transcript.text.index(span)
    names = [Replacement(start, start + len(span), "Person B")]
    samira = transcript.text.index("Samira Okafor")
    names.insert(0, Replacement(samira, samira + 13, "Person A"))
    out = json.loads(write(transcript, names))
    assert out["segments"][1]["text"] == " Thanks for having me. I manage the clinic with Dr. Person B"
    assert out["segments"][2]["text"] == "  in Rotterdam, and Samira knows him too."
    assert out["text"] == "".join(s["text"] for s in out["segments"])


def test_json_stt_unaligned_words_are_shown_to_the_engine():
    data = json.dumps({"segments": [{"text": "Hi there", "words": [{"word": "Hi"}, {"word": "Jon"}]}]}).encode()
    transcript = read(data, format="json")
    assert transcript.text == "Hi there\nHi Jon"
    start = transcript.text.index("Jon")
    out = json.loads(write(transcript, [Replacement(start, start + 3, "Person A")]))
    assert out["segments"][0]["words"][1]["word"] == "Person A"


def test_json_stt_unicode_escapes_kept_in_rewritten_strings():
    data = b'{"segments": [{"text": "Jos\\u00e9 met Ana"}]}'
    transcript = read(data, format="json")
    assert transcript.text == "José met Ana"
    out = write(transcript, [Replacement(9, 12, "Zoë")])
    assert out == b'{"segments": [{"text": "Jos\\u00e9 met Zo\\u00eb"}]}'


@pytest.mark.parametrize("data, reason", [
    (b'{"segments": [{"start": NaN, "end": 1, "text": "hi"}]}', "NaN"),
    (b'{"segments": [{"start": Infinity, "end": 1, "text": "hi"}]}', "Infinity"),
    (b'{"segments": [{"text": "hi", "text": "Jane"}]}', "duplicate key"),
    (b'{"segments": [{"text": "hi"}', "invalid JSON"),
    (b'{"results": []}', "'segments'"),
    (b'{"segments": [{"start": 1}]}', "no 'text'"),
    (b"[" * 100_000 + b"]" * 100_000, "nested"),
])
def test_json_stt_refuses_malformed_input(data, reason):
    with pytest.raises(FormatError) as error:
        read(data, format="json")
    assert reason in error.value.reason


def test_json_stt_syntax_error_has_line():
    with pytest.raises(FormatError) as error:
        read(b'{"segments": [\n  {"text": "hi",}\n]}', format="json")
    assert error.value.line == 2
