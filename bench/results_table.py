"""Detection quality of this engine against stock Presidio on the evaluation sets, as the
Markdown table kept in README.md.

    python bench/results_table.py [--eval-dir ../shared/eval] [--write-readme] [--sets seed,dev,...]

Both detectors see the same texts; the figures are computed by ``service.evaluation``
(the reference metric: R_direct, R_all, P_tok). Stock Presidio: AnalyzerEngine with the
same spaCy model, ORGANIZATION switched on, entities PERSON, ORGANIZATION, LOCATION,
EMAIL_ADDRESS, PHONE_NUMBER, URL.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SETS = {
    "seed": "seed/seed.jsonl",
    "dev": "dev/dev.jsonl",
    "TAB (ECHR)": "public/tab_echr_test.jsonl",
    "SLUE-VoxPopuli (cased)": "public/slue_voxpopuli.jsonl",
    "SLUE-VoxPopuli (lowercase)": "public/slue_voxpopuli_normalized.jsonl",
    "WNUT-17": "public/wnut17.jsonl",
}
PRESIDIO_ENTITIES = ["PERSON", "ORGANIZATION", "LOCATION", "EMAIL_ADDRESS", "PHONE_NUMBER", "URL"]
BEGIN, END = "<!-- results-table:begin -->", "<!-- results-table:end -->"


def stock_presidio(model: str):
    """Presidio's AnalyzerEngine as shipped, over the whole pipeline ``model`` names."""
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    from service.engine.nlp import load_pipeline

    nlp_engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": model}])
    nlp_engine.nlp = {"en": load_pipeline(model)}  # also a package that ships a model folder
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def presidio_predictions(docs, model: str):
    analyzer = stock_presidio(model)
    return [
        [{"start": r.start, "end": r.end, "entity_type": r.entity_type}
         for r in analyzer.analyze(text=d["text"], language="en", entities=PRESIDIO_ENTITIES)]
        for d in docs
    ]


def engine_predictions(engine, docs):
    from service.report import entity_rows

    return [entity_rows(a) for a in engine.analyze_many((d["text"] for d in docs), language="en")]


def score(docs, predictions) -> dict:
    from service.evaluation import Scores

    scores = Scores()
    for doc, pred in zip(docs, predictions):
        scores.add(doc, pred)
    return scores.summary()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=REPO.parent / "shared" / "eval")
    ap.add_argument("--sets", help="comma-separated subset of: " + ", ".join(SETS))
    ap.add_argument("--write-readme", action="store_true", help="replace the table in README.md")
    args = ap.parse_args()

    from service.config import get_settings, load_engine_config
    from service.engine.engine import Engine
    from service.evaluation import load_gold

    config = load_engine_config(get_settings().config)  # TANON_CONFIG, else the default
    engine = Engine(config)
    chosen = [s.strip() for s in args.sets.split(",")] if args.sets else list(SETS)
    rows = []
    for name in chosen:
        path = args.eval_dir / SETS[name]
        docs = load_gold(path)
        t = time.perf_counter()
        ours = score(docs, engine_predictions(engine, docs))
        t_ours = time.perf_counter() - t
        t = time.perf_counter()
        theirs = score(docs, presidio_predictions(docs, engine.models["en"]))
        t_theirs = time.perf_counter() - t
        words = sum(len(d["text"].split()) for d in docs)
        rows.append((name, len(docs), words, ours, theirs))
        print(f"{name}: engine {ours['R_direct']:.3f}/{ours['R_all']:.3f}/{ours['P_tok']:.3f} ({t_ours:.0f} s), "
              f"Presidio {theirs['R_direct']:.3f}/{theirs['R_all']:.3f}/{theirs['P_tok']:.3f} ({t_theirs:.0f} s)", flush=True)

    lines = [
        BEGIN,
        "| set | docs | words | R_direct | R_all | P_tok | stock Presidio R_direct | R_all | P_tok |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, n, words, ours, theirs in rows:
        lines.append(
            f"| {name} | {n:,} | {words:,} | **{ours['R_direct']:.3f}** | {ours['R_all']:.3f} | {ours['P_tok']:.3f} "
            f"| {theirs['R_direct']:.3f} | {theirs['R_all']:.3f} | {theirs['P_tok']:.3f} |"
        )
    lines.append(END)
    table = "\n".join(lines)
    print(table)
    if args.write_readme:
        readme = REPO / "README.md"
        text = readme.read_text(encoding="utf-8")
        if BEGIN not in text:
            sys.exit("README.md has no results-table markers")
        text = re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: table, text, flags=re.DOTALL)
        readme.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
