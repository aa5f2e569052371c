"""The SHACL shapes against hand-made fixtures.

Every file in ``tests/data/shapes/valid/`` conforms with no result at all (no violations, no
warnings). Every file in ``tests/data/shapes/invalid/`` breaks exactly one rule; its header states
the single expected result (focus node, path, constraint component, severity) in ``# expect-*:``
lines, which this test reads and compares with pyshacl's report.

Validation runs as the project runs it on a document graph: the file as the data graph, the
ontology and the concept schemes as pyshacl's ``ont_graph``, no inference, advanced mode.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "data" / "shapes"
VALID = sorted((FIXTURES / "valid").glob("*.ttl"))
INVALID = sorted((FIXTURES / "invalid").glob("*.ttl"))
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
EXPECT = re.compile(r"^# expect-(focus|path|component|severity): (\S+)\s*$", re.MULTILINE)


@cache
def shapes() -> Graph:
    return Graph().parse(ROOT / "ontology" / "shapes.ttl")


@cache
def ontology_and_schemes() -> Graph:
    graph = Graph().parse(ROOT / "ontology" / "govgraph.ttl")
    for path in sorted((ROOT / "ontology" / "schemes").glob("*.ttl")):
        graph.parse(path)
    return graph


def validate(data: Graph) -> tuple[bool, Graph]:
    conforms, report, _ = pyshacl.validate(
        data,
        shacl_graph=shapes(),
        ont_graph=ontology_and_schemes(),
        inference="none",
        advanced=True,
    )
    return conforms, report


def results(report: Graph) -> list[dict[str, str | None]]:
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        found.append(
            {
                "focus": str(report.value(result, SH.focusNode)),
                "path": str(path) if path is not None else None,
                "component": str(report.value(result, SH.sourceConstraintComponent)),
                "severity": str(report.value(result, SH.resultSeverity)),
                "message": str(report.value(result, SH.resultMessage)),
            }
        )
    return found


def expectation(path: Path) -> dict[str, str | None]:
    header = dict(EXPECT.findall(path.read_text(encoding="utf-8")))
    assert set(header) == {"focus", "path", "component", "severity"}, f"{path.name}: incomplete expect header"
    return {key: (None if value == "-" else value) for key, value in header.items()}


def test_fixture_sets_are_not_empty() -> None:
    assert len(VALID) == 3
    assert len(INVALID) == 48


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_conforms_without_any_result(path: Path) -> None:
    conforms, report = validate(Graph().parse(path))
    assert results(report) == []
    assert conforms is True


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_yields_exactly_the_expected_result(path: Path) -> None:
    expected = expectation(path)
    conforms, report = validate(Graph().parse(path))
    found = results(report)
    assert len(found) == 1, f"{path.name}: expected one result, got {found}"
    (result,) = found
    assert {k: result[k] for k in ("focus", "path", "component", "severity")} == expected
    assert result["message"] and not result["message"].startswith("Value ")  # our sh:message, not pyshacl's default
    assert conforms is False


def test_invalid_fixture_names_are_unique_rules() -> None:
    seen = {tuple(sorted(expectation(p).items(), key=lambda kv: kv[0])) for p in INVALID}
    assert len(seen) == len(INVALID)


def test_every_constraint_has_a_message() -> None:
    """Every named shape that reports results carries a person-readable sh:message.

    Blank-node shapes nested inside sh:or / sh:not report nothing themselves: pyshacl reports the
    enclosing property shape, with its message. SPARQL constraints carry their own messages.
    """
    graph = shapes()
    constraint_params = {
        SH["class"], SH.datatype, SH.nodeKind, SH.minCount, SH.maxCount, SH.minInclusive, SH.maxInclusive,
        SH.minLength, SH.pattern, SH["in"], SH.hasValue, SH.lessThan, SH.lessThanOrEquals, SH["or"],
        SH.uniqueLang,
    }
    named = {s for s, p, _ in graph if p in constraint_params and isinstance(s, URIRef)}
    assert len(named) > 200
    assert sorted(str(s) for s in named if graph.value(s, SH.message) is None) == []
    sparql = list(graph.objects(None, SH.sparql))
    assert len(sparql) == 2
    for constraint in sparql:
        assert graph.value(constraint, SH.message) is not None


def test_every_property_shape_holds_one_constraint() -> None:
    """One rule per property shape, so a report names exactly the rule broken."""
    graph = shapes()
    ignore = {RDF.type, SH.path, SH.message, SH.severity, SH.name, SH.description}
    for shape in graph.subjects(RDF.type, SH.PropertyShape):
        params = {p for p in graph.predicates(shape) if p not in ignore}
        assert len(params) == 1, (shape, params)


def test_every_class_of_the_ontology_has_a_node_shape() -> None:
    graph = shapes()
    targeted = set(graph.objects(None, SH.targetClass))
    gg = "https://w3id.org/govgraph/ontology#"
    expected = {URIRef(gg + n) for n in (
        "Person", "Organisation", "State", "Event", "Meeting", "Participation", "Contribution",
        "ProcessInstance", "Instrument", "Resolution", "ProcessMention", "InstrumentMention",
        "Document", "SourceFile", "Evidence", "StakeholderGroup", "RegionalGroup", "Role",
        "EventFormat", "Process", "SDGGoal", "SDGTarget", "Genre", "Track",
    )}
    assert expected <= targeted


def test_shapes_use_no_per_node_sparql() -> None:
    """SPARQL constraints only on the single ontology node, never on a class target."""
    graph = shapes()
    for shape in graph.subjects(SH.sparql, None):
        assert graph.value(shape, SH.targetClass) is None
        assert graph.value(shape, SH.targetSubjectsOf) == URIRef("http://purl.org/vocab/vann/preferredNamespaceUri")


def test_ill_typed_date_is_a_datatype_violation() -> None:
    """A calendar-impossible date (30 February) is reported, not a crash."""
    data = Graph().parse(FIXTURES / "valid" / "igf-session-document.ttl")
    event = URIRef("https://w3id.org/govgraph/id/event/igf-2021-ws-257")
    schema_start = URIRef("https://schema.org/startDate")
    schema_end = URIRef("https://schema.org/endDate")
    data.remove((event, schema_end, None))
    data.set((event, schema_start, Literal("2021-02-30", datatype=XSD_DATE)))
    _, report = validate(data)
    components = {r["component"] for r in results(report) if r["path"] == str(schema_start)}
    assert str(SH.DatatypeConstraintComponent) in components
