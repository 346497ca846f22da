"""French, the second language: analysed with spaCy's French pipeline when the extra is
installed (pip install -e '.[fr]'); every test here is skipped without it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.config import Settings
from tests.language.gold.build import build

GOLD = Path(__file__).resolve().parent / "gold" / "fr.jsonl"

TRANSCRIPT = (
    "Intervieweur : Merci d'avoir accepté cet entretien. Tout sera anonymisé dans le rapport.\n"
    "Participante : Euh, oui, pas de souci. Alors je travaille depuis quatre ans chez Menuiseries Castagnol, "
    "à Besançon. Avant j'étais dans une petite agence à Dijon, ben, c'était sympa mais mal payé.\n"
    "Intervieweur : Et avec qui travaillez-vous au quotidien ?\n"
    "Participante : Surtout avec mon collègue Florian Mazerolles et avec la directrice, Mme Ravenel-Duclos. "
    "Mme Ravenel-Duclos valide tous les devis, et Florian s'occupe des chantiers.\n"
)


@pytest.fixture(scope="module")
def french(engine):
    if "fr" not in engine.languages:
        pytest.skip("no French spaCy pipeline installed (pip install -e '.[fr]')")
    return engine


def surfaces(text, analysis) -> dict[str, str]:
    return {text[d.start:d.end]: d.entity_type for d in analysis.decisions}


def test_a_french_transcript_is_analysed_in_french_without_being_asked(french):
    analysis = french.analyze(TRANSCRIPT)
    found = surfaces(TRANSCRIPT, analysis)
    assert analysis.language == "fr"
    assert {"Florian Mazerolles", "Besançon", "Dijon"} <= set(found)
    assert any("Ravenel-Duclos" in s for s in found) and any("Castagnol" in s for s in found)
    # Roles and hesitation words of French transcripts are not names.
    assert not {"Intervieweur", "Participante", "Euh", "ben"} & set(found)


def test_a_titled_name_and_its_repeats_share_one_pseudonym(french):
    redaction = french.redact(TRANSCRIPT)
    assert "Ravenel" not in redaction.text and "Florian" not in redaction.text
    by_surface = {}
    for decision, surrogate in zip(redaction.decisions, redaction.surrogates):
        by_surface.setdefault(TRANSCRIPT[decision.start:decision.end].removeprefix("Mme "), set()).add(surrogate)
    assert len(by_surface["Ravenel-Duclos"]) == 1


def test_the_gold_set_is_built_from_its_marked_excerpts():
    docs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert docs == build() and len(docs) >= 10
    for doc in docs:
        assert all(doc["text"][e["start"]:e["end"]] == e["text"] for e in doc["entities"])


def test_tanon_eval_in_french(cli_main, french, capsys):
    assert cli_main(["eval", str(GOLD), "--language", "fr", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["docs"] == 12 and result["R_direct"] >= 0.85 and result["P_tok"] >= 0.9


def test_the_api_answers_in_french(french, api_client):
    client = api_client(Settings())
    r = client.post("/v1/redact", json={"text": TRANSCRIPT})
    assert r.status_code == 200, r.text
    assert r.json()["language"] == "fr" and "Mazerolles" not in r.json()["text"]
    assert "fr" in client.get("/health").json()["languages"]
