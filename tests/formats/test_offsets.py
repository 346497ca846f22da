from service.formats.offsets import Edit, TextBuilder, apply_edits, plan_edits
from service.models import Replacement


def test_offsets_replacement_across_pieces_goes_to_the_first_piece():
    builder = TextBuilder()
    builder.mapped("met Ines", "line1", 4)
    builder.literal("\n")
    builder.mapped("Valdemar today", "line2", 0)
    edits = plan_edits(builder.pieces, [Replacement(4, 17, "Person A")])
    assert edits == {"line1": [Edit(8, 12, "Person A")], "line2": [Edit(0, 8, "")]}


def test_offsets_atomic_piece_is_replaced_whole():
    builder = TextBuilder()
    builder.mapped("Tom ", 0, 0)
    builder.mapped("&", 0, 4, 9)  # "&amp;" shown as "&"
    builder.mapped(" Jerry", 0, 9)
    edits = plan_edits(builder.pieces, [Replacement(0, 5, "X")])
    assert apply_edits("Tom &amp; Jerry", edits[0]) == "X Jerry"


def test_offsets_mirror_layers_each_get_the_surrogate():
    builder = TextBuilder()
    builder.mapped("Hello Ines", "segment", 1)
    builder.mirror(6, 10, "word", 0, 4, layer="words")
    builder.mirror(0, 10, "full", 1, 11, layer="fulltext")
    edits = plan_edits(builder.pieces, [Replacement(6, 10, "Ana")])
    assert apply_edits(" Hello Ines", edits["segment"]) == " Hello Ana"
    assert apply_edits("Ines", edits["word"]) == "Ana"
    assert apply_edits(" Hello Ines", edits["full"]) == " Hello Ana"


def test_offsets_synthetic_text_maps_nowhere():
    builder = TextBuilder()
    builder.mapped("Jane", "voice", 3)
    builder.literal(": ")
    builder.mapped("hi", "line", 0)
    assert plan_edits(builder.pieces, [Replacement(4, 6, "")]) == {}
    assert builder.span(2, 7) == "ne: h"


def test_offsets_insertion_lands_in_the_piece_holding_its_position():
    builder = TextBuilder()
    builder.mapped("ab", "x", 0)
    builder.mapped("cd", "y", 0)
    assert plan_edits(builder.pieces, [Replacement(3, 3, "!")]) == {"y": [Edit(1, 1, "!")]}
