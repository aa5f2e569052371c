"""The global checks of ontology/checks/*.rq over a store whose data is spread over several named
graphs (a node described in two graphs must not count twice)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.store import GraphStore
from govgraph.validate import run_global_checks
from test_validate import make_store

DATA = """
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix schema: <https://schema.org/> .
@prefix person: <https://w3id.org/govgraph/id/person/> .
@prefix org: <https://w3id.org/govgraph/id/organisation/> .
@prefix event: <https://w3id.org/govgraph/id/event/> .
@prefix pt: <https://w3id.org/govgraph/id/participation/> .
@prefix role: <https://w3id.org/govgraph/id/role/> .
@prefix pi: <https://w3id.org/govgraph/id/process-instance/> .
@prefix ins: <https://w3id.org/govgraph/id/instrument/> .
@prefix doc: <https://w3id.org/govgraph/id/document/test/> .

doc:a {
    event:e1 a gg:Event ; schema:name "Workshop one" .
    person:ana a gg:Person ; foaf:name "Ana Pérez" .
    person:bo a gg:Person ; foaf:name "Bo Li" .
    # described again in doc:b: one node, not a duplicate
    pt:ana-e1 a gg:Participation ; gg:participant person:ana ; gg:event event:e1 ; gg:role role:speaker .
    # Bo at e1 as this document states it; doc:b states it too, as another node: not a duplicate
    pt:bo-e1-a a gg:Participation ; gg:participant person:bo ; gg:event event:e1 ; gg:role role:speaker .
    # one name, two person IRIs
    person:ana-perez a gg:Person ; foaf:name "Ana Pérez" .
    # same name, different class: not a duplicate
    org:bo-li a gg:Organisation ; foaf:name "Bo Li" .
    pi:oewg-2019-2021 a gg:ProcessInstance ; gg:mandatedBy ins:a-res-73-27 .
    pi:gge-2019-2021 a gg:ProcessInstance ; gg:mandatedBy ins:a-res-73-266 .
}
doc:b {
    pt:ana-e1 a gg:Participation ; gg:participant person:ana ; gg:event event:e1 ; gg:role role:speaker .
    person:ana a gg:Person ; foaf:name "Ana Pérez" .
    # Bo twice at e1 in ONE document, as speaker both times
    person:bo a gg:Person ; foaf:name "Bo Li" .
    pt:bo-e1-b a gg:Participation ; gg:participant person:bo ; gg:event event:e1 ;
        gg:role role:speaker , role:moderator .
    pt:bo-e1-c a gg:Participation ; gg:participant person:bo ; gg:event event:e1 ; gg:role role:speaker .
    # a second mandate in another graph
    pi:oewg-2019-2021 a gg:ProcessInstance ; gg:mandatedBy ins:a-res-73-266 .
    # the same mandate stated again: not a second one
    pi:gge-2019-2021 gg:mandatedBy ins:a-res-73-266 .
    event:e1 a gg:Event ; schema:name "Workshop one" .
}
"""


@pytest.fixture()
def store(tmp_path: Path) -> GraphStore:
    opened = make_store(tmp_path / "store")
    opened.ox.load(DATA.encode("utf-8"), format=ox.RdfFormat.TRIG)
    return opened


def test_global_checks_exact_rows(store: GraphStore) -> None:
    rows = [(r.severity, r.source_shape, r.focus_node, r.path, r.value, r.message) for r in run_global_checks(store)]
    assert rows == [
        (
            "Violation",
            "check duplicate-name",
            "id:person/ana",
            "foaf:name",
            "id:person/ana-perez",
            '"Ana Pérez" names 2 different Person IRIs (id:person/ana, id:person/ana-perez); '
            "one canonical name must have one IRI.",
        ),
        (
            "Violation",
            "check duplicate-participation",
            "id:participation/bo-e1-b",
            "gg:participant",
            "id:participation/bo-e1-c",
            "Bo Li takes part in Workshop one through 2 participation nodes "
            "(id:participation/bo-e1-b, id:participation/bo-e1-c); merge them into one.",
        ),
        (
            "Violation",
            "check person-listed-twice",
            "id:participation/bo-e1-b",
            "gg:role",
            "id:participation/bo-e1-c",
            "Bo Li is listed 2 times as Speaker at Workshop one "
            "(id:participation/bo-e1-b, id:participation/bo-e1-c); keep one listing.",
        ),
        (
            "Warning",
            "check two-mandates",
            "id:process-instance/oewg-2019-2021",
            "gg:mandatedBy",
            None,
            "id:process-instance/oewg-2019-2021 is mandated by 2 instruments "
            "(id:instrument/a-res-73-266, id:instrument/a-res-73-27); "
            "record each further mandate as a new process instance.",
        ),
    ]


def test_each_check_query_alone(store: GraphStore) -> None:
    """The raw GROUP BY rows, as a maintainer running the .rq by hand sees them."""
    from govgraph import paths

    id_ = "https://w3id.org/govgraph/id/"
    [row] = store.select((paths.CHECKS_DIR / "duplicate-participation.rq").read_text(encoding="utf-8"))
    assert str(row["participant"]) == f"{id_}person/bo"
    assert int(row["count"]) == 2  # type: ignore[arg-type]
    assert sorted(str(row["nodes"]).split()) == [f"{id_}participation/bo-e1-b", f"{id_}participation/bo-e1-c"]
    [row] = store.select((paths.CHECKS_DIR / "two-mandates.rq").read_text(encoding="utf-8"))
    assert str(row["instance"]) == f"{id_}process-instance/oewg-2019-2021"
    assert int(row["count"]) == 2  # type: ignore[arg-type]
    [row] = store.select((paths.CHECKS_DIR / "duplicate-name.rq").read_text(encoding="utf-8"))
    assert (str(row["name"]), str(row["class"]), int(row["count"])) == (  # type: ignore[arg-type]
        "Ana Pérez",
        "https://w3id.org/govgraph/ontology#Person",
        2,
    )
    [row] = store.select((paths.CHECKS_DIR / "person-listed-twice.rq").read_text(encoding="utf-8"))
    assert str(row["role"]) == f"{id_}role/speaker"


def test_clean_store_has_no_rows(tmp_path: Path) -> None:
    assert run_global_checks(make_store(tmp_path / "store")) == []
