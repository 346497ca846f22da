"""Build fr.jsonl (the gold schema of `tanon eval`: id, text, entities with start, end,
label, text) from the marked excerpts in fr_marked.txt.

    python tests/language/gold/build.py
"""
from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[\[([A-Z_]+)\|(.*?)\]\]")


def parse(block: str) -> tuple[str, list[dict]]:
    text, entities, pos = [], [], 0
    last = 0
    for m in MARK.finditer(block):
        text.append(block[last:m.start()])
        pos += m.start() - last
        label, surface = m.groups()
        entities.append({"start": pos, "end": pos + len(surface), "label": label, "text": surface})
        text.append(surface)
        pos += len(surface)
        last = m.end()
    text.append(block[last:])
    return "".join(text), entities


def build() -> list[dict]:
    source = (HERE / "fr_marked.txt").read_text(encoding="utf-8")
    body = "\n".join(line for line in source.splitlines() if not line.startswith("#"))
    docs = []
    for i, block in enumerate(b.strip("\n") + "\n" for b in body.split("\n---\n")):
        text, entities = parse(block)
        docs.append({"id": f"fr{i + 1:02d}", "text": text, "entities": entities})
    return docs


if __name__ == "__main__":
    lines = [json.dumps(doc, ensure_ascii=False) for doc in build()]
    (HERE / "fr.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents")
