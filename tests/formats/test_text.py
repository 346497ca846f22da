from service.formats import read, write

NAMES = {"Dana Whitfield": "Person A", "Dana": "Person A", "Omar Haddad": "Person B",
         "Kelsey Brandt": "Person C"}


def test_text_round_trip_is_byte_identical(sample):
    data = sample("interview.txt")
    transcript = read(data, filename="interview.txt")
    assert transcript.format == "text"
    assert write(transcript, []) == data


def test_text_text_is_the_decoded_file(sample):
    data = sample("interview.txt")
    assert read(data, filename="interview.txt").text == data.decode("utf-8")


def test_text_segments_carry_speaker_labels(sample):
    transcript = read(sample("interview.txt"), filename="interview.txt")
    speakers = [s.speaker for s in transcript.segments]
    assert speakers[:4] == ["Interviewer", "Dana Whitfield", "Interviewer", "Dana Whitfield"]
    second = transcript.segments[1]
    assert transcript.text[second.speaker_start:second.speaker_end] == "Dana Whitfield"


def test_text_redaction_changes_only_replaced_spans(sample, replace_names, assert_only_names_changed):
    data = sample("interview.txt")
    transcript = read(data, filename="interview.txt")
    out = write(transcript, replace_names(transcript.text, NAMES))
    original, redacted = data.decode(), out.decode()
    assert_only_names_changed(original, redacted, list(NAMES))
    for name in NAMES:
        assert name not in redacted
    assert redacted.count("Person A") == 3


def test_text_no_op_replacement_is_byte_identical(sample):
    from service.models import Replacement
    data = sample("interview.txt")
    transcript = read(data, filename="interview.txt")
    start = transcript.text.index("Omar Haddad")
    assert write(transcript, [Replacement(start, start + 11, "Omar Haddad")]) == data


def test_text_segments_know_diarized_and_timestamped_labels():
    from service.formats import read

    data = ("SPEAKER_00: Welcome back.\n"
            "[SPEAKER_01] Thanks.\n"
            "[00:01:42] Jane Doe: Shall we start?\n"
            "Jane Doe (00:02:10): Yes.\n"
            "[crosstalk] and then\n").encode()
    transcript = read(data, filename="call.txt")
    assert [s.speaker for s in transcript.segments] == ["SPEAKER_00", "SPEAKER_01", "Jane Doe", "Jane Doe", None]
