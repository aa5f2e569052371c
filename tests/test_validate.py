"""Full validation, reports and their positions, and the self-checks of the shapes graph.

The helpers at the top (``make_store``, ``FIXTURE_SHAPES``…) are shared by the other validation
test modules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from govgraph import paths
from govgraph.ingest import read_input
from govgraph.store import GraphStore
from govgraph.validate import (
    SourceIndex,
    SourceMap,
    ValidationReport,
    check_shapes_graph,
    load_ontology,
    load_shapes,
    validate_graphs,
)
from govgraph.vocab import ONTOLOGY_GRAPH, RDF, SH

DATA = Path(__file__).parent / "data" / "validate"
FIXTURE_SHAPES = DATA / "shapes.ttl"
THREE_MISTAKES = DATA / "three-mistakes.ttl"
FIXED = DATA / "three-mistakes-fixed.ttl"
STORE_TRIG = DATA / "store.trig"


def load_ontology_into(store: ox.Store) -> None:
    """The ontology and concept schemes into the ontology graph, as the build puts them."""
    for file in [paths.ONTOLOGY_FILE, *sorted(paths.SCHEMES_DIR.glob("*.ttl"))]:
        store.load(path=str(file), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(str(ONTOLOGY_GRAPH)))


def make_store(path: Path, *trig_files: Path) -> GraphStore:
    """A govgraph store holding the ontology graph plus ``trig_files`` (default: the small fixture store)."""
    store = GraphStore.create(path)
    load_ontology_into(store.ox)
    for file in trig_files or (STORE_TRIG,):
        store.ox.load(path=str(file), format=ox.RdfFormat.TRIG)
    store.ox.flush()
    return store


def fixture_shapes() -> Graph:
    return load_shapes(FIXTURE_SHAPES)


def summary(report: ValidationReport) -> list[tuple]:
    return [
        (r.severity, r.focus_node, r.path, r.value, r.source_shape, r.message, r.file, r.line, r.column)
        for r in report.results
    ]


THREE_MISTAKES_RESULTS = [
    (
        "Violation",
        "id:event/igf-2021-ws-999",
        "schema:startDate",
        '"7 December 2021"',
        "gg:TestEventShape › schema:startDate",
        'schema:startDate is an xsd:date such as "2021-12-07"^^xsd:date.',
        str(THREE_MISTAKES),
        14,
        22,
    ),
    (
        "Violation",
        "id:organisation/cyber-peace-lab",
        "gg:knownStakeholderGroup",
        "id:stakeholder-group/ngo",
        "gg:TestOrganisationShape › gg:knownStakeholderGroup",
        "A known stakeholder group must be a concept of ontology/schemes/stakeholder-groups.ttl.",
        str(THREE_MISTAKES),
        20,
        30,
    ),
    (
        "Violation",
        "id:person/jane-doe",
        "foaf:name",
        None,
        "gg:TestPersonShape › foaf:name",
        "A person has exactly one canonical name (foaf:name), a plain string.",
        str(THREE_MISTAKES),
        22,
        1,
    ),
]


def three_mistakes_report() -> ValidationReport:
    item = read_input(THREE_MISTAKES)
    sources = SourceMap([item.index], item.graph, [item.display])
    return validate_graphs(item.graph, shapes=fixture_shapes(), sources=sources)


# -- full validation and the report --------------------------------------------------------------


def test_full_validation_of_three_mistakes_gives_located_results() -> None:
    report = three_mistakes_report()
    assert summary(report) == THREE_MISTAKES_RESULTS
    assert report.counts_by_severity() == {"Violation": 3, "Warning": 0, "Info": 0}
    assert not report.conforms


def test_results_carry_labels_and_what_was_expected() -> None:
    report = three_mistakes_report()
    assert [(r.focus_label, r.expected, r.constraint) for r in report.results] == [
        ("Cyber norms in practice", "a literal of datatype xsd:date", "sh:DatatypeConstraintComponent"),
        ("Cyber Peace Lab", "an instance of gg:StakeholderGroup", "sh:ClassConstraintComponent"),
        ("Jane Doe", "at least 1 value(s)", "sh:MinCountConstraintComponent"),
    ]


def test_fixed_file_conforms() -> None:
    item = read_input(FIXED)
    report = validate_graphs(item.graph, shapes=fixture_shapes())
    assert report.results == []
    assert report.conforms
    assert not report.fails("info")


def test_text_report_groups_by_shape_and_message() -> None:
    text = three_mistakes_report().to_text()
    assert text == (
        "Violation gg:TestEventShape › schema:startDate\n"
        '  schema:startDate is an xsd:date such as "2021-12-07"^^xsd:date.\n'
        f"  {THREE_MISTAKES}:14:22  Cyber norms in practice  (id:event/igf-2021-ws-999)\n"
        '      path schema:startDate · value "7 December 2021" · expected a literal of datatype xsd:date\n'
        "\n"
        "Violation gg:TestOrganisationShape › gg:knownStakeholderGroup\n"
        "  A known stakeholder group must be a concept of ontology/schemes/stakeholder-groups.ttl.\n"
        f"  {THREE_MISTAKES}:20:30  Cyber Peace Lab  (id:organisation/cyber-peace-lab)\n"
        "      path gg:knownStakeholderGroup · value id:stakeholder-group/ngo"
        " · expected an instance of gg:StakeholderGroup\n"
        "\n"
        "Violation gg:TestPersonShape › foaf:name\n"
        "  A person has exactly one canonical name (foaf:name), a plain string.\n"
        f"  {THREE_MISTAKES}:22:1  Jane Doe  (id:person/jane-doe)\n"
        "      path foaf:name · no value · expected at least 1 value(s)\n"
        "\n"
        "Does not conform: 3 violations, 0 warnings, 0 infos.\n"
    )


def test_json_report() -> None:
    data = json.loads(three_mistakes_report().to_json())
    assert data["conforms"] is False
    assert data["counts"] == {"Violation": 3, "Warning": 0, "Info": 0}
    assert [g["shape"] for g in data["groups"]] == [
        "gg:TestEventShape › schema:startDate",
        "gg:TestOrganisationShape › gg:knownStakeholderGroup",
        "gg:TestPersonShape › foaf:name",
    ]
    first = data["results"][0]
    assert (first["focus_node"], first["file"], first["line"], first["column"]) == (
        "id:event/igf-2021-ws-999",
        str(THREE_MISTAKES),
        14,
        22,
    )


def test_turtle_report_is_a_standard_shacl_report() -> None:
    graph = Graph().parse(data=three_mistakes_report().to_turtle(), format="turtle")
    report = next(graph.subjects(RDF.type, SH.ValidationReport))
    assert str(graph.value(report, SH.conforms)) == "false"
    focus = sorted(str(graph.value(r, SH.focusNode)) for r in graph.objects(report, SH.result))
    assert focus == [
        "https://w3id.org/govgraph/id/event/igf-2021-ws-999",
        "https://w3id.org/govgraph/id/organisation/cyber-peace-lab",
        "https://w3id.org/govgraph/id/person/jane-doe",
    ]


def test_fail_on_levels_and_severities(tmp_path: Path) -> None:
    file = tmp_path / "warning.ttl"
    file.write_text(
        "@prefix gg: <https://w3id.org/govgraph/ontology#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/govgraph/id/event/e1> a gg:Event ;\n"
        '    schema:name "E1" ;\n'
        "    gg:durationMinutes 0 .\n",
        encoding="utf-8",
    )
    item = read_input(file)
    report = validate_graphs(
        item.graph, shapes=fixture_shapes(), sources=SourceMap([item.index], item.graph, [item.display])
    )
    assert summary(report) == [
        (
            "Warning",
            "id:event/e1",
            "gg:durationMinutes",
            '"0"^^xsd:integer',
            "gg:TestEventShape › gg:durationMinutes",
            "gg:durationMinutes is a positive whole number of minutes.",
            str(file),
            5,
            24,
        )
    ]
    assert report.results[0].expected == "a value ≥ 1"
    assert not report.fails("violation")
    assert report.fails("warning")
    assert report.fails("info")


def test_dataset_input_is_validated_as_one_union_graph() -> None:
    from rdflib import Dataset

    dataset = Dataset()
    dataset.parse(STORE_TRIG, format="trig")
    report = validate_graphs(dataset, shapes=fixture_shapes())
    assert report.results == []


# -- positions -----------------------------------------------------------------------------------


def test_source_index_positions_of_subjects_predicates_objects_and_nested_nodes() -> None:
    text = (
        "@prefix ex: <http://example.org/> .\n"
        "PREFIX s: <https://schema.org/>\n"
        "ex:a a ex:C ;\n"
        '   ex:p "x\\"y" , 42 ;\n'
        "   ex:q [ ex:r ex:b ; ex:s _:n ] .\n"
        "_:n ex:t ( ex:c ) .\n"
        "<http://example.org/g> { ex:d s:name 'd'@en . }\n"
    )
    index = SourceIndex.build(text, "f.trig")
    ex = "http://example.org/"
    assert index.subjects[ex + "a"] == (3, 1)
    assert index.predicates[(ex + "a", str(RDF.type))] == (3, 6)
    assert index.objects[(ex + "a", ex + "p", '"x"y')] == (4, 9)
    assert index.objects[(ex + "a", ex + "p", '"42')] == (4, 18)
    nested = index.children[(ex + "a", ex + "q")][0]
    assert index.objects[(ex + "a", ex + "q", nested)] == (5, 9)
    assert index.predicates[(nested, ex + "r")] == (5, 11)
    assert index.subjects["_:n"] == (6, 1)
    assert index.subjects[ex + "d"] == (7, 26)
    assert index.objects[(ex + "d", "https://schema.org/name", '"d')] == (7, 38)


def test_blank_node_focus_is_located_and_labelled(tmp_path: Path) -> None:
    file = tmp_path / "nested.ttl"
    file.write_text(
        "@prefix gg: <https://w3id.org/govgraph/ontology#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "<https://w3id.org/govgraph/id/event/e1> a gg:Event ;\n"
        '    schema:name "E1" ;\n'
        "    schema:subEvent [\n"
        "        a gg:Event ;\n"
        '        schema:startDate "soon"\n'
        "    ] .\n",
        encoding="utf-8",
    )
    item = read_input(file)
    report = validate_graphs(
        item.graph, shapes=fixture_shapes(), sources=SourceMap([item.index], item.graph, [item.display])
    )
    assert [(r.focus_label, r.path, r.line, r.column) for r in report.results] == [
        ("gg:Event (unnamed) under E1 via schema:subEvent", "schema:name", 5, 21),
        ("gg:Event (unnamed) under E1 via schema:subEvent", "schema:startDate", 7, 26),
    ]
    assert all(not r.focus_label.startswith("_:") for r in report.results)


# -- self-checks of the shapes graph -------------------------------------------------------------


def test_fixture_shapes_conform_to_shacl_shacl() -> None:
    conforms, text = check_shapes_graph(fixture_shapes())
    assert conforms, text


def test_broken_shapes_fail_shacl_shacl() -> None:
    broken = Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .\n"
        'ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount "one" ] .\n',
        format="turtle",
    )
    conforms, _text = check_shapes_graph(broken)
    assert not conforms


@pytest.mark.skipif(not paths.SHAPES_FILE.is_file(), reason="ontology/shapes.ttl not written yet")
def test_project_shapes_conform_to_shacl_shacl() -> None:
    conforms, text = check_shapes_graph(load_shapes())
    assert conforms, text


def _node_shapes(shapes: Graph) -> set[URIRef]:
    return {s for s in shapes.subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}


def _shape_targets(shapes: Graph, shape: URIRef, data: Graph) -> bool:
    classes = set(shapes.objects(shape, SH.targetClass))
    if (shape, RDF.type, URIRef("http://www.w3.org/2000/01/rdf-schema#Class")) in shapes:
        classes.add(shape)
    if any(data.subjects(RDF.type, c) for c in classes):
        return True
    if any(True for _ in shapes.objects(shape, SH.targetNode)):
        return any((n, None, None) in data for n in shapes.objects(shape, SH.targetNode))
    for p in shapes.objects(shape, SH.targetSubjectsOf):
        if any(data.subjects(p, None)):
            return True
    return any(any(data.objects(None, p)) for p in shapes.objects(shape, SH.targetObjectsOf))


def _node_shape_of(shapes: Graph, source: object) -> URIRef | None:
    """The node shape a result's source shape belongs to (a property shape's parent)."""
    for parent in shapes.subjects(SH.property, source):  # type: ignore[arg-type]
        return parent if isinstance(parent, URIRef) else None
    return source if isinstance(source, URIRef) else None


SHAPE_FIXTURES = Path(__file__).parent / "data" / "shapes"


@pytest.mark.skipif(
    not (paths.SHAPES_FILE.is_file() and (SHAPE_FIXTURES / "valid").is_dir() and (SHAPE_FIXTURES / "invalid").is_dir()),
    reason="ontology/shapes.ttl or its fixtures tests/data/shapes/valid|invalid not written yet",
)
def test_every_node_shape_has_a_valid_and_an_invalid_fixture() -> None:
    """A valid fixture targets the shape and conforms; an invalid one makes the shape report a result."""
    shapes = load_shapes()
    ontology = load_ontology()
    covered_valid: set[URIRef] = set()
    covered_invalid: set[URIRef] = set()
    # the ontology and its concept schemes are the valid fixture of the shapes that check them
    valid = [ontology, *(Graph().parse(f, format="turtle") for f in sorted((SHAPE_FIXTURES / "valid").glob("*.ttl")))]
    for data in valid:
        covered_valid |= {s for s in _node_shapes(shapes) if _shape_targets(shapes, s, data)}
    for file in sorted((SHAPE_FIXTURES / "invalid").glob("*.ttl")):
        data = Graph().parse(file, format="turtle")
        report = validate_graphs(data, shapes=shapes, ontology=ontology, global_checks=False)
        for node in report.graph.subjects(RDF.type, SH.ValidationResult):
            shape = _node_shape_of(shapes, report.graph.value(node, SH.sourceShape))
            if shape is not None:
                covered_invalid.add(shape)
    all_shapes = _node_shapes(shapes)
    assert sorted(all_shapes - covered_valid) == [], "node shapes without a valid fixture"
    missing_invalid = {str(s).rsplit("#", 1)[-1] for s in all_shapes - covered_invalid}
    assert sorted(missing_invalid) == [], "node shapes without an invalid fixture"
