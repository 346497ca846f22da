"""Discourse markers: the words after which a speaker restarts ("and, like, Next thing we knew",
"um, So we..."). Transcribers often capitalize the word after "like," or "um," as if a
new sentence began, so a capital there says nothing about a name."""
from __future__ import annotations

DISCOURSE_MARKERS: frozenset[str] = frozenset(
    # Fillers and "like", "so", "well", "you know", "I mean": not adverbs such as "honestly",
    # after which a capitalized company is as likely as a restart ("Honestly, Target was...").
    "like um uh umm uhm er erm ah oh so well yeah yes yep okay ok mean know".split()
)


def is_discourse_marker(word: str) -> bool:
    """``word`` in lower case is a word a speaker restarts after."""
    return word in DISCOURSE_MARKERS
