"""The scorer's numbers, worked out by hand on tiny gold/prediction pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govgraph.errors import BadInputError
from govgraph.extract.evaluate import METRICS, Counts, evaluate, facts, normalise_name, score


def person(name, roles, sg=None, rg=None, aff=None):
    return {
        "name": name,
        "roles": roles,
        "stakeholder_group": sg,
        "regional_group": rg,
        "affiliation": aff,
        "title": None,
    }


def contract(doc, participants=(), processes=(), sdg=(), organisers=(), doc_processes=()):
    return {
        "document": doc,
        "genre": "igf-session",
        "events": [
            {
                "title": None,
                "code": None,
                "date": None,
                "end_date": None,
                "location": None,
                "format": None,
                "duration_minutes": None,
                "organisers": [{"name": o, "kind": "organisation"} for o in organisers],
                "participants": list(participants),
                "processes": list(processes),
                "sdg_targets": list(sdg),
            }
        ],
        "organisations": [],
        "processes": list(doc_processes),
    }


GOLD_A = contract(
    "t/a",
    participants=[
        person("Anriette Esterhuysen", ["speaker", "moderator"], "Civil Society", "African Group"),
        person("Jason Munyan", ["organizer"], "Intergovernmental Organization", None, "United Nations"),
        person("Nnenna Nwakanma", ["speaker"]),
    ],
    processes=["Roadmap"],
    sdg=["17.16", "17.6"],
    organisers=["EU Cyber Direct"],
    doc_processes=["Roadmap", "IGF"],
)

PRED_A = contract(
    "t/a",
    participants=[
        # NFD accent-free name in other case and spacing: still the same person
        person("anriette  ESTERHUYSEN", ["speaker"], "Civil Society", "African Group"),
        # wrong regional group: the group tuple does not match
        person(
            "Jason Munyan",
            ["organizer", "rapporteur"],
            "Intergovernmental Organization",
            "WEOG",
            "united nations",
        ),
        person("Speaker TBC", ["speaker"]),  # a placeholder made into a person: false positive
    ],
    processes=["Roadmap", "OEWG"],
    sdg=["17.16"],
    organisers=["EU Cyber Direct"],
    doc_processes=["Roadmap"],
)


def test_normalise_name_nfc_casefold_whitespace():
    assert normalise_name("Jose\u0301  Ma\u0301rquez\u00a0") == normalise_name("José Márquez")
    assert normalise_name(" STRASSE ") == "strasse"
    assert normalise_name("Straße") == "strasse"


def test_facts_of_the_gold():
    f = facts(GOLD_A)
    assert f["persons"] == {("anriette esterhuysen",), ("jason munyan",), ("nnenna nwakanma",)}
    assert f["person_roles"] == {
        ("anriette esterhuysen", "speaker"),
        ("anriette esterhuysen", "moderator"),
        ("jason munyan", "organizer"),
        ("nnenna nwakanma", "speaker"),
    }
    # a person with no stated group gives no group item
    assert f["groups"] == {
        ("anriette esterhuysen", "Civil Society", "African Group"),
        ("jason munyan", "Intergovernmental Organization", "None"),
    }
    assert f["affiliations"] == {("jason munyan", "united nations")}
    assert f["processes"] == {("Roadmap",), ("IGF",)}
    assert f["sdg_targets"] == {("17.16",), ("17.6",)}
    assert f["organisers"] == {("eu cyber direct",)}


def test_score_by_hand():
    s = score(GOLD_A, PRED_A)
    c = s.counts
    # persons: gold {anriette, jason, nnenna}, predicted {anriette, jason, speaker tbc}
    assert (c["persons"].tp, c["persons"].fp, c["persons"].fn) == (2, 1, 1)
    # pairs: gold 4; predicted {anriette/speaker, jason/organizer, jason/rapporteur, tbc/speaker}
    assert (c["person_roles"].tp, c["person_roles"].fp, c["person_roles"].fn) == (2, 2, 2)
    # groups: anriette matches, jason's tuple differs in the regional group
    assert (c["groups"].tp, c["groups"].fp, c["groups"].fn) == (1, 1, 1)
    assert (c["affiliations"].tp, c["affiliations"].fp, c["affiliations"].fn) == (1, 0, 0)
    # processes: gold {Roadmap, IGF}, predicted {Roadmap, OEWG}
    assert (c["processes"].tp, c["processes"].fp, c["processes"].fn) == (1, 1, 1)
    assert (c["sdg_targets"].tp, c["sdg_targets"].fp, c["sdg_targets"].fn) == (1, 0, 1)
    assert (c["organisers"].tp, c["organisers"].fp, c["organisers"].fn) == (1, 0, 0)
    assert c["persons"].precision == pytest.approx(2 / 3)
    assert c["persons"].recall == pytest.approx(2 / 3)
    assert c["person_roles"].f1 == pytest.approx(0.5)
    assert c["sdg_targets"].precision == 1.0
    assert c["sdg_targets"].recall == 0.5
    assert c["sdg_targets"].f1 == pytest.approx(2 / 3)
    assert s.placeholders == ["Speaker TBC"]
    assert s.missed["persons"] == ["nnenna nwakanma"]
    assert s.spurious["persons"] == ["speaker tbc"]
    assert s.spurious["processes"] == ["OEWG"]


def test_empty_counts_conventions():
    assert Counts().empty
    assert (Counts().precision, Counts().recall) == (1.0, 1.0)
    nothing_found = Counts(tp=0, fp=0, fn=3)
    assert (nothing_found.precision, nothing_found.recall, nothing_found.f1) == (1.0, 0.0, 0.0)
    all_wrong = Counts(tp=0, fp=2, fn=0)
    assert (all_wrong.precision, all_wrong.recall, all_wrong.f1) == (0.0, 1.0, 0.0)


def _write(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_evaluate_micro_averages_over_documents(tmp_path):
    gold_b = contract(
        "t/b",
        participants=[person("Ellie McDonald", ["speaker"], "Civil Society", "WEOG")],
        doc_processes=["OEWG"],
    )
    pred_b = contract(
        "t/b",
        participants=[person("Ellie McDonald", ["speaker"], "Civil Society", "WEOG")],
        doc_processes=["OEWG"],
    )
    _write(tmp_path / "a.json", GOLD_A)
    _write(tmp_path / "sub" / "b.json", gold_b)
    predictions = {"t/a": PRED_A, "t/b": pred_b}
    report = evaluate(tmp_path, predict=lambda gold, path: predictions[gold["document"]])
    assert [d.document for d in report.documents] == ["t/a", "t/b"]
    overall = report.overall
    # persons: (2,1,1) + (1,0,0) = (3,1,1): micro P = R = 3/4, not the mean of 2/3 and 1
    assert (overall["persons"].tp, overall["persons"].fp, overall["persons"].fn) == (3, 1, 1)
    assert overall["persons"].precision == pytest.approx(0.75)
    assert overall["persons"].f1 == pytest.approx(0.75)
    assert (overall["processes"].tp, overall["processes"].fp, overall["processes"].fn) == (2, 1, 1)
    data = report.as_dict()
    assert data["overall"]["persons"] == {
        "tp": 3,
        "fp": 1,
        "fn": 1,
        "precision": 0.75,
        "recall": 0.75,
        "f1": 0.75,
    }
    assert set(data["overall"]) == set(METRICS)
    assert data["placeholder_actors"] == 1  # "Speaker TBC" in t/a
    table = report.table()
    assert "OVERALL (2 documents, micro)" in table
    assert table.splitlines()[-1] == "persons made from placeholders: 1"
    assert table.splitlines()[0].split() == ["document", "metric", "P", "R", "F1", "tp", "fp", "fn"]


def test_a_document_that_fails_scores_as_empty_prediction(tmp_path):
    _write(tmp_path / "a.json", GOLD_A)

    def broken(gold, path):
        raise ValueError("cannot read")

    report = evaluate(tmp_path, predict=broken)
    doc = report.documents[0]
    assert doc.error == "ValueError: cannot read"
    assert (doc.counts["persons"].tp, doc.counts["persons"].fn) == (0, 3)


def test_bad_gold_directory_and_file(tmp_path):
    with pytest.raises(BadInputError, match="not a directory"):
        evaluate(tmp_path / "missing", predict=lambda g, p: g)
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(BadInputError, match="not a JSON gold file"):
        evaluate(tmp_path, predict=lambda g, p: g)
    (tmp_path / "x.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(BadInputError, match='"document" id'):
        evaluate(tmp_path, predict=lambda g, p: g)


def test_gold_files_score_perfectly_against_themselves():
    gold_root = Path(__file__).parent / "gold"
    report = evaluate(gold_root, predict=lambda gold, path: gold)
    assert report.documents
    for m, c in report.overall.items():
        assert (c.fp, c.fn) == (0, 0), m
