"""Truecasing uncased speech-to-text before NER (the real offline truecaser)."""
from __future__ import annotations

import pytest

from service.engine.truecase import looks_uncased, truecase


@pytest.mark.parametrize(
    "text, uncased",
    [
        ("speaker 2: yes. i manage a small bakery. we moved to dunedin in march.", True),
        ("Interviewer: Go on. Interviewee: I audit accounts for Deloitte in Leeds.", False),
        ("madam president first of all i would like to thank all the members", True),
        ("", False),
    ],
)
def test_truecase_detects_uncased_text(text, uncased):
    assert looks_uncased(text) is uncased


def test_truecase_raises_capitals_of_names_and_keeps_offsets():
    text = "later i spent four years with microsoft in seattle. we had a budget review."
    cased = truecase(text)
    assert len(cased) == len(text) and cased.lower() == text
    assert "Microsoft" in cased and "Seattle" in cased
    assert "budget" in cased  # a common word stays lowercase, whatever its context


def test_truecase_capitalizes_rare_words_for_the_model_but_not_derived_ones():
    from service.engine.truecase import capitalize_rare
    from service.vocabulary.word_frequency import word_zipf

    text = "we switched to brightcairn, anonymised the files and wrote to the rapporteurs and okonkwo."
    cased = capitalize_rare(text, word_zipf=word_zipf, below=2.0, prefixes=("multi",), endings=("ised",))
    assert len(cased) == len(text) and cased.lower() == text
    assert "Brightcairn" in cased and "Okonkwo" in cased
    assert "anonymised" in cased and "rapporteurs" in cased  # a derived word, a plural of a word
    assert capitalize_rare("a multiannual plan", word_zipf=word_zipf, below=2.0, prefixes=("multi",)) == "a multiannual plan"
    assert capitalize_rare(text, word_zipf=word_zipf, below=0) == text  # 0 turns it off


def test_truecase_is_the_same_under_any_hash_seed():
    """The truecaser weighs a word's casings in set order; near-ties once went either way
    from one process to the next ("Azure" or "AZURE")."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO

    text = ("we moved everything to azure last year. the pipelines are in azure data factory now. "
            "a small firm, brindle health analytics, built the dashboards. the analytics team liked it.")
    script = "import sys; from service.engine.truecase import truecase; print(truecase(sys.stdin.read()))"
    outputs = {subprocess.run([sys.executable, "-c", script], input=text, capture_output=True, text=True, cwd=REPO,
                              env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
               for seed in ("0", "1", "2", "3", "5")}
    assert len(outputs) == 1


def test_truecase_compact_table_cases_as_the_package_does():
    """The compact table is a faster form of the package's model, not another model."""
    from truecase import TrueCaser

    from service.engine.truecase import _TOKEN, case_table

    text = ("so i joined the team at google in london after a year with the bbc. then we moved to new york "
            "and worked on azure, the analytics side, with a firm called brindle. the end. i think")
    tokens = [m.group() for m in _TOKEN.finditer(text)]
    package = TrueCaser()
    package.word_casing_lookup = {w: tuple(sorted(c)) for w, c in package.word_casing_lookup.items()}
    expected = package.get_true_case_from_tokens(tokens, out_of_vocabulary_token_option="as-is")
    assert case_table().true_case(tokens) == expected


def test_truecase_without_a_writable_cache_uses_the_package_model(tmp_path, monkeypatch):
    import service.engine.truecase as module

    blocked = tmp_path / "file"
    blocked.write_text("")
    monkeypatch.setenv("TANON_CACHE_DIR", str(blocked))  # a file: no folder can be made in it
    monkeypatch.setattr(module, "_table", None)
    text = "later i spent four years with microsoft in seattle."
    assert "Microsoft" in module.truecase(text)
