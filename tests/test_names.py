"""Person names within a document: canonical form, titles, placeholders, people versus organisations."""

from __future__ import annotations

import pytest

from govgraph.extract.names import (
    PersonIndex,
    PersonName,
    canonical_name,
    is_placeholder,
    is_post_nominal,
    looks_like_organisation,
    looks_like_person,
    name_key,
    organisation_name,
    parse_person,
    split_title,
)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Anriette Esterhuysen", "Anriette Esterhuysen"),
        ("MCDONALD Ellie", "Ellie McDonald"),
        ("KAINZ-LABBE Birgit", "Birgit Kainz-Labbe"),
        ("SZABÓ Eszter", "Eszter Szabó"),
        ("VAN DER BERG Anna", "Anna van der Berg"),
        ("O'BRIEN Renée", "Renée O'Brien"),
        ("Maria KOWALSKA", "Maria Kowalska"),
        ("ANRIETTE ESTERHUYSEN", "Anriette Esterhuysen"),
        ("Jose\u0301  Garci\u0301a", "José García"),  # NFC and single spaces
        ("Dr. Jane Doe", "Jane Doe"),
        ("Raman Jit Singh Chima", "Raman Jit Singh Chima"),
    ],
)
def test_canonical_name(written: str, canonical: str) -> None:
    assert canonical_name(written) == canonical


def test_comma_surname_first_only_when_the_context_says_so() -> None:
    assert canonical_name("McDonald, Ellie", surname_first=True) == "Ellie McDonald"
    assert canonical_name("McDonald, Ellie") == "McDonald"


@pytest.mark.parametrize(
    ("written", "title", "name"),
    [
        ("H.E. Ambassador Jane Doe, Ph.D.", "H.E. Ambassador", "Jane Doe"),
        ("Prof. Dr. Wolfgang Kleinwächter", "Prof. Dr.", "Wolfgang Kleinwächter"),
        ("Dr Amara Diallo PhD", "Dr.", "Amara Diallo"),
        ("Ms. Anriette Esterhuysen", None, "Anriette Esterhuysen"),
        ("Mr John Smith", None, "John Smith"),
        ("Amb. Henri Verdier", "Ambassador", "Henri Verdier"),
        ("He Wei", None, "He Wei"),  # "He" opens the name: no period, no title
        ("Sen Amartya", None, "Sen Amartya"),
        ("Msimang Thandi", None, "Msimang Thandi"),
    ],
)
def test_split_title(written: str, title: str | None, name: str) -> None:
    assert split_title(written) == (title, name)


@pytest.mark.parametrize(
    "text",
    [
        "TBC",
        "TBD",
        "tba",
        "T.B.C.",
        "Speaker to be confirmed",
        "To be announced",
        "Invited",
        "Invited speaker",
        "Representative of the Ministry of Foreign Affairs (to be confirmed)",
        "a representative of the host government (TBC)",
        "Representative of Microsoft",
        "Speaker TBC",
        "Government representative TBC",
        "N/A",
        "-",
        "",
        "Speaker 3",
    ],
)
def test_placeholders(text: str) -> None:
    assert is_placeholder(text)
    assert parse_person(text) is None


@pytest.mark.parametrize("text", ["Jane Doe (TBC)", "Jane Doe", "Representativa Silva"])
def test_not_placeholders(text: str) -> None:
    assert not is_placeholder(text)


@pytest.mark.parametrize(
    "text",
    [
        "EU Cyber Direct",
        "Stiftung Neue Verantwortung e.V.",
        "United Nations",
        "Tsinghua University",
        "Ministry of Digital Affairs of Poland",
        "APC",
        "UN Women",
        "Access Now",
        "Civil Society",
        "Internet Society",
        "Derechos Digitales 2.0",
        "AT&T",
    ],
)
def test_organisations_are_not_persons(text: str) -> None:
    assert not looks_like_person(text)
    assert parse_person(text) is None


def test_organisation_shape() -> None:
    assert looks_like_organisation("Cyber Capacity Network")
    assert looks_like_organisation("Access Now")  # a reference organisation, whatever its shape
    assert not looks_like_organisation("Jason Munyan")
    assert not looks_like_organisation("Nnenna")


