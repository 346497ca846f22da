"""The noise filter on speaker labels and header keys: layout, never names."""
from __future__ import annotations

from pathlib import Path

import pytest

from service.engine.noise import NoiseFilter


@pytest.mark.parametrize(
    "surface",
    [
        # diarization labels (pyannote, WhisperX)
        "SPEAKER_00", "SPEAKER_01", "speaker_12", "SPK_3",
        # roles with a number or a letter
        "Speaker 1", "Speaker A", "Interviewer 2", "Participant 3", "Respondent B", "P4", "P 4", "R2",
        "Participant #3", "Participant no. 3",
        # roles and their abbreviations
        "Int", "Resp", "IV", "IE", "Moderator", "Interviewer",
        # qualified roles
        "Unknown Speaker", "Unidentified Speaker", "Female Speaker", "Co-Interviewer",
    ],
)
def test_noise_speaker_role_labels_are_roles(noise, surface):
    assert noise.why_noise(surface) in ("speaker_roles", "role_abbreviations")


@pytest.mark.parametrize("surface", ["Transcriber", "WEBVTT", "Kind", "Duration", "Language", "Date"])
def test_noise_header_keys_are_never_names(noise, surface):
    assert noise.why_noise(surface) is not None


@pytest.mark.parametrize(
    "surface",
    # Short names that look like a role letter plus a designator must stay names.
    ["Al", "Qi", "Ma", "Mo", "Alla", "Ima", "Pia", "Ria", "Jane", "Amin", "Dr Lee", "Speakerman", "Ines Valdemar"],
)
def test_noise_short_names_are_not_roles(noise, surface):
    assert noise.why_noise(surface) is None


@pytest.mark.parametrize("text", ["Peter Kind", "Iv Stanek", "Idris Int"])
def test_noise_header_keys_and_role_abbreviations_are_not_trimmed_off_names(noise, text):
    assert noise.trim(text, 0, len(text)) == (0, len(text))


def test_noise_quarters_are_not_names(noise):
    assert noise.why_noise("Q3") is not None
    text = "Q3 Halvorsen Dairy"
    assert noise.trim(text, 0, len(text)) == (3, len(text))


def test_noise_yes_and_no_are_fillers(noise):
    # YAML reads a bare yes/no as a boolean; the list must still hold the words.
    assert noise.why_noise("No") == "fillers" and noise.why_noise("Yes") == "fillers"


def test_noise_refuses_a_list_entry_that_is_not_a_string(tmp_path: Path):
    path = tmp_path / "noise.yaml"
    path.write_text("fillers:\n  - um\n  - no\n", encoding="utf-8")
    with pytest.raises(ValueError, match="fillers"):
        NoiseFilter.from_file(path)
