"""Damaged files must either be refused with FormatError or come back byte-identical."""
import random

import pytest

from service.formats import FormatError, read, write
from service.models import Replacement

from .test_docx import build_interview_docx

SAMPLES = ["zoom.vtt", "styled.vtt", "utf16_bom.vtt", "inline_tags.srt", "crlf_bom.srt", "otter.txt",
           "interview.txt", "whisper.json", "whisperx.json"]
SNIPPETS = [b"\n", b"\r\n", b"-->", b"<", b"&", b'"', b"\\", b"{", b"[", b"0", b":", b" ", b"\x00", b"\xff"]


def mutate(data: bytes, rng: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(damaged) or 1)
        choice = rng.random()
        if choice < 0.3 and damaged:
            damaged[at] = rng.randrange(256)
        elif choice < 0.6:
            damaged[at:at] = rng.choice(SNIPPETS)
        elif choice < 0.85:
            del damaged[at:at + rng.randint(1, 20)]
        else:
            del damaged[at:]
    return bytes(damaged)


@pytest.mark.parametrize("name", SAMPLES + ["interview.docx"])
def test_formats_damaged_input_is_refused_or_round_trips(sample, name):
    data = build_interview_docx() if name.endswith(".docx") else sample(name)
    rng = random.Random(name)
    for _ in range(150):
        damaged = mutate(data, rng)
        try:
            transcript = read(damaged, filename=rng.choice([name, None]))
        except FormatError:
            continue
        assert write(transcript, []) == damaged
        middle = len(transcript.text) // 2
        out = write(transcript, [Replacement(middle, min(middle + 5, len(transcript.text)), "Person A")])
        read(out, format=transcript.format)  # the redacted file is still a valid file of its format
