from service.formats import detect_format, read, write

NAMES = {"Renske de Vries": "Person A", "Renske": "Person A", "Pieter Smit": "Person B",
         "Anouk Jansen": "Person C"}


def test_otter_round_trip_is_byte_identical(sample):
    data = sample("otter.txt")
    transcript = read(data, filename="otter.txt")
    assert transcript.format == "otter"
    assert write(transcript, []) == data


def test_otter_text_has_speaker_names_without_timestamps(sample):
    transcript = read(sample("otter.txt"), filename="otter.txt")
    assert transcript.text.startswith("Speaker 1: Okay, hi Renske,")
    assert "Renske de Vries: Yeah, loud and clear." in transcript.text
    assert "0:07" not in transcript.text and "1:02:31" not in transcript.text
    turn = transcript.segments[1]
    assert (turn.speaker, turn.begin) == ("Renske de Vries", "0:07")
    assert transcript.text[turn.speaker_start:turn.speaker_end] == "Renske de Vries"
    assert transcript.segments[4].begin == "1:02:31"


def test_otter_label_and_body_are_replaced_consistently(sample, replace_names, assert_only_names_changed):
    data = sample("otter.txt")
    transcript = read(data, filename="otter.txt")
    out = write(transcript, replace_names(transcript.text, NAMES)).decode()
    assert_only_names_changed(data.decode(), out, list(NAMES))
    assert "Person A  0:07\n" in out and "Person A  0:25\n" in out
    assert "Thanks so much, Person A." in out
    assert read(out.encode(), filename="otter.txt").segments[1].speaker == "Person A"


def test_otter_detected_in_txt_but_speaker_turn_text_is_not(sample):
    assert detect_format(sample("otter.txt"), "otter.txt") == "otter"
    assert detect_format(sample("otter.txt"), None) == "otter"
    assert detect_format(sample("interview.txt"), "interview.txt") == "text"
    assert detect_format(b"We met at\n10:30 today\n", "notes.txt") == "text"
