"""Detection quality of this engine against stock Presidio on the evaluation sets, as the
Markdown table kept in README.md.

    python bench/results_table.py [--eval-dir ../shared/eval] [--sets seed,dev,...]
                                  [--save figures.json] [--before bench/results_before.json]
                                  [--write-readme]

Both detectors see the same texts; the figures are computed by ``service.evaluation``
(the reference metric: R_direct, R_all, P_tok, and for the interview sets the consistency
figures split, merged and edge errors). Stock Presidio: AnalyzerEngine with the same spaCy
model, ORGANIZATION switched on, entities PERSON, ORGANIZATION, LOCATION, EMAIL_ADDRESS,
PHONE_NUMBER, URL.

Two variants of the dev set show how layout and casing move the figures:
``dev, all lowercase`` (every document whose length lowercasing keeps, lowercased, as
speech-to-text without capitals) and ``dev, wrapped at 40`` (lines broken at the last space
before column 40, as narrow exports and subtitles do). ``--save`` writes the figures as
JSON; ``--before`` reads such a file (an earlier version's figures) and adds its R_direct,
R_all and P_tok to the table.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def lowercased(docs: list[dict]) -> list[dict]:
    """Every document lowercased, as speech-to-text without capitals; a document whose
    length lowercasing changes (offsets would move) is left out."""
    return [{**d, "text": d["text"].lower()} for d in docs if len(d["text"].lower()) == len(d["text"])]


def wrapped(docs: list[dict], width: int = 40) -> list[dict]:
    """Lines broken at the last space before ``width`` characters (offsets stay)."""
    out = []
    for d in docs:
        chars = list(d["text"])
        column, last_space = 0, -1
        for i, c in enumerate(chars):
            if c == "\n":
                column, last_space = 0, -1
                continue
            if c == " ":
                last_space = i
            column += 1
            if column > width and last_space >= 0:
                chars[last_space] = "\n"
                column, last_space = i - last_space, -1
        out.append({**d, "text": "".join(chars)})
    return out


# name -> (file under the eval folder, variant, consistency figures?)
SETS = {
    "seed": ("seed/seed.jsonl", None, True),
    "dev": ("dev/dev.jsonl", None, True),
    "dev, all lowercase": ("dev/dev.jsonl", lowercased, True),
    "dev, wrapped at 40": ("dev/dev.jsonl", wrapped, True),
    "TAB (ECHR)": ("public/tab_echr_test.jsonl", None, False),
    "SLUE-VoxPopuli (cased)": ("public/slue_voxpopuli.jsonl", None, False),
    "SLUE-VoxPopuli (lowercase)": ("public/slue_voxpopuli_normalized.jsonl", None, False),
    "WNUT-17": ("public/wnut17.jsonl", None, False),
    "BTC": ("public/btc_test.jsonl", None, False),
    "Earnings-21": ("public/earnings21.jsonl", None, False),
}
PRESIDIO_ENTITIES = ["PERSON", "ORGANIZATION", "LOCATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "URL"]
BEGIN, END = "<!-- results-table:begin -->", "<!-- results-table:end -->"
FIGURES = ("R_direct", "R_all", "P_tok", "keep_ph", "split", "merged", "edge_errors")


def stock_presidio(model: str):
    """Presidio's AnalyzerEngine as shipped, over the whole pipeline ``model`` names."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from recognizers.deferred_imports import load_all
    from service.engine.nlp import load_pipeline

    load_all()  # the engine imports only the predefined recognizers it uses; stock Presidio finds all

    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
    nlp_engine.nlp = {"en": load_pipeline(model)}  # also a package that ships a model folder
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def presidio_scores(analyzer, docs: list[dict]) -> dict:
    from service.evaluation import Scores

    scores = Scores()
    for d in docs:
        found = analyzer.analyze(text=d["text"], language="en", entities=PRESIDIO_ENTITIES)
        scores.add(d, [{"start": r.start, "end": r.end, "entity_type": r.entity_type} for r in found])
    return scores.summary()


def engine_scores(engine, docs: list[dict], *, consistency: bool) -> dict:
    """The engine's figures; with ``consistency``, each document is redacted as ``tanon
    redact`` would, so that split, merged and edge errors are counted too."""
    from service.evaluation import Scores
    from service.report import entity_rows

    scores = Scores()
    texts = (d["text"] for d in docs)
    if consistency:
        for d, redaction in zip(docs, engine.redact_many(texts, language="en")):
            rows = entity_rows(redaction)
            scores.add(d, rows)
            scores.add_consistency(d, rows)
    else:
        for d, analysis in zip(docs, engine.analyze_many(texts, language="en")):
            scores.add(d, entity_rows(analysis))
    return scores.summary()