@pytest.mark.parametrize(
    "text",
    ["Jason Munyan", "Pieter van der Berg", "Fatima Zahra El Amrani", "Renée O'Brien", "J. R. Doe", "王伟", "Ли Вэй"],
)
def test_person_shape(text: str) -> None:
    assert looks_like_person(text)


def test_one_word_is_not_a_person_by_itself() -> None:
    assert not looks_like_person("Nnenna")
    assert parse_person("Andrew") is None


def test_parse_person() -> None:
    assert parse_person("Dr. MCDONALD Ellie") == PersonName("Ellie McDonald", "Dr.", "Dr. MCDONALD Ellie")
    assert parse_person("Jane Doe (TBC)") == PersonName("Jane Doe", None, "Jane Doe (TBC)")
    assert parse_person("Jane Doe, Civil Society") is None  # fields are split by the caller
    assert parse_person("Doe, Jane", surname_first=True) == PersonName("Jane Doe", None, "Doe, Jane")


def test_post_nominals_and_organisation_names() -> None:
    assert is_post_nominal("Ph.D.") and is_post_nominal("PhD") and is_post_nominal("MBA")
    assert not is_post_nominal("Acme")
    assert organisation_name("Global Partners Digital (GPD)") == "Global Partners Digital"
    assert organisation_name("the Internet Society (ISOC)") == "the Internet Society"
    assert organisation_name("Centre (Delhi)") == "Centre (Delhi)"


def test_name_key() -> None:
    assert name_key("Birgit Kainz-Labbé") == name_key("birgit kainz labbe") == "birgit kainz labbe"


def test_person_index_one_person_per_document() -> None:
    index = PersonIndex()
    assert index.add("Anriette Esterhuysen") == "Anriette Esterhuysen"
    assert index.add("ANRIETTE ESTERHUYSEN".title()) == "Anriette Esterhuysen"
    assert index.add("Jane A. Doe") == "Jane A. Doe"
    assert index.add("Jane Doe") == "Jane A. Doe"
    assert index.add("Nnenna Nwakanma") == "Nnenna Nwakanma"
    assert index.names == ["Anriette Esterhuysen", "Jane A. Doe", "Nnenna Nwakanma"]


def test_first_name_refers_back_only_to_one_listed_person() -> None:
    index = PersonIndex()
    for name in ("Nnenna Nwakanma", "Maria Lopez Herrera", "Maria Silva"):
        index.add(name)
    assert index.first_name("Nnenna") == "Nnenna Nwakanma"
    assert index.first_name("nnenna") == "Nnenna Nwakanma"
    assert index.first_name("Andrew") is None  # seed 003: "moderation: Andrew" names no listed person
    assert index.first_name("Maria") is None  # two listed Marias: ambiguous
    assert index.first_name("Nnenna Nwakanma") is None  # not a first name alone


def test_written_in_order() -> None:
    from govgraph.extract.names import written_in_order

    assert written_in_order(parse_person("Suto Timea"))
    assert written_in_order(parse_person("Dr. Maria KOWALSKA"))  # given name first, surname in capitals
    assert not written_in_order(parse_person("SZABÓ Eszter"))  # the capitals mark the surname
    assert not written_in_order(parse_person("Doe, Jane", surname_first=True))


def test_given_name_first_needs_evidence_in_the_document() -> None:
    from govgraph.extract.names import given_name_first

    assert given_name_first("Horváth Eszter", ["Eszter Horvath will present the view of industry."]) == "Eszter Horváth"
    assert given_name_first("Mensah Kwabena", ["Questions: kwabena.mensah@example.org"]) == "Kwabena Mensah"
    assert given_name_first("Vera Toro Catalina", ["Ambassador Catalina Vera Toro opens."]) == "Catalina Vera Toro"
    assert given_name_first("Suto Timea", ["Timea will speak."]) is None  # a given name alone is no evidence
    assert given_name_first("Suto Timea", ["suto.timea@example.org"]) is None  # the written order again
    assert given_name_first("Maria Schmidt", ["Anna Schmidt", "Maria Lopez"]) is None  # not across lines
    assert given_name_first("Jonas Weber", ["Schmidt Weber Jonasson"]) is None  # whole words only
    assert given_name_first("Madonna", ["Madonna"]) is None
