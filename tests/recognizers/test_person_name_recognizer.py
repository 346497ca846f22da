from __future__ import annotations

import pytest

from recognizers.person_name_recognizer import PersonNameRecognizer
from service.config import CONFIG_DIR


@pytest.fixture(scope="module")
def recognizer(noise, engine_config):
    from service.vocabulary.word_frequency import WordFrequency, word_zipf

    return PersonNameRecognizer(
        first_names=CONFIG_DIR / "names" / "first_names.txt",
        last_names=CONFIG_DIR / "names" / "last_names.txt",
        ambiguous_first_names=CONFIG_DIR / "names" / "ambiguous_first_names.txt",
        is_common_word=WordFrequency(engine_config.vocabulary.common_word_zipf).is_common,
        word_zipf=word_zipf,
        is_noise=lambda s: noise.why_noise(s) is not None,
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("I've bought from him for years and Brent, Brent Haugland, he's our rep.", ["Brent", "Brent Haugland"]),
        ("P2: Renata. I'm an agronomist here.", ["Renata"]),
        ("My dissertation supervisor was Dr. Halloran, who", ["Dr. Halloran"]),
        ("i co-supervise a student with doctor ostrowska in the school", ["doctor ostrowska"]),
        ("then sione took over the soc", ["sione"]),
        ("Will Turner joined later.", ["Will Turner"]),
        ("Sarah's team owns it", ["Sarah"]),
        # not names
        ("Will you send it? I will.", []),
        ("Grace period is two weeks", []),
        ("Interviewer: mm-hmm, the ML model", []),
        ("we'll mark it as done in june", []),
        ("the doctor said it was fine", []),
    ],
)
def test_person_name_table(recognizer, text, expected):
    results = recognizer.analyze(text, ["PERSON"])
    assert sorted(text[r.start:r.end] for r in results) == sorted(expected)
    assert all(r.analysis_explanation.textual_explanation for r in results)
