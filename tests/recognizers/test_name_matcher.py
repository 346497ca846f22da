"""The name matcher on hand-built token sequences: every listed key, wherever the spaces fall."""
from __future__ import annotations

import pytest

from recognizers.name_matcher import KeyMatch, NameMatcher

KEYS = ["amazon", "amazonwebservices", "workday", "cultureamp", "ibm", "deloitte", "personalize", "ab"]


def found(norms, *, gaps=(), max_tokens=12, max_cut=0, keys=KEYS):
    """(first, last, key, cut) of each match; ``gaps`` lists tokens that may not join the one before."""
    matches = NameMatcher(keys).find(norms, lambda j: j not in gaps, max_tokens=max_tokens, max_cut=max_cut)
    return [(m.first, m.last, m.key, m.cut) for m in matches]


@pytest.mark.parametrize(
    "norms, expected",
    [
        (["we", "use", "amazon", "web", "services"], [(2, 4, "amazonwebservices", 0), (2, 2, "amazon", 0)]),
        (["amazonwebservices"], [(0, 0, "amazonwebservices", 0)]),  # run together
        (["amazonweb", "services"], [(0, 1, "amazonwebservices", 0)]),  # split anywhere
        (["work", "day", "rollout"], [(0, 1, "workday", 0)]),
        (["culture", "amp", "and", "workday"], [(0, 1, "cultureamp", 0), (3, 3, "workday", 0)]),
        (["ribmx"], []),  # a key inside a word is no match
        (["xibm"], []),
        (["ibmx"], []),
        (["deloittes"], []),  # a longer last word only with max_cut
        (["the", "ibm", "ibm"], [(1, 1, "ibm", 0), (2, 2, "ibm", 0)]),
        ([], []),
    ],
)
def test_name_matcher_table(norms, expected):
    assert found(norms) == expected


def test_name_matcher_does_not_cross_a_gap_that_is_not_joinable():
    assert found(["amazon", "web", "services"], gaps={1}) == [(0, 0, "amazon", 0)]
    assert found(["work", "day"], gaps={1}) == []


def test_name_matcher_limits_the_tokens_of_one_name():
    assert found(["a", "b"], max_tokens=1) == []
    assert found(["a", "b"], max_tokens=2) == [(0, 1, "ab", 0)]


def test_name_matcher_cut_leaves_characters_of_the_last_token_out():
    assert found(["deloittes"], max_cut=1) == [(0, 0, "deloitte", 1)]
    assert found(["amazon", "personalized"], max_cut=2) == [(0, 0, "amazon", 0), (1, 1, "personalize", 1)]
    assert found(["personalizedly"], max_cut=2) == []


def test_name_matcher_longest_first_from_each_token():
    matches = NameMatcher(["a", "ab", "abc", "bc"]).find(["a", "b", "c"], lambda j: True, max_tokens=5)
    assert matches == [KeyMatch(0, 2, "abc", 0), KeyMatch(0, 1, "ab", 0), KeyMatch(0, 0, "a", 0), KeyMatch(1, 2, "bc", 0)]


def test_name_matcher_asks_about_gaps_only_inside_a_key():
    asked = []
    NameMatcher(["workday"]).find(["the", "work", "day", "was", "long"], lambda j: asked.append(j) or True, max_tokens=5)
    assert asked == [2]


def test_name_matcher_without_keys_finds_nothing():
    matcher = NameMatcher([])
    assert len(matcher) == 0 and matcher.find(["anything"], lambda j: True, max_tokens=3) == []
    assert "ibm" in NameMatcher(KEYS) and "ib" not in NameMatcher(KEYS)
