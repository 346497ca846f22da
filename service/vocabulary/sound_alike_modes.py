"""How a dictionary term takes part in sound-alike matching of misheard names ("alter ex"
for Alteryx): the store keeps one mode per term, the dictionary recognizer obeys it."""
from __future__ import annotations

CONTEXT = "context"  # a rendering matches with evidence around it (a cue, a capital, the term itself nearby)
ALWAYS = "always"  # a rendering matches anywhere
OFF = "off"  # never matched by sound, only by spelling

SOUND_ALIKE_MODES: tuple[str, ...] = (CONTEXT, ALWAYS, OFF)
DEFAULT_SOUND_ALIKE = CONTEXT
