"""Round-trips of the shared dev transcripts (Otter, Zoom VTT, SRT), when they are present."""
import re
from pathlib import Path

import pytest

from service.formats import detect_format, read, write
from service.models import Replacement

DOCS = Path("/work/shared/eval/dev/docs")
MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]")
CASES = [("d02_hr_tech_otter.txt", "otter"), ("d03_hospital_data_zoom.txt", "vtt"),
         ("d06_museum_curator_srt.txt", "srt")]


def unmarked(name: str) -> tuple[bytes, set[str]]:
    """The document without its inline marks, and the PERSON names it marked."""
    if not DOCS.is_dir():
        pytest.skip(f"{DOCS} is not present")
    marked = (DOCS / name).read_text(encoding="utf-8")
    people = {m.group(2) for m in MARK.finditer(marked) if m.group(1) == "PERSON"}
    return MARK.sub(r"\2", marked).encode("utf-8"), people


@pytest.mark.parametrize("name, format", CASES)
def test_dev_docs_round_trip_is_byte_identical(name, format):
    data, _ = unmarked(name)
    assert detect_format(data, name) == format
    transcript = read(data, filename=name)
    assert transcript.format == format
    assert write(transcript, []) == data


@pytest.mark.parametrize("name, format", CASES)
def test_dev_docs_person_names_are_replaced_and_structure_kept(name, format):
    data, people = unmarked(name)
    transcript = read(data, filename=name)
    replacements, taken = [], set()
    for person in sorted(people, key=len, reverse=True):
        for match in re.finditer(r"\b" + re.escape(person) + r"\b", transcript.text):
            if not taken & set(range(match.start(), match.end())):
                taken |= set(range(match.start(), match.end()))
                replacements.append(Replacement(match.start(), match.end(), "PERSON_X"))
    out = write(transcript, replacements)
    again = read(out, filename=name)
    assert [(s.begin, s.end_time) for s in again.segments] == [(s.begin, s.end_time) for s in transcript.segments]
    assert again.text.count("PERSON_X") == len(replacements) > 0
    timing_lines = re.compile(r"^.*-->.*$", re.M)
    assert timing_lines.findall(out.decode()) == timing_lines.findall(data.decode())
    assert re.findall(r"^\d+$", out.decode(), re.M) == re.findall(r"^\d+$", data.decode(), re.M)
