from service.formats import detect_format, read, write

NAMES = {"Marijn de Vries": "Person A", "Marijn": "Person A", "Pieter Smit": "Person B",
         "Anouk Jansen": "Person C"}


def test_otter_round_trip_is_byte_identical(sample):
    data = sample("otter.txt")
    transcript = read(data, filename="otter.txt")
    assert transcript.format == "otter"
    assert write(transcript, []) == data


def test_otter_text_has_speaker_names_without_timestamps(sample):
    transcript = read(sample("otter.txt"), filename="otter.txt")
    assert transcript.text.startswith("Speaker 1: Okay, hi Marijn,")
    assert "Marijn de Vries: Yes, every word." in transcript.text
    assert "0:07" not in transcript.text and "1:02:31" not in transcript.text
    turn = transcript.segments[1]
    assert (turn.speaker, turn.begin) == ("Marijn de Vries", "0:07")
    assert transcript.text[turn.speaker_start:turn.speaker_end] == "Marijn de Vries"
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


# A full Otter export: title, date line, SUMMARY KEYWORDS, SPEAKERS, turns, footer.

def test_otter_full_export_is_detected_as_otter(sample):
    data = sample("otter_export.txt")
    assert detect_format(data, "call.txt") == "otter"
    assert detect_format(data, None) == "otter"
    assert detect_format(data.replace(b"\n", b"\r\n"), None) == "otter"


def test_otter_full_export_round_trip_is_byte_identical(sample):
    data = sample("otter_export.txt")
    transcript = read(data, filename="call.txt")
    assert transcript.format == "otter"
    assert write(transcript, []) == data


def test_otter_full_export_reads_preamble_and_turns(sample):
    transcript = read(sample("otter_export.txt"), filename="call.txt")
    text = transcript.text
    # The title and the SPEAKERS list are read: names there are names.
    assert text.startswith("Product discovery call with Lisbeth Arkwright\n")
    assert "SPEAKERS\nLisbeth Arkwright, Speaker 1, Idris Mwangi\n" in text
    assert "reconciliation, lisbeth" in text
    # Turn headers are speaker labels; no timestamp reaches the engine.
    assert "Speaker 1: Okay, we're recording." in text
    assert "Lisbeth Arkwright: Sure. On Mondays" in text
    for stamp in ("00:04", "00:26", "01:03:17", "18:22", "9:30AM"):
        assert stamp not in text
    # The date line and Otter's footer are layout the tool wrote, not speech.
    assert "Feb 15" not in text and "Transcribed by" not in text
    turns = [s for s in transcript.segments if s.speaker]
    assert [(s.speaker, s.begin) for s in turns] == [
        ("Speaker 1", "00:04"), ("Lisbeth Arkwright", "00:09"), ("Idris Mwangi", "00:17"),
        ("Speaker 1", "00:26"), ("Lisbeth Arkwright", "01:03:17")]


def test_otter_full_export_names_replaced_everywhere(sample, replace_names, assert_only_names_changed):
    data = sample("otter_export.txt")
    transcript = read(data, filename="call.txt")
    assert transcript.format == "otter"
    names = {"Lisbeth Arkwright": "Person A", "Idris Mwangi": "Person B"}
    out = write(transcript, replace_names(transcript.text, names)).decode()
    assert_only_names_changed(data.decode(), out, list(names))
    assert out.startswith("Product discovery call with Person A\n")
    assert "SPEAKERS\nPerson A, Speaker 1, Person B\n" in out
    assert "Person A  01:03:17\n" in out and "Person B  00:17\n" in out
    assert out.endswith("Transcribed by https://otter.ai\n")


def test_otter_not_detected_without_otter_markers():
    # A note with a "Name  0:03"-like line after a paragraph, but no Otter section, stays text.
    plain = b"Meeting notes from Tuesday\n\nAgenda  0:03\nWe talked about budgets.\n"
    assert detect_format(plain, "notes.txt") == "text"


def test_otter_export_with_only_a_title_and_a_short_date_line():
    data = (b"Weekly check-in\n\nSun, 7/26 2:51PM \xe2\x80\xa2 1:15\n\n"
            b"Speaker 1  00:00\nShall we start?\n\nGideon Farrow  00:08\nYes, go ahead.\n")
    assert detect_format(data, "checkin.txt") == "otter"
    transcript = read(data, filename="checkin.txt")
    assert "7/26" not in transcript.text
    assert "Gideon Farrow: Yes, go ahead." in transcript.text
    assert write(transcript, []) == data
