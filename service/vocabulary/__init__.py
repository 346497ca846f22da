"""The words the engine reasons with, defined once: entity types, person titles,
organization suffixes, placeholder nouns, the canonical form of a name, generic words and
word frequency.

This package is the bottom layer: recognizers, the engine and the project store import it,
and it imports nothing from the rest of ``service`` (only the standard library, wordfreq
and spaCy's stop words), so importing a recognizer never loads the store or the engine.
"""