def measure(eval_dir: Path, chosen: list[str], *, presidio: bool) -> dict:
    from service.config import get_settings, load_engine_config
    from service.engine.engine import Engine
    from service.evaluation import load_gold

    engine = Engine(load_engine_config(get_settings().config))  # TANON_CONFIG, else the default
    analyzer = stock_presidio(engine.models["en"]) if presidio else None
    results = {}
    for name in chosen:
        path, variant, consistency = SETS[name]
        docs = load_gold(eval_dir / path)
        if variant:
            docs = variant(docs)
        t = time.perf_counter()
        ours = engine_scores(engine, docs, consistency=consistency)
        row = {
            "docs": len(docs),
            "words": sum(len(d["text"].split()) for d in docs),
            "engine": {k: ours[k] for k in FIGURES if k in ours and (consistency or k not in ("split", "merged", "edge_errors"))},
            "engine_seconds": round(time.perf_counter() - t, 1),
        }
        if analyzer is not None:
            theirs = presidio_scores(analyzer, docs)
            row["presidio"] = {k: theirs[k] for k in ("R_direct", "R_all", "P_tok")}
        results[name] = row
        e = row["engine"]
        print(f"{name}: engine {e['R_direct']:.3f}/{e['R_all']:.3f}/{e['P_tok']:.3f}"
              + (f" split {e['split']} merged {e['merged']} edges {e['edge_errors']}" if consistency else "")
              + f" ({row['engine_seconds']:.0f} s)", flush=True)
    return results


def table(results: dict, before: dict | None) -> str:
    head = ["set", "docs", "words"]
    if before:
        head += ["before R_direct", "R_all", "P_tok"]
    head += ["R_direct", "R_all", "P_tok", "split / merged / edges", "stock Presidio R_direct", "R_all", "P_tok"]
    lines = [BEGIN, "| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for name, row in results.items():
        e, p = row["engine"], row.get("presidio")
        cells = [name, f"{row['docs']:,}", f"{row['words']:,}"]
        if before:
            b = before.get(name, {}).get("engine")
            cells += [f"{b[k]:.3f}" for k in ("R_direct", "R_all", "P_tok")] if b else ["", "", ""]
        cells += [f"**{e['R_direct']:.3f}**", f"{e['R_all']:.3f}", f"{e['P_tok']:.3f}"]
        if "split" in e:
            was = (before or {}).get(name, {}).get("engine", {})
            now = f"{e['split']} / {e['merged']} / {e['edge_errors']}"
            cells.append(f"{now} (before {was['split']} / {was['merged']} / {was['edge_errors']})"
                         if "split" in was else now)
        else:
            cells.append("")
        cells += [f"{p[k]:.3f}" for k in ("R_direct", "R_all", "P_tok")] if p else ["", "", ""]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append(END)
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    ap.add_argument("--sets", help="semicolon-separated subset of: " + "; ".join(SETS))
    ap.add_argument("--no-presidio", action="store_true", help="this engine only (faster)")
    ap.add_argument("--save", type=Path, help="write the figures as JSON")
    ap.add_argument("--before", type=Path, help="JSON figures of an earlier version (from --save)")
    ap.add_argument("--write-readme", action="store_true", help="replace the table in README.md")
    args = ap.parse_args()

    chosen = [s.strip() for s in args.sets.split(";")] if args.sets else list(SETS)
    unknown = [s for s in chosen if s not in SETS]
    if unknown:
        sys.exit(f"unknown set(s): {', '.join(unknown)}; known: {'; '.join(SETS)}")
    results = measure(args.eval_dir, chosen, presidio=not args.no_presidio)
    if args.save:
        args.save.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    before = json.loads(args.before.read_text(encoding="utf-8")) if args.before else None
    rendered = table(results, before)
    print(rendered)
    if args.write_readme:
        readme = REPO / "README.md"
        text = readme.read_text(encoding="utf-8")
        if BEGIN not in text:
            sys.exit("README.md has no results-table markers")
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: rendered, text, flags=re.DOTALL)
        readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
