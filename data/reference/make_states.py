"""Generate ``states.ttl`` from ``regional-groups.csv``: one ``gg:State`` per UN member state.

Run from anywhere: ``python data/reference/make_states.py [OUTPUT]`` (default: ``states.ttl``
beside it). The output is deterministic (states sorted by ISO code, labels sorted), so re-running
it on the same CSV gives the same bytes.

The CSV (a copy of ``openclimatedata/countrygroups``'s ``un-regional-groups.csv``, CC0) has short
English names and three quirks, resolved here and stated in SOURCE.md and on each state:

- Türkiye is listed twice (Asia-Pacific Group and WEOG): its ``gg:regionalGroup`` is WEOG, the group
  it is counted with for elections; its taking part in the Asia-Pacific Group is a ``skos:note``.
- Kiribati is listed under the Asia-Pacific Group and kept there, with a note.
- The United States is listed as "USA" under WEOG: it attends WEOG as an observer and is counted
  with WEOG for elections; kept in WEOG, with a note, under the name "United States".

Names: ``foaf:name`` is the CSV's short name, except where the CSV abbreviates or uses an outdated
form (``CANONICAL_NAMES``); the CSV's own form then becomes an alt label. ``ALT_LABELS`` adds the
forms real documents write (UN formal names, abbreviations, spellings without accents).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV_FILE = HERE / "regional-groups.csv"
OUT_FILE = HERE / "states.ttl"

DGACM = "https://www.un.org/dgacm/en/content/regional-groups"
COUNTRYGROUPS = "https://github.com/openclimatedata/countrygroups/blob/main/data/un-regional-groups.csv"

GROUP_SLUGS = {
    "African Group": "african-group",
    "Asia-Pacific Group": "asia-pacific-group",
    "Eastern European Group": "eastern-european-group",
    "GRULAC": "grulac",
    "WEOG": "weog",
}

# The CSV name is replaced where it is an abbreviation, uses "&"/"St." or is outdated.
CANONICAL_NAMES = {
    "USA": "United States",
    "TUR": "Türkiye",
    "COD": "Democratic Republic of the Congo",
    "STP": "São Tomé and Príncipe",
    "ATG": "Antigua and Barbuda",
    "BIH": "Bosnia and Herzegovina",
    "KNA": "Saint Kitts and Nevis",
    "LCA": "Saint Lucia",
    "VCT": "Saint Vincent and the Grenadines",
    "TTO": "Trinidad and Tobago",
}

# Forms documents use besides the canonical name (UN formal names, abbreviations, local spellings).
ALT_LABELS = {
    "USA": ["USA", "US", "U.S.", "U.S.A.", "United States of America", "The United States"],
    "GBR": ["UK", "U.K.", "United Kingdom of Great Britain and Northern Ireland", "Great Britain", "Britain"],
    "BRA": ["Brasil", "Federative Republic of Brazil"],
    "RUS": ["Russian Federation"],
    "KOR": ["Republic of Korea", "Korea, Republic of", "Korea (Republic of)"],
    "PRK": ["Democratic People's Republic of Korea", "Democratic People’s Republic of Korea", "DPRK"],
    "IRN": ["Islamic Republic of Iran", "Iran (Islamic Republic of)", "Iran, Islamic Republic of"],
    "CHN": ["People's Republic of China", "People’s Republic of China", "PRC"],
    "TUR": ["Turkey", "Turkiye", "Republic of Türkiye"],
    "CIV": ["Côte d'Ivoire", "Cote d'Ivoire", "Cote d’Ivoire", "Ivory Coast"],
    "COD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo, Democratic Republic of the"],
    "COG": ["Congo", "Republic of Congo", "Congo-Brazzaville"],
    "VNM": ["Viet Nam"],
    "SYR": ["Syrian Arab Republic"],
    "TZA": ["United Republic of Tanzania"],
    "BOL": ["Bolivia (Plurinational State of)", "Plurinational State of Bolivia"],
    "VEN": ["Venezuela (Bolivarian Republic of)", "Bolivarian Republic of Venezuela"],
    "MDA": ["Republic of Moldova"],
    "LAO": ["Lao PDR", "Lao People's Democratic Republic", "Lao People’s Democratic Republic"],
    "FSM": ["Micronesia (Federated States of)", "Federated States of Micronesia"],
    "BRN": ["Brunei Darussalam"],
    "CZE": ["Czech Republic"],
    "MKD": ["Republic of North Macedonia", "The former Yugoslav Republic of Macedonia"],
    "SWZ": ["Swaziland", "Kingdom of Eswatini"],
    "CPV": ["Cape Verde"],
    "TLS": ["East Timor"],
    "MMR": ["Burma"],
    "NLD": ["The Netherlands", "Netherlands (Kingdom of the)", "Kingdom of the Netherlands"],
    "STP": ["Sao Tome and Principe"],
    "KNA": ["St Kitts and Nevis"],
    "LCA": ["St Lucia"],
    "VCT": ["St Vincent and the Grenadines"],
    "SEN": ["Sénégal"],
    "GMB": ["The Gambia"],
    "BHS": ["The Bahamas"],
    "MEX": ["México"],
    "PER": ["Perú"],
    "ARE": ["UAE"],
    "DEU": ["Federal Republic of Germany"],
}

NOTES = {
    "TUR": (
        "Listed in the source under both the Asia-Pacific Group and WEOG. Türkiye takes part in the "
        "meetings of both groups and is counted with WEOG for elections; govgraph records WEOG as its "
        "gg:regionalGroup and its Asia-Pacific Group participation only in this note."
    ),
    "KIR": (
        "Listed in the source under the Asia-Pacific Group, as in the UN's current list of regional "
        "groups; Kiribati was for a long time in no regional group, so documents from that period may "
        "state none."
    ),
    "USA": (
        "Listed in the source as 'USA' under WEOG. The United States attends WEOG meetings as an "
        "observer and is counted with WEOG for elections; govgraph records WEOG as its gg:regionalGroup."
    ),
}

PREFIXES = """\
@prefix gg:      <https://w3id.org/govgraph/ontology#> .
@prefix foaf:    <http://xmlns.com/foaf/0.1/> .
@prefix skos:    <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix state:   <https://w3id.org/govgraph/id/state/> .
@prefix rg:      <https://w3id.org/govgraph/id/regional-group/> .
"""


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def read_rows(path: Path = CSV_FILE) -> dict[str, tuple[str, str]]:
    """ISO code -> (CSV name, regional group), with Türkiye's double listing resolved to WEOG."""
    states: dict[str, tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, name, group = row["Code"].strip(), row["Name"].strip(), row["Region"].strip()
            if group not in GROUP_SLUGS:
                raise ValueError(f"{path.name}: unknown regional group {group!r} for {code}")
            if code in states and states[code][1] != group:
                if code != "TUR":
                    raise ValueError(f"{path.name}: {code} listed under two groups; only Türkiye is expected")
                group = "WEOG"
            states[code] = (unicodedata.normalize("NFC", name), group)
    return states


def render(states: dict[str, tuple[str, str]]) -> str:
    lines = [
        "# GENERATED by data/reference/make_states.py from regional-groups.csv -- do not edit by hand.",
        "# UN member states with ISO 3166-1 alpha-3 codes and UN regional groups; see SOURCE.md for the",
        "# source, the licence (CC0) and how Türkiye, Kiribati and the United States are treated.",
        "",
        PREFIXES,
    ]
    for code in sorted(states):
        csv_name, group = states[code]
        name = CANONICAL_NAMES.get(code, csv_name)
        alts = set(ALT_LABELS.get(code, []))
        if csv_name != name:
            alts.add(csv_name)
        alts.discard(name)
        lines.append(f"state:{code.lower()} a gg:State ;")
        lines.append(f"    foaf:name {_literal(name)}@en ;")
        lines.append(f'    gg:isoCode "{code}" ;')
        lines.append(f"    gg:regionalGroup rg:{GROUP_SLUGS[group]} ;")
        if alts:
            labels = " , ".join(f"{_literal(a)}@en" for a in sorted(alts))
            lines.append(f"    skos:altLabel {labels} ;")
        if code in NOTES:
            lines.append(f"    skos:note {_literal(NOTES[code])}@en ;")
        lines.append(f"    dcterms:source <{DGACM}> , <{COUNTRYGROUPS}> .")
        lines.append("")
    return "\n".join(lines)


def _turtlefmt() -> str:
    beside_python = Path(sys.executable).with_name("turtlefmt")
    return str(beside_python) if beside_python.exists() else (shutil.which("turtlefmt") or "turtlefmt")


def main(argv: list[str] | None = None) -> int:
    """Write the states; an optional argument names another output file (the tests use it)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else OUT_FILE
    states = read_rows()
    if len(states) != 193:
        print(f"expected 193 member states, read {len(states)}", file=sys.stderr)
        return 1
    out.write_text(render(states), encoding="utf-8")
    # the data gate keeps every Turtle file of data/ in turtlefmt's canonical form
    subprocess.run([_turtlefmt(), str(out)], check=True, capture_output=True)
    print(f"wrote {out}: {len(states)} states")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
