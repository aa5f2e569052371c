"""Every library query on the fixture graph (tests/data/query/fixture.trig), with its exact rows.

The fixture describes some nodes in several document graphs, so a count without DISTINCT, or a
listing without grouping, would show up here as a wrong number or a repeated row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest

from govgraph.query import bind_params, get_query, list_queries, run_query
from govgraph.sparql import bind_values
from govgraph.store import GraphStore

FIXTURE = Path(__file__).parent / "data" / "query" / "fixture.trig"
ID = "https://w3id.org/govgraph/id/"


def load_fixture(path: Path) -> Path:
    """A govgraph store at ``path`` holding the fixture dataset."""
    store = GraphStore.create(path)
    store.ox.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.close()
    return path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with GraphStore.open(load_fixture(tmp_path_factory.mktemp("query") / "store"), read_only=True) as opened:
        yield opened


CASES: list[tuple[str, dict[str, str], list[str], list[tuple[Any, ...]]]] = [
    (
        "actor-timeline",
        {},
        ["date", "event", "title", "meeting", "roles", "group", "affiliation", "document", "documents"],
        [
            (
                "2021-12-07",
                ID + "event/igf-2021-ws-257",
                "Multistakeholder engagement in implementation of the Roadmap",
                "IGF 2021",
                "moderator, speaker",
                "Civil Society",
                "Association for Progressive Communications",
                ID + "document/seeds/001_aaaa",
                1,
            ),
            (
                "2022-11-30",
                ID + "event/igf-2022-ws-10",
                "Cybercrime treaty and human rights",
                "IGF 2022",
                "speaker",
                "Civil Society",
                "Association for Progressive Communications",
                ID + "document/seeds/002_bbbb",
                1,
            ),
        ],
    ),
    (
        "actor-timeline",
        {"actor": "organisation/association-for-progressive-communications"},
        ["date", "event", "title", "meeting", "roles", "group", "affiliation", "document", "documents"],
        [
            (
                "2021-12-07",
                ID + "event/igf-2021-ws-257",
                "Multistakeholder engagement in implementation of the Roadmap",
                "IGF 2021",
                "organizer",
                None,
                None,
                ID + "document/seeds/001_aaaa",
                1,
            ),
            (
                "2023-10-08",
                ID + "event/igf-2023-ws-5",
                "Implementing the cybercrime convention",
                "IGF 2023",
                "organizer",
                None,
                None,
                ID + "document/seeds/003_cccc",
                1,
            ),
        ],
    ),
    (
        "actor-timeline",
        {"actor": "Maria Silva"},
        ["date", "event", "title", "meeting", "roles", "group", "affiliation", "document", "documents"],
        [
            (
                "2014-04-23",
                ID + "event/netmundial-2014",
                "NETmundial 2014",
                None,
                "organizer, contributor",
                "Civil Society",
                "Global Coalition",
                ID + "document/netmundial2014/001",
                2,
            ),
        ],
    ),
    (
        "event-participants",
        {"event": "igf-2021-ws-257"},
        ["actor", "name", "roles", "group", "regional_group", "affiliation"],
        [
            (ID + "person/alice-adams", "Alice Adams", "speaker", "Government", "WEOG", "Federal Foreign Office"),
            (
                ID + "person/anriette-esterhuysen",
                "Anriette Esterhuysen",
                "moderator, speaker",
                "Civil Society",
                "African Group",
                "Association for Progressive Communications",
            ),
            (
                ID + "organisation/association-for-progressive-communications",
                "Association for Progressive Communications",
                "organizer",
                None,
                None,
                None,
            ),
        ],
    ),
    (
        "actors-in-process",
        {},
        ["actor", "name", "kind", "events"],
        [
            (ID + "organisation/access-now", "Access Now", "organisation", 2),
            (ID + "person/alice-adams", "Alice Adams", "person", 2),
            (ID + "person/anriette-esterhuysen", "Anriette Esterhuysen", "person", 2),
            (
                ID + "organisation/association-for-progressive-communications",
                "Association for Progressive Communications",
                "organisation",
                1,
            ),
            (ID + "person/bob-brown", "Bob Brown", "person", 1),
            (ID + "organisation/cyber-peace-lab", "Cyber Peace Lab", "organisation", 1),
            (ID + "person/jane-oneil", "Jane ONeil", "person", 1),
        ],
    ),
    (
        "actors-in-process",
        {"process": "AHC"},
        ["actor", "name", "kind", "events"],
        [
            (ID + "person/bob-brown", "Bob Brown", "person", 2),
            (ID + "organisation/access-now", "Access Now", "organisation", 1),
            (ID + "person/anriette-esterhuysen", "Anriette Esterhuysen", "person", 1),
            (
                ID + "organisation/association-for-progressive-communications",
                "Association for Progressive Communications",
                "organisation",
                1,
            ),
            (ID + "person/carol-chen", "Carol Chen", "person", 1),
            (ID + "person/jane-o-neil", "Jane O'Neil", "person", 1),
        ],
    ),
    (
        "actors-in-process",
        {"process": "OEWG", "instance": "oewg-2021-2025"},
        ["actor", "name", "kind", "events"],
        [
            (ID + "organisation/access-now", "Access Now", "organisation", 2),
            (ID + "person/alice-adams", "Alice Adams", "person", 1),
            (ID + "person/anriette-esterhuysen", "Anriette Esterhuysen", "person", 1),
            (ID + "person/bob-brown", "Bob Brown", "person", 1),
            (ID + "organisation/cyber-peace-lab", "Cyber Peace Lab", "organisation", 1),
            (ID + "person/jane-oneil", "Jane ONeil", "person", 1),
        ],
    ),
    (
        "actors-in-process",
        {"process": "NETmundial"},
        ["actor", "name", "kind", "events"],
        [
            (ID + "person/dirk-brengelmann", "Dirk Brengelmann", "person", 1),
            (ID + "person/li-wei", "Li Wei", "person", 1),
            (ID + "person/maria-silva", "Maria Silva", "person", 1),
            (ID + "person/ravi-kumar", "Ravi Kumar", "person", 1),
            (ID + "person/sam-smith", "Sam Smith", "person", 1),
            (ID + "person/tom-taylor", "Tom Taylor", "person", 1),
        ],
    ),
    (
        "actors-without-group",
        {},
        ["actor", "name", "kind", "events", "first_document"],
        [
            (ID + "organisation/cyber-peace-lab", "Cyber Peace Lab", "organisation", 1, ID + "document/seeds/004_dddd"),
            (ID + "person/carol-chen", "Carol Chen", "person", 1, ID + "document/seeds/003_cccc"),
        ],
    ),
    (
        "affiliation-changes",
        {},
        [
            "person",
            "name",
            "event1",
            "date1",
            "affiliation1",
            "affiliation1_name",
            "event2",
            "date2",
            "affiliation2",
            "affiliation2_name",
        ],
        [
            (
                ID + "person/alice-adams",
                "Alice Adams",
                ID + "event/igf-2021-ws-257",
                "2021-12-07",
                ID + "organisation/federal-foreign-office",
                "Federal Foreign Office",
                ID + "event/igf-2023-ws-6",
                "2023-10-09",
                ID + "organisation/ministry-of-digital-affairs",
                "Ministry of Digital Affairs",
            ),
            (
                ID + "person/bob-brown",
                "Bob Brown",
                ID + "event/igf-2022-ws-10",
                "2022-11-30",
                ID + "organisation/access-now",
                "Access Now",
                ID + "event/igf-2023-ws-5",
                "2023-10-08",
                ID + "organisation/ministry-of-digital-affairs",
                "Ministry of Digital Affairs",
            ),
        ],
    ),
    (
        "affiliation-changes",
        {"person": "Bob Brown"},
        [
            "person",
            "name",
            "event1",
            "date1",
            "affiliation1",
            "affiliation1_name",
            "event2",
            "date2",
            "affiliation2",
            "affiliation2_name",
        ],
        [
            (
                ID + "person/bob-brown",
                "Bob Brown",
                ID + "event/igf-2022-ws-10",
                "2022-11-30",
                ID + "organisation/access-now",
                "Access Now",
                ID + "event/igf-2023-ws-5",
                "2023-10-08",
                ID + "organisation/ministry-of-digital-affairs",
                "Ministry of Digital Affairs",
            ),
        ],
    ),
    (
        "co-participants",
        {},
        ["other", "name", "kind", "shared_events"],
        [
            (ID + "organisation/access-now", "Access Now", "organisation", 1),
            (ID + "person/alice-adams", "Alice Adams", "person", 1),
            (
                ID + "organisation/association-for-progressive-communications",
                "Association for Progressive Communications",
                "organisation",
                1,
            ),
            (ID + "person/bob-brown", "Bob Brown", "person", 1),
        ],
    ),
    (
        "documents-mentioning-process",
        {"process": "AHC"},
        ["document", "title", "genre", "mentions"],
        [
            (ID + "document/seeds/002_bbbb", "Cybercrime treaty and human rights", "igf-session", 1),
            (ID + "document/seeds/003_cccc", "Implementing the cybercrime convention", "igf-session", 1),
        ],
    ),
    (
        "event-participants",
        {"event": "igf-2023-ws-5"},
        ["actor", "name", "roles", "group", "regional_group", "affiliation"],
        [
            (
                ID + "organisation/association-for-progressive-communications",
                "Association for Progressive Communications",
                "organizer",
                None,
                None,
                None,
            ),
            (ID + "person/bob-brown", "Bob Brown", "speaker", "Government", "WEOG", "Ministry of Digital Affairs"),
            (ID + "person/carol-chen", "Carol Chen", "speaker", None, None, None),
            (ID + "person/jane-o-neil", "Jane O'Neil", "speaker", "Technical Community", "Asia-Pacific Group", None),
        ],
    ),
    (
        "events-mentioning-process",
        {},
        ["event", "code", "title", "date", "mentioned_instance", "surface_form", "occurrences"],
        [
            (
                ID + "event/igf-2021-ws-257",
                "IGF 2021 WS #257",
                "Multistakeholder engagement in implementation of the Roadmap",
                "2021-12-07",
                ID + "process-instance/oewg-2019-2021",
                "OEWG",
                2,
            ),
            (
                ID + "event/igf-2022-ws-10",
                "IGF 2022 WS #10",
                "Cybercrime treaty and human rights",
                "2022-11-30",
                ID + "process-instance/oewg-2021-2025",
                "OEWG",
                1,
            ),
            (
                ID + "event/igf-2023-ws-6",
                "IGF 2023 WS #6",
                "Norms of responsible state behaviour",
                "2023-10-09",
                ID + "process-instance/oewg-2021-2025",
                "Open-Ended Working Group",
                1,
            ),
        ],
    ),
    (
        "events-mentioning-process",
        {"process": "OEWG", "instance": "oewg-2021-2025"},
        ["event", "code", "title", "date", "mentioned_instance", "surface_form", "occurrences"],
        [
            (
                ID + "event/igf-2022-ws-10",
                "IGF 2022 WS #10",
                "Cybercrime treaty and human rights",
                "2022-11-30",
                ID + "process-instance/oewg-2021-2025",
                "OEWG",
                1,
            ),
            (
                ID + "event/igf-2023-ws-6",
                "IGF 2023 WS #6",
                "Norms of responsible state behaviour",
                "2023-10-09",
                ID + "process-instance/oewg-2021-2025",
                "Open-Ended Working Group",
                1,
            ),
        ],
    ),
    (
        "evidence",
        {"node": "person/anriette-esterhuysen"},
        ["document", "statement", "file", "line", "quote"],
        [
            (
                ID + "document/seeds/001_aaaa",
                ID + "participation/a001",
                "seeds/001_aaaa.txt",
                8,
                "Speaker 1: Anriette Esterhuysen, Civil Society, African Group",
            ),
            (
                ID + "document/seeds/002_bbbb",
                ID + "participation/b001",
                "seeds/002_bbbb.txt",
                7,
                "Speaker 1: Anriette Esterhuysen, Civil Society, African Group",
            ),
        ],
    ),
    (
        "evidence",
        {"node": "contribution/netmundial-2014-003"},
        ["document", "statement", "file", "line", "quote"],
        [
            (
                ID + "document/netmundial2014/003",
                ID + "contribution/netmundial-2014-003",
                "netmundial2014/003A.txt",
                3,
                "Entitled by: Maria Silva and Li Wei",
            ),
        ],
    ),
    (
        "most-connected-organisations",
        {},
        ["organisation", "name", "events", "partners", "people"],
        [
            (
                ID + "organisation/association-for-progressive-communications",
                "Association for Progressive Communications",
                3,
                3,
                1,
            ),
            (ID + "organisation/ministry-of-digital-affairs", "Ministry of Digital Affairs", 2, 3, 2),
            (ID + "organisation/access-now", "Access Now", 2, 3, 1),
            (ID + "organisation/federal-foreign-office", "Federal Foreign Office", 2, 1, 2),
            (ID + "organisation/cyber-peace-lab", "Cyber Peace Lab", 1, 2, 0),
            (ID + "organisation/global-coalition", "Global Coalition", 1, 0, 2),
            (ID + "organisation/acme-corp", "Acme Corp", 1, 0, 1),
            (ID + "organisation/instituto-nupef", "Instituto Nupef", 1, 0, 1),
            (ID + "organisation/internet-society-chapter", "Internet Society Chapter", 1, 0, 1),
        ],
    ),
    (
        "most-connected-organisations",
        {"group": "Civil Society"},
        ["organisation", "name", "events", "partners", "people"],
        [
            (
                ID + "organisation/association-for-progressive-communications",
                "Association for Progressive Communications",
                3,
                3,
                1,
            ),
            (ID + "organisation/access-now", "Access Now", 2, 3, 1),
            (ID + "organisation/global-coalition", "Global Coalition", 1, 0, 2),
            (ID + "organisation/instituto-nupef", "Instituto Nupef", 1, 0, 1),
        ],
    ),
    (
        "netmundial-contributions-by-country",
        {},
        ["country", "iso", "name", "count"],
        [
            (ID + "state/bra", "BRA", "Brazil", 2),
            (ID + "state/deu", "DEU", "Germany", 2),
            (ID + "state/usa", "USA", "United States of America", 2),
            (None, None, None, 1),
            (ID + "state/ind", "IND", "India", 1),
        ],
    ),
    (
        "netmundial-contributions-by-group",
        {},
        ["group", "count"],
        [
            ("Civil Society", 2),
            ("Government", 1),
            ("Other", 1),
            ("Private Sector", 1),
            ("Technical Community", 1),
        ],
    ),
    (
        "netmundial-contributions-by-region",
        {},
        ["group", "count"],
        [
            ("WEOG", 3),
            ("GRULAC", 2),
            (None, 1),
            ("Asia-Pacific Group", 1),
        ],
    ),
    (
        "netmundial-contributions-by-track",
        {},
        ["track", "count"],
        [
            ("principles", 3),
            ("combined", 2),
            ("roadmap", 1),
        ],
    ),
    (
        "organisations-in-two-processes",
        {},
        ["organisation", "name", "first_events", "second_events"],
        [
            (ID + "organisation/access-now", "Access Now", 2, 1),
            (
                ID + "organisation/association-for-progressive-communications",
                "Association for Progressive Communications",
                2,
                2,
            ),
            (ID + "organisation/ministry-of-digital-affairs", "Ministry of Digital Affairs", 1, 1),
        ],
    ),
    (
        "organisations-in-two-processes",
        {"group": "Civil Society"},
        ["organisation", "name", "first_events", "second_events"],
        [
            (ID + "organisation/access-now", "Access Now", 2, 1),
            (
                ID + "organisation/association-for-progressive-communications",
                "Association for Progressive Communications",
                2,
                2,
            ),
        ],
    ),
    (
        "possible-duplicates",
        {},
        ["key", "actor", "kind", "name"],
        [
            ("janeoneil", ID + "person/jane-o-neil", "person", "Jane O'Neil"),
            ("janeoneil", ID + "person/jane-oneil", "person", "Jane ONeil"),
        ],
    ),
    (
        "process-lineage",
        {},
        ["instance", "label", "relation", "target", "target_label"],
        [
            (
                ID + "process-instance/ahc-2022-2024",
                "Ad Hoc Committee 2022–2024",
                "mandated by",
                ID + "instrument/a-res-74-247",
                "A/RES/74/247",
            ),
            (
                ID + "process-instance/ahc-2022-2024",
                "Ad Hoc Committee 2022–2024",
                "produced",
                ID + "process-instance/uncc-2024",
                "UN Convention against Cybercrime",
            ),
            (
                ID + "process-instance/gge-2019-2021",
                "GGE 2019–2021",
                "mandated by",
                ID + "instrument/a-res-73-266",
                "A/RES/73/266",
            ),
            (
                ID + "process-instance/oewg-2019-2021",
                "OEWG 2019–2021",
                "mandated by",
                ID + "instrument/a-res-73-27",
                "A/RES/73/27",
            ),
            (
                ID + "process-instance/oewg-2021-2025",
                "OEWG 2021–2025",
                "mandated by",
                ID + "instrument/a-res-75-240",
                "A/RES/75/240",
            ),
            (
                ID + "process-instance/oewg-2021-2025",
                "OEWG 2021–2025",
                "succeeds",
                ID + "process-instance/oewg-2019-2021",
                "OEWG 2019–2021",
            ),
            (
                ID + "process-instance/permanent-mechanism",
                "Global Mechanism on ICT security",
                "succeeds",
                ID + "process-instance/oewg-2021-2025",
                "OEWG 2021–2025",
            ),
            (
                ID + "process-instance/uncc-2024",
                "UN Convention against Cybercrime",
                "mandated by",
                ID + "instrument/a-res-79-243",
                "A/RES/79/243",
            ),
        ],
    ),
    (
        "process-lineage",
        {"process": "AHC"},
        ["instance", "label", "relation", "target", "target_label"],
        [
            (
                ID + "process-instance/ahc-2022-2024",
                "Ad Hoc Committee 2022–2024",
                "mandated by",
                ID + "instrument/a-res-74-247",
                "A/RES/74/247",
            ),
            (
                ID + "process-instance/ahc-2022-2024",
                "Ad Hoc Committee 2022–2024",
                "produced",
                ID + "process-instance/uncc-2024",
                "UN Convention against Cybercrime",
            ),
        ],
    ),
    (
        "processes-overview",
        {},
        ["process", "notation", "label", "events", "documents", "instances"],
        [
            (ID + "process/oewg", "OEWG", "Open-Ended Working Group on ICTs", 3, 3, 2),
            (ID + "process/ahc", "AHC", "Ad Hoc Committee on Cybercrime", 2, 2, 1),
            (ID + "process/roadmap", "Roadmap", "Roadmap for Digital Cooperation", 1, 1, 0),
            (ID + "process/uncc", "UNCC", "United Nations Convention against Cybercrime", 1, 1, 1),
            (ID + "process/gge", "GGE", "Group of Governmental Experts on ICTs", 0, 0, 1),
            (ID + "process/igf", "IGF", "Internet Governance Forum", 0, 0, 1),
            (ID + "process/netmundial", "NETmundial", "NETmundial", 0, 0, 1),
            (ID + "process/permanentmechanism", "PermanentMechanism", "Permanent mechanism on ICTs", 0, 0, 1),
        ],
    ),
    (
        "regional-balance-by-event",
        {"event": "igf-2023-ws-5"},
        ["event", "title", "date", "group", "count"],
        [
            (ID + "event/igf-2023-ws-5", "Implementing the cybercrime convention", "2023-10-08", None, 1),
            (
                ID + "event/igf-2023-ws-5",
                "Implementing the cybercrime convention",
                "2023-10-08",
                "Asia-Pacific Group",
                1,
            ),
            (ID + "event/igf-2023-ws-5", "Implementing the cybercrime convention", "2023-10-08", "WEOG", 1),
        ],
    ),
    (
        "regional-balance-by-meeting",
        {},
        ["meeting", "title", "group", "count"],
        [
            (ID + "event/igf-2021", "IGF 2021", "African Group", 1),
            (ID + "event/igf-2021", "IGF 2021", "WEOG", 1),
            (ID + "event/igf-2022", "IGF 2022", "African Group", 1),
            (ID + "event/igf-2022", "IGF 2022", "WEOG", 1),
            (ID + "event/igf-2023", "IGF 2023", None, 2),
            (ID + "event/igf-2023", "IGF 2023", "Asia-Pacific Group", 1),
            (ID + "event/igf-2023", "IGF 2023", "WEOG", 2),
            (ID + "event/netmundial-2014", "NETmundial 2014", None, 2),
            (ID + "event/netmundial-2014", "NETmundial 2014", "Asia-Pacific Group", 1),
            (ID + "event/netmundial-2014", "NETmundial 2014", "GRULAC", 1),
            (ID + "event/netmundial-2014", "NETmundial 2014", "WEOG", 2),
            (ID + "event/seeds-004-dddd-2", "Informal follow-up meeting", None, 1),
        ],
    ),
    (
        "regional-balance-by-year",
        {},
        ["year", "group", "count"],
        [
            (2014, None, 2),
            (2014, "Asia-Pacific Group", 1),
            (2014, "GRULAC", 1),
            (2014, "WEOG", 2),
            (2021, "African Group", 1),
            (2021, "WEOG", 1),
            (2022, "African Group", 1),
            (2022, "WEOG", 1),
            (2023, None, 2),
            (2023, "Asia-Pacific Group", 1),
            (2023, "WEOG", 2),
        ],
    ),
    (
        "sdg-targets-per-process",
        {"process": "IGF"},
        ["process", "notation", "target", "sdg_target", "events"],
        [
            (ID + "process/igf", "IGF", ID + "sdg/16.10", "16.10", 3),
            (ID + "process/igf", "IGF", ID + "sdg/17.16", "17.16", 2),
        ],
    ),
    (
        "stakeholder-balance-by-event",
        {},
        ["event", "title", "date", "group", "count"],
        [
            (ID + "event/seeds-004-dddd-2", "Informal follow-up meeting", None, "Academia", 1),
            (ID + "event/netmundial-2014", "NETmundial 2014", "2014-04-23", "Civil Society", 2),
            (ID + "event/netmundial-2014", "NETmundial 2014", "2014-04-23", "Government", 1),
            (ID + "event/netmundial-2014", "NETmundial 2014", "2014-04-23", "Other", 1),
            (ID + "event/netmundial-2014", "NETmundial 2014", "2014-04-23", "Private Sector", 1),
            (ID + "event/netmundial-2014", "NETmundial 2014", "2014-04-23", "Technical Community", 1),
            (
                ID + "event/igf-2021-ws-257",
                "Multistakeholder engagement in implementation of the Roadmap",
                "2021-12-07",
                "Civil Society",
                1,
            ),
            (
                ID + "event/igf-2021-ws-257",
                "Multistakeholder engagement in implementation of the Roadmap",
                "2021-12-07",
                "Government",
                1,
            ),
            (ID + "event/igf-2022-ws-10", "Cybercrime treaty and human rights", "2022-11-30", "Civil Society", 2),
            (ID + "event/igf-2023-ws-5", "Implementing the cybercrime convention", "2023-10-08", None, 1),
            (ID + "event/igf-2023-ws-5", "Implementing the cybercrime convention", "2023-10-08", "Government", 1),
            (
                ID + "event/igf-2023-ws-5",
                "Implementing the cybercrime convention",
                "2023-10-08",
                "Technical Community",
                1,
            ),
            (ID + "event/igf-2023-ws-6", "Norms of responsible state behaviour", "2023-10-09", "Government", 1),
            (
                ID + "event/igf-2023-ws-6",
                "Norms of responsible state behaviour",
                "2023-10-09",
                "Technical Community",
                1,
            ),
        ],
    ),
    (
        "stakeholder-balance-by-meeting",
        {"meeting": "igf-2023"},
        ["meeting", "title", "group", "count"],
        [
            (ID + "event/igf-2023", "IGF 2023", None, 1),
            (ID + "event/igf-2023", "IGF 2023", "Government", 2),
            (ID + "event/igf-2023", "IGF 2023", "Technical Community", 2),
        ],
    ),
    (
        "stakeholder-balance-by-year",
        {},
        ["year", "group", "count"],
        [
            (2014, "Civil Society", 2),
            (2014, "Government", 1),
            (2014, "Other", 1),
            (2014, "Private Sector", 1),
            (2014, "Technical Community", 1),
            (2021, "Civil Society", 1),
            (2021, "Government", 1),
            (2022, "Civil Society", 2),
            (2023, None, 1),
            (2023, "Government", 2),
            (2023, "Technical Community", 2),
        ],
    ),
    (
        "stakeholder-balance-by-year",
        {"year": "2023", "role": "speaker"},
        ["year", "group", "count"],
        [
            (2023, None, 1),
            (2023, "Government", 2),
            (2023, "Technical Community", 2),
        ],
    ),
    (
        "stakeholder-group-changes",
        {},
        ["person", "name", "event1", "date1", "group1", "event2", "date2", "group2"],
        [
            (
                ID + "person/bob-brown",
                "Bob Brown",
                ID + "event/igf-2022-ws-10",
                "2022-11-30",
                "Civil Society",
                ID + "event/igf-2023-ws-5",
                "2023-10-08",
                "Government",
            ),
        ],
    ),
    (
        "statement-provenance",
        {"node": "event/igf-2023-ws-5"},
        ["graph", "predicate", "value"],
        [
            (
                ID + "document/seeds/003_cccc",
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
                "https://w3id.org/govgraph/ontology#Event",
            ),
            (
                ID + "document/seeds/003_cccc",
                "http://www.w3.org/ns/prov#wasDerivedFrom",
                ID + "document/seeds/003_cccc",
            ),
            (ID + "document/seeds/003_cccc", "https://schema.org/name", "Implementing the cybercrime convention"),
            (ID + "document/seeds/003_cccc", "https://schema.org/superEvent", ID + "event/igf-2023"),
            (ID + "document/seeds/003_cccc", "https://w3id.org/govgraph/ontology#code", "IGF 2023 WS #5"),
            (ID + "document/seeds/003_cccc", "https://w3id.org/govgraph/ontology#sdgTarget", ID + "sdg/16.10"),
            (ID + "document/seeds/003_cccc", "https://w3id.org/govgraph/ontology#sdgTarget", ID + "sdg/17.16"),
        ],
    ),
    (
        "summary-actors-by-group",
        {},
        ["group", "count"],
        [
            ("(not stated)", 4),
            ("Civil Society", 4),
            ("Government", 3),
            ("Technical Community", 3),
            ("Academia", 1),
            ("Other", 1),
            ("Private Sector", 1),
        ],
    ),
    (
        "summary-counts",
        {},
        ["documents", "persons", "organisations", "events", "participations", "contributions", "process_mentions"],
        [
            (10, 13, 9, 5, 22, 6, 7),
        ],
    ),
    (
        "summary-documents-by-collection",
        {},
        ["collection", "count"],
        [
            ("netmundial2014", 6),
            ("seeds", 4),
        ],
    ),
]


@pytest.mark.parametrize(
    ("name", "params", "variables", "rows"),
    CASES,
    ids=[f"{name}{'-' + '-'.join(params.values()) if params else ''}" for name, params, _, _ in CASES],
)
def test_query_rows(
    store: GraphStore, name: str, params: dict[str, str], variables: list[str], rows: list[tuple[Any, ...]]
) -> None:
    result = run_query(name, params, store=store)
    assert result.variables == variables
    assert result.values() == rows


@pytest.mark.parametrize(
    ("name", "params"),
    [(name, params) for name, params, _, _ in CASES if params],
    ids=[f"{name}-{'-'.join(params.values())}" for name, params, _, _ in CASES if params],
)
def test_initial_bindings_give_the_rows_a_values_block_gives(
    store: GraphStore, name: str, params: dict[str, str]
) -> None:
    """The embedded store binds projected variables as initial bindings, an endpoint gets a VALUES
    block: the same rows either way."""
    query = get_query(name)
    bindings = bind_params(query, params)
    substituted = store.select(query.text, bindings)
    joined = store.select(bind_values(query.text, bindings))
    assert substituted == joined
    assert substituted  # each case binds a value that has rows


def test_every_library_query_is_tested() -> None:
    assert {q.name for q in list_queries()} == {name for name, _, _, _ in CASES}


def test_the_library_has_at_least_twenty_documented_queries() -> None:
    queries = list_queries()
    assert len(queries) >= 20
    for query in queries:
        assert query.summary, query.name
        assert query.example.startswith(f"govgraph query {query.name}"), query.name


def test_netmundial_queries_have_a_count_column() -> None:
    for suffix in ("group", "country", "region", "track"):
        query = get_query(f"netmundial-contributions-by-{suffix}")
        assert "(COUNT(DISTINCT ?contribution) AS ?count)" in query.text


def test_counts_are_distinct() -> None:
    for query in list_queries():
        assert "COUNT(?" not in query.text.replace(" ", ""), query.name


def test_a_plain_count_would_be_wrong_on_this_fixture(store: GraphStore) -> None:
    """The trap the DISTINCTs guard against: Anriette Esterhuysen is typed in two document graphs."""
    text = """PREFIX gg: <https://w3id.org/govgraph/ontology#>
    SELECT (COUNT(?p) AS ?plain) (COUNT(DISTINCT ?p) AS ?distinct)
    WHERE { ?p a gg:Person } """
    assert run_query(text, store=store).values() == [(17, 13)]


ROLES_TRIG = """
@prefix gg: <https://w3id.org/govgraph/ontology#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix person: <https://w3id.org/govgraph/id/person/> .
@prefix event: <https://w3id.org/govgraph/id/event/> .
@prefix part: <https://w3id.org/govgraph/id/participation/> .
@prefix doc: <https://w3id.org/govgraph/id/document/t/> .
@prefix role: <https://w3id.org/govgraph/id/role/> .
doc:a {
  person:ann-a a gg:Person ; foaf:name "Ann A" .
  person:bob-b a gg:Person ; foaf:name "Bob B" .
  part:a1 a gg:Participation ; gg:participant person:ann-a ; gg:event event:e1 ;
      gg:role role:speaker , role:rapporteur ; prov:wasDerivedFrom doc:a .
  part:b1 a gg:Participation ; gg:participant person:bob-b ; gg:event event:e1 ; prov:wasDerivedFrom doc:a .
}
doc:b {
  person:ann-a a gg:Person ; foaf:name "Ann A" .
  part:a2 a gg:Participation ; gg:participant person:ann-a ; gg:event event:e1 ;
      gg:role role:organizer , role:speaker , role:contributor ; prov:wasDerivedFrom doc:b .
}
"""


def test_roles_are_merged_across_sources_in_the_fixed_order(tmp_path: Path) -> None:
    """Roles stated by two sources for one actor and event come out once each, in the roles' order;
    an actor with no stated role gets an empty list (the queries aggregate role labels per row)."""
    store = GraphStore.create(tmp_path / "store")
    store.ox.load(ROLES_TRIG.encode(), format=ox.RdfFormat.TRIG)
    store.close()
    with GraphStore.open(tmp_path / "store", read_only=True) as opened:
        people = run_query("event-participants", {"event": "e1"}, store=opened).values()
        assert [(row[1], row[2]) for row in people] == [
            ("Ann A", "organizer, speaker, rapporteur, contributor"),
            ("Bob B", ""),
        ]
        timeline = run_query("actor-timeline", {"actor": "person/ann-a"}, store=opened).values()
        assert [(row[1], row[4], row[8]) for row in timeline] == [
            (ID + "event/e1", "organizer, speaker, rapporteur, contributor", 2)
        ]


# -- the bundled corpus: one fact per query, each read by hand from the source files ---------------


@pytest.fixture(scope="module")
def corpus(built_store_dir: Path) -> Any:
    """The bundled corpus as ``govgraph build`` makes it (tests/conftest.py builds it once a session)."""
    with GraphStore.open(built_store_dir, read_only=True) as opened:
        yield opened


def _rows(store: GraphStore, name: str, **params: str) -> list[dict[str, Any]]:
    result = run_query(name, params, store=store)
    return [dict(zip(result.variables, row, strict=True)) for row in result.values()]


@pytest.mark.slow
def test_corpus_netmundial_by_group(corpus: GraphStore) -> None:
    # grep -h '^Sector:' data/corpus/netmundial2014/*A.txt | sort | uniq -c
    counts = {r["group"]: r["count"] for r in _rows(corpus, "netmundial-contributions-by-group")}
    assert counts == {
        "Civil Society": 59, "Private Sector": 43, "Government": 28,
        "Academia": 21, "Other": 20, "Technical Community": 16,
    }  # fmt: skip


@pytest.mark.slow
def test_corpus_netmundial_by_track(corpus: GraphStore) -> None:
    # 'Area: COMBINED …' starts 77 lines; 005A and 007A glue it to the end of their title line
    counts = {r["track"]: r["count"] for r in _rows(corpus, "netmundial-contributions-by-track")}
    assert counts == {"combined": 79, "principles": 64, "roadmap": 44}


@pytest.mark.slow
def test_corpus_netmundial_by_country(corpus: GraphStore) -> None:
    # Region lines naming Brazil or Brasil: 12 + 2 + 'So Paulo, Brazil', 'Brazil and Germany',
    # 'India and Brasil', 'India and Brazil', 'Italy, Brazil' = 19; France: 6 + 'France, Europe' x2
    # + 'France/United States' = 9
    counts = {r["iso"]: r["count"] for r in _rows(corpus, "netmundial-contributions-by-country")}
    assert counts["BRA"] == 19
    assert counts["FRA"] == 9


@pytest.mark.slow
def test_corpus_netmundial_by_region(corpus: GraphStore) -> None:
    # Eastern European Group: 001 Ukraine, 021 USA / Poland, 045 Russian Federation, 057 Bulgaria,
    # 118 Poland, 126 Russia, 127 Russia, 136 Poland, Europe
    counts = {r["group"]: r["count"] for r in _rows(corpus, "netmundial-contributions-by-region")}
    assert counts["Eastern European Group"] == 8


@pytest.mark.slow
def test_corpus_event_participants_and_balances(corpus: GraphStore) -> None:
    # seeds/001_f8a1a0766480eedb.txt lines 6-22: Jason Munyan organiser (United Nations), online
    # moderator and rapporteur (Intergovernmental Organization); three speakers
    people = {r["name"]: r for r in _rows(corpus, "event-participants", event="igf-2021-ws-257")}
    assert sorted(people) == ["Anriette Esterhuysen", "Birgit Kainz-Labbe", "Jason Munyan", "Nnenna Nwakanma"]
    assert people["Anriette Esterhuysen"]["roles"] == "moderator, speaker"
    assert people["Anriette Esterhuysen"]["group"] == "Civil Society"
    assert people["Anriette Esterhuysen"]["regional_group"] == "African Group"
    assert people["Jason Munyan"]["roles"] == "organizer, online_moderator, rapporteur"
    balance = [(r["group"], r["count"]) for r in _rows(corpus, "stakeholder-balance-by-event", event="igf-2021-ws-257")]
    assert balance == [("Civil Society", 2), ("Intergovernmental Organization", 2)]
    by_meeting = [(r["group"], r["count"]) for r in _rows(corpus, "stakeholder-balance-by-meeting", meeting="igf-2021")]
    assert by_meeting == balance
    by_year = [(r["group"], r["count"]) for r in _rows(corpus, "stakeholder-balance-by-year", year="2021")]
    assert by_year == balance
    # 'Intergovernmental Organization' in the regional field names no UN regional group
    regional = [(r["group"], r["count"]) for r in _rows(corpus, "regional-balance-by-event", event="igf-2021-ws-257")]
    assert regional == [(None, 2), ("African Group", 2)]
    assert [
        (r["group"], r["count"]) for r in _rows(corpus, "regional-balance-by-meeting", meeting="igf-2021")
    ] == regional
    assert [(r["group"], r["count"]) for r in _rows(corpus, "regional-balance-by-year", year="2021")] == regional


@pytest.mark.slow
def test_corpus_anriette_esterhuysen(corpus: GraphStore) -> None:
    # a NETmundial contributor for APC (156A.txt: 'Entitled by: Anriette Esterhuysen', 'Sector: Civil
    # Society') and a speaker and moderator at IGF 2021 WS #257 (Civil Society both times)
    timeline = _rows(corpus, "actor-timeline", actor="Anriette Esterhuysen")
    assert [(r["event"].rsplit("/", 1)[1], r["roles"], r["group"]) for r in timeline] == [
        ("netmundial-2014", "contributor", "Civil Society"),
        ("igf-2021-ws-257", "moderator, speaker", "Civil Society"),
    ]
    assert _rows(corpus, "stakeholder-group-changes", person="Anriette Esterhuysen") == []
    assert _rows(corpus, "affiliation-changes", person="Anriette Esterhuysen") == []
    lines = {(r["file"], r["line"]) for r in _rows(corpus, "evidence", node="person/anriette-esterhuysen")}
    assert {("seeds/001_f8a1a0766480eedb.txt", 8), ("netmundial2014/156A.txt", 5)} <= lines
    others = {r["name"]: r["shared_events"] for r in _rows(corpus, "co-participants", actor="Anriette Esterhuysen")}
    assert others["Nnenna Nwakanma"] == 1 and others["Jason Munyan"] == 1


@pytest.mark.slow
def test_corpus_processes(corpus: GraphStore) -> None:
    # no document of the corpus names the Global Digital Compact
    assert _rows(corpus, "documents-mentioning-process", process="GDC") == []
    overview = {r["notation"]: r for r in _rows(corpus, "processes-overview")}
    assert overview["GDC"]["documents"] == 0
    # seeds/002 (the session proposal) and seeds/004 (the event page) are about the Ad Hoc Committee
    events = {r["event"].rsplit("/", 1)[1] for r in _rows(corpus, "events-mentioning-process", process="AHC")}
    assert events == {"seeds-002-ab2014dc970125be-1", "seeds-004-f23cb15b7c619879-1"}
    # seeds/000: EU Cyber Direct organised IGF 2019 Pre-Event #20 on the OEWG and the GGE
    oewg = {r["name"] for r in _rows(corpus, "actors-in-process", process="OEWG")}
    assert "EU Cyber Direct" in oewg
    # seeds/001 lists SDG targets 17.16, 17.17 and 17.6 for the Roadmap session at IGF 2021
    targets = {r["sdg_target"] for r in _rows(corpus, "sdg-targets-per-process", process="Roadmap")}
    assert targets == {"17.16", "17.17", "17.6"}
    # data/reference/processes.ttl: the OEWG 2021-2025 succeeds the OEWG 2019-2021; the AHC produced the UNCC
    lineage = {(r["instance"].rsplit("/", 1)[1], r["relation"], r["target"].rsplit("/", 1)[1])
               for r in _rows(corpus, "process-lineage")}  # fmt: skip
    assert ("oewg-2021-2025", "succeeds", "oewg-2019-2021") in lineage
    assert ("ahc-2022-2024", "produced", "uncc-2024") in lineage


@pytest.mark.slow
def test_corpus_organisations(corpus: GraphStore) -> None:
    # seeds/004: co-chair Joyce Hakmeh of Chatham House (line 14) at an event on the OEWG (line 5)
    # and on the convention the Ad Hoc Committee negotiated
    both = {r["name"] for r in _rows(corpus, "organisations-in-two-processes")}
    assert "Chatham House" in both
    top = _rows(corpus, "most-connected-organisations")
    assert len(top) == 25
    apc = next(r for r in top if r["name"] == "Association for Progressive Communications")
    # the Paris WSIS+10 event it co-organised (seeds/003 line 32) and NETmundial 2014 (156A.txt)
    assert apc["events"] == 2


@pytest.mark.slow
def test_corpus_provenance_and_quality(corpus: GraphStore) -> None:
    statements = _rows(corpus, "statement-provenance", node="event/igf-2021-ws-257")
    code = [r for r in statements if r["predicate"].endswith("#code")]
    assert code == [{"graph": ID + "document/seeds/001_f8a1a0766480eedb",
                     "predicate": "https://w3id.org/govgraph/ontology#code", "value": "IGF 2021 WS #257"}]  # fmt: skip
    # seeds/000: 'EU Cyber Direct' organises the pre-event; no line gives it a stakeholder group
    without = {r["name"] for r in _rows(corpus, "actors-without-group")}
    assert "EU Cyber Direct" in without
    duplicates = _rows(corpus, "possible-duplicates")
    assert len({r["actor"] for r in duplicates}) == len(duplicates)
    counts = _rows(corpus, "summary-documents-by-collection")
    assert counts == [{"collection": "netmundial2014", "count": 187}, {"collection": "seeds", "count": 5}]
    assert _rows(corpus, "summary-counts")[0]["contributions"] == 187
    groups = {r["group"]: r["count"] for r in _rows(corpus, "summary-actors-by-group")}
    assert groups["Civil Society"] >= 2
