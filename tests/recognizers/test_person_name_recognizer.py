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
        ("The fixes came from Maren, Maren Solberg, she leads the lab.", ["Maren", "Maren Solberg"]),
        ("R2: Ottilie. I keep the bees here.", ["Ottilie"]),
        ("The thesis was marked by Dr. Okonkwo, who", ["Dr. Okonkwo"]),
        ("we wrote the grant with doctor wierzbicka last spring", ["doctor wierzbicka"]),
        ("after that wiremu ran the night shift", ["wiremu"]),
        # lowercase speech-to-text: a rare surname after a rare first name is part of the name
        ("my lead was anika szczepanska back then", ["anika szczepanska"]),
        ("then wiremu said it was fine", ["wiremu"]),
        # a surname the transcriber split into two known words ("ashworth")
        ("i report to anika ash worth now", ["anika ash worth"]),
        ("anika went home early", ["anika"]),
        ("then ingrid ash worth signed it", ["ingrid ash worth"]),  # a first name English knows as a word
        ("we will green light it", []),
        ("wiremu ran fast after that", ["wiremu"]),
        # offices before a name: the office is not part of it
        ("We wrote to Commissioner Okafor about it.", ["Okafor"]),
        ("the letter went to president okonkwo's office", ["okonkwo"]),
        ("he was under general anaesthetic", []),
        ("the president said no", []),
        # a first name inside a longer capitalized name is not a person
        ("we signed the Paris Agreement pledge", []),
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
