"""Generate a synthetic corpus with the shape, statistics and noise of ``data/corpus``.

    python benchmarks/generate.py --documents 1000 --seed 7 --out /tmp/corpus-1e3

Genres (mix set by ``--mix``): IGF session pages in the 2019 (pre-event), 2020–2023 (workshop) and
2024–2025 (proposal) layouts; event pages with ``Name, Title, Organisation`` participant lists;
network events pages listing several dated events; NETmundial-style contributions as ``NNNA.txt``
(title, metadata block, abstract) / ``NNNB.txt`` (full text) pairs. The statistics that make them
realistic are measured on the bundled corpus at generation time (``corpus_stats.measure``): sectors,
areas, regions and keyword counts of the NETmundial contributions, their encodings (mostly
Windows-1252, some UTF-8 and ISO-8859-1), CRLF line ends, ellipsis bytes, lost characters; speakers,
stakeholder and regional groups per IGF session, duplicated blocks; participants per event page.
People and organisations repeat across documents with Zipf-like popularity (``synth.ActorPool``).

The output has the layout of ``data/corpus``: one folder per collection, a ``MANIFEST.tsv`` for the
event-page collections and a ``SOURCE.md`` for the contributions (whose A/B files pair by name).
The same ``--documents``/``--seed`` give byte-identical files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import corpus_stats
from benchmarks.synth import REGIONAL_GROUP_FORMS, ActorPool, Person, paragraph, weighted

GENRES = ("igf-session", "event-page", "network-events-page", "netmundial-contribution")
DEFAULT_MIX = {"igf-session": 0.5, "event-page": 0.15, "network-events-page": 0.05, "netmundial-contribution": 0.3}
COLLECTIONS = {
    "igf-session": "igf-sessions",
    "event-page": "event-pages",
    "network-events-page": "event-pages",
    "netmundial-contribution": "contributions",
}
# IGF annual meetings: year → (first day, month, place, rooms).
IGF_MEETINGS = {
    2019: (25, "November", "Berlin", ("Estrel Saal A", "Estrel Saal B", "Convention Hall I-C")),
    2020: (2, "November", "Online", ("Room 1", "Room 2")),
    2021: (6, "December", "Katowice", ("Conference Room 1", "Plenary Hall", "Room 3")),
    2022: (28, "November", "Addis Ababa", ("Banquet Hall B", "Caucus Room 11")),
    2023: (8, "October", "Kyoto", ("WS 2 – Room A", "Annex Hall 1")),
    2024: (15, "December", "Riyadh", ("Workshop Room 3", "Plenary")),
    2025: (23, "June", "Lillestrøm", ("Studio N", "Workshop Room 5")),
}
# Processes a page of a given year can plausibly name (contract notations).
PROCESS_YEARS = {
    "OEWG": (2019, 2025),
    "GGE": (2012, 2021),
    "AHC": (2021, 2024),
    "UNCC": (2024, 2025),
    "WSIS": (2012, 2025),
    "WSIS+10": (2013, 2015),
    "NETmundial": (2014, 2024),
    "IGF": (2012, 2025),
    "Roadmap": (2020, 2022),
    "GDC": (2023, 2025),
    "PermanentMechanism": (2024, 2025),
}
FORMATS = (
    ("Round Table - Circle", 90),
    ("Round Table - U-shape", 60),
    ("Panel - Auditorium", 60),
    ("Break-out Group Discussions - Flexible Seating", 90),
    ("Birds of a Feather - Classroom", 60),
    ("Debate - Auditorium", 90),
    ("Classroom", 60),
)
PLACES = (" in Geneva", " in New York", " in Vienna", " online")
SDG_TARGETS = ("16.10", "17.16", "17.17", "17.6", "9.c", "4.4", "5.b", "16.7", "9.1", "16.3", "8.2")
SESSION_TYPES = (("WS", 0.7), ("Open Forum", 0.1), ("Pre-Event", 0.1), ("DC", 0.05), ("Lightning Talk", 0.05))
TITLE_HEADS = (
    "Multistakeholder engagement in",
    "Lessons from",
    "Strengthening the role of stakeholders in",
    "Human rights and",
    "Capacity building for",
    "Implementing the norms of",
    "Bridging divides in",
    "Towards inclusive",
)
TITLE_TAILS = (
    "international cyber norms",
    "UN cyber processes",
    "cybercrime cooperation",
    "digital cooperation",
    "Internet governance",
    "the security of ICTs",
    "critical infrastructure protection",
    "data governance",
)
KEYWORDS = (
    "Openness",
    "Privacy",
    "Human Rights",
    "Multistakeholder",
    "Internet Governance",
    "Net neutrality",
    "Security",
    "Transparency",
    "Accountability",
    "Access",
    "Cybersecurity",
    "Jurisdiction",
    "IANA transition",
    "Freedom of expression",
)


@dataclass
class Context:
    """Everything the document writers share: statistics, actors, process labels, counters."""

    stats: corpus_stats.CorpusStatistics
    pool: ActorPool
    process_labels: dict[str, list[str]]
    seed: int
    session_numbers: dict[tuple[int, str], int]


def process_labels(repo: Path = corpus_stats.REPO) -> dict[str, list[str]]:
    """Preferred and alternative English labels of each process, read from the SKOS scheme."""
    text = (repo / "ontology" / "schemes" / "processes.ttl").read_text(encoding="utf-8")
    labels: dict[str, list[str]] = {}
    for block in text.split("\n\n"):
        notation = re.search(r'skos:notation "([^"]+)"', block)
        if not notation:
            continue
        found = re.findall(r'"([^"]{2,70})"@en', _strip_hidden(block))
        keep = [label for label in found if not label.startswith("the ") and "scheme" not in label.lower()]
        labels[notation[1]] = sorted(set(keep))
    return labels


def _strip_hidden(block: str) -> str:
    # Hidden labels are only matched with context; a synthetic page names a process unambiguously.
    return re.sub(r"skos:hiddenLabel[^;.]*[;.]", "", re.sub(r"skos:(definition|scopeNote)[^;]*;", "", block))


def make_context(documents: int, seed: int, corpus_dir: Path = corpus_stats.DEFAULT_CORPUS) -> Context:
    """Measure the bundled corpus and build the actor pool for a corpus of ``documents``."""
    stats = corpus_stats.measure(corpus_dir)
    groups: dict[str, float] = {}
    for sector, count in stats.sectors.items():
        name = "Technical Community" if sector.lower() == "technical community" else sector
        if name != "Other":
            groups[name] = groups.get(name, 0.0) + count
    for group, count in stats.speaker_groups.items():
        groups[group] = groups.get(group, 0.0) + count * 5  # IGF speakers weigh more: they are most pages
    groups.setdefault("Intergovernmental Organization", 1.0)
    regions = {r: stats.speaker_regions.get(r, 0) + 1.0 for r in REGIONAL_GROUP_FORMS}
    rng = random.Random(f"govgraph-bench:{seed}:actors")
    pool = ActorPool(
        rng,
        persons=max(40, int(documents * 1.6)),
        organisations=max(20, int(documents * 0.5)),
        group_weights=groups,
        region_weights=regions,
    )
    return Context(stats=stats, pool=pool, process_labels=process_labels(), seed=seed, session_numbers={})


def _mentions(rng: random.Random, ctx: Context, year: int, k: int) -> list[str]:
    possible = sorted(p for p, (a, b) in PROCESS_YEARS.items() if a <= year <= b and ctx.process_labels.get(p))
    chosen = rng.sample(possible, min(k, len(possible)))
    return [rng.choice(ctx.process_labels[p]) for p in chosen]


def _title(rng: random.Random) -> str:
    return f"{rng.choice(TITLE_HEADS)} {rng.choice(TITLE_TAILS)}"


def _stated_group(rng: random.Random, person: Person) -> str:
    # A person now and then speaks for another group than usual (the graph must keep both).
    if rng.random() < 0.05:
        return rng.choice(("Civil Society", "Government", "Private Sector", "Academia"))
    return person.group


def _group_line(rng: random.Random, person: Person, *, surname_first: bool = False) -> str:
    name = person.name
    if surname_first:
        given, _, surname = name.partition(" ")
        name = f"{surname} {given}"
    group = _stated_group(rng, person)
    region = (
        "Intergovernmental Organization"
        if group == "Intergovernmental Organization"
        else (REGIONAL_GROUP_FORMS[person.regional_group])
    )
    return f"{name}, {group}, {region}"


def _count(rng: random.Random, observed: list[int], low: int, high: int) -> int:
    # A count near the ones observed in the bundled corpus, within [low, high].
    base = rng.choice([x for x in observed if x > 0] or [low])
    return max(low, min(high, base + rng.randint(-1, 2)))


# -- IGF session pages ----------------------------------------------------------------------------


def igf_session(rng: random.Random, ctx: Context) -> str:
    """An IGF session page in the layout of its year."""
    year = rng.choice(sorted(IGF_MEETINGS))
    kind = weighted(rng, dict(SESSION_TYPES))
    if year == 2019 and rng.random() < 0.4:
        kind = "Pre-Event"
    number = ctx.session_numbers.get((year, kind), 0) + rng.randint(1, 4)
    ctx.session_numbers[(year, kind)] = number
    code = f"IGF {year} {kind} #{number}"
    if kind == "Pre-Event":
        return _igf_2019(rng, ctx, year, code)
    if year >= 2024:
        return _igf_proposal(rng, ctx, year, code)
    return _igf_workshop(rng, ctx, year, code)


def _igf_2019(rng: random.Random, ctx: Context, year: int, code: str) -> str:
    day, month, _place, rooms = IGF_MEETINGS[year]
    host, organiser = ctx.pool.organisation(rng=rng), ctx.pool.organisation(rng=rng)
    start = rng.choice(("09:00", "10:35", "13:00", "15:15"))
    end = f"{int(start[:2]) + 2:02d}{start[2:]}"
    body = [
        "Check-in and access this session from the IGF Schedule.",
        "",
        code,
        _title(rng),
        "",
        f"    {host.name}",
        "",
        "    Description",
        "",
        f"    Organiser: {organiser.name}",
        "",
        "    \u00a0",
        "",
        f"    Time: {day + rng.randint(0, 3)} {month} {year}, {start}-{end}",
        "",
        f"    Location: {rng.choice(rooms)}",
        "",
        "    \u00a0",
        "",
    ]
    for _ in range(rng.randint(2, 4)):
        body += [
            "    " + paragraph(rng, rng.randint(3, 7), _mentions(rng, ctx, year, rng.randint(0, 2))) + "\u00a0",
            "",
        ]
    body += ["    -" + "\u00a0 " * 10 + " " + paragraph(rng, 1) for _ in range(rng.randint(0, 4))]
    return "\n".join(body)


def _igf_workshop(rng: random.Random, ctx: Context, year: int, code: str) -> str:
    stats = ctx.stats
    speakers = ctx.pool.people_sample(_count(rng, stats.speakers_per_session, 2, 7) + 2, rng)
    organisers, speakers = speakers[:1], speakers[1:]
    lines = ["Check-in and access this session from the IGF Schedule.", "", code, _title(rng), ""]
    for i, person in enumerate(organisers, 1):
        lines.append(f"    Organizer {i}: {person.name}, {person.affiliation.name}")
    lines.append("")
    roles = speakers[-2:] if len(speakers) > 3 else []
    for i, person in enumerate(speakers[: len(speakers) - len(roles)], 1):
        separator = "\u00a0" if rng.random() < 0.05 else " "
        lines.append(f"    Speaker {i}:{separator}{_group_line(rng, person)}")
    lines.append("")
    moderator = rng.choice(speakers)
    for heading, person in (
        ("Moderator", moderator),
        ("Online Moderator", roles[0] if roles else organisers[0]),
        ("Rapporteur", roles[-1] if roles else organisers[0]),
    ):
        lines += [f"    {heading}", "", f"    {_group_line(rng, person)}", ""]
    fmt, minutes = rng.choice(FORMATS)
    lines += ["    Format", "", f"    {fmt} - {minutes} Min", "", "    Policy Question(s)", ""]
    lines += [f"    {paragraph(rng, 2)}" for _ in range(rng.randint(1, 3))]
    lines += ["", f"    {paragraph(rng, 4, _mentions(rng, ctx, year, rng.randint(1, 3)))}", "", "    SDGs", ""]
    lines += [f"    {t}" for t in sorted(rng.sample(SDG_TARGETS, rng.randint(1, 4)))]
    lines += ["", "", f"    Targets: {paragraph(rng, 2)}", "", "    Description:", ""]
    for _ in range(rng.randint(1, 3)):
        lines += [f"    {paragraph(rng, rng.randint(4, 8), _mentions(rng, ctx, year, rng.randint(0, 2)))}", ""]
    lines += [
        "    Expected Outcomes",
        "",
        f"    {paragraph(rng, 3)}",
        "",
        "    Online Participation",
        "",
        "",
        "",
        "    Usage of IGF Official Tool.",
    ]
    return "\n".join(lines)


def _igf_proposal(rng: random.Random, ctx: Context, year: int, code: str) -> str:
    stats = ctx.stats
    people = ctx.pool.people_sample(_count(rng, stats.speakers_per_session, 2, 7) + 1, rng)
    organiser, speakers = people[0], people[1:]
    head = ["Session"] if year == 2025 else [code, _title(rng), "Session"]
    # The proposal layout sometimes drops the organiser's name and keeps only the groups.
    organiser_line = _group_line(rng, organiser)
    if rng.random() < 0.5:
        organiser_line = organiser_line.split(", ", 1)[1]
    lines = [*head, f"Organizer 1: {organiser_line}"]
    speaker_lines = [
        f"Speaker {i}: {_group_line(rng, p, surname_first=rng.random() < 0.1)}" for i, p in enumerate(speakers, 1)
    ]
    lines += speaker_lines
    duplicated = rng.random() < stats.duplicated_block_share
    if duplicated:
        lines += speaker_lines[1:]
    fmt, minutes = rng.choice(FORMATS)
    fmt_block = [f"Duration (minutes): {minutes}", f"Format description: {paragraph(rng, 3)}"]
    lines += ["Format", fmt.split(" - ")[0], *fmt_block, *(fmt_block if duplicated else [])]
    lines += ["Policy Question(s)", paragraph(rng, 1)]
    lines += [f"({i}). {paragraph(rng, 1)}" for i in range(1, rng.randint(2, 4))]
    description = paragraph(rng, rng.randint(6, 12), _mentions(rng, ctx, year, rng.randint(1, 4)))
    lines += ["Description:", description, *([description] if duplicated else [])]
    lines += ["Expected Outcomes", paragraph(rng, 3), f"Hybrid Format: {paragraph(rng, 3)}"]
    return "\n".join(lines)


# -- event pages ----------------------------------------------------------------------------------


def event_page(rng: random.Random, ctx: Context) -> str:
    """A single event with its organiser and ``Name, Title, Organisation`` participants."""
    year = rng.randint(2015, 2025)
    stats = ctx.stats
    people = ctx.pool.people_sample(_count(rng, stats.participants_per_event_page, 3, 10), rng)
    chairs = _count(rng, stats.co_chairs_per_event_page, 0, 2) if len(people) > 3 else 0
    partner = ctx.pool.organisation(rng=rng)
    lines = [paragraph(rng, rng.randint(2, 4), _mentions(rng, ctx, year, rng.randint(0, 2))) for _ in range(3)]
    if rng.random() < 0.6:
        day, month = rng.randint(1, 28), rng.choice(("March", "May", "June", "September", "November"))
        lines.insert(
            1,
            f"The event takes place on {day} {month} {year}{rng.choice(PLACES)}.",
        )
    lines.append(f"The discussion is organized in collaboration with the {partner.name} and takes place in English.")
    lines.append("Participants")
    for person in people[chairs:]:
        lines.append(f"{person.name}, {person.title}, {person.affiliation.name}")
    for person in people[:chairs]:
        lines.append(f"Co-chair: {person.name}, {person.title}, {person.affiliation.name}")
    return "\n".join(lines)


def network_events_page(rng: random.Random, ctx: Context) -> str:
    """A network's events page: several dated events, organiser lists, shortcodes and teasers."""
    lines: list[str] = []
    teaser = paragraph(rng, 1)[:60] + "…"
    lines.append(teaser)
    for _ in range(rng.randint(3, 6)):
        year = rng.randint(2012, 2019)
        event_id = rng.randint(90000, 160000)
        day = rng.randint(1, 27)
        month = rng.choice(("March", "April", "June", "October", "November"))
        organisations = list(
            {o.name: o for o in (ctx.pool.organisation(rng=rng) for _ in range(rng.randint(2, 6)))}.values()
        )
        named = ", ".join(f"{o.name} ({o.acronym})" for o in organisations[:-1])
        lines.append(paragraph(rng, 2, _mentions(rng, ctx, year, 1)))
        lines.append("This meeting is a joint initiative of")
        lines.append(
            f"On {day} {month} {year}, in {rng.choice(('Paris', 'Geneva', 'Sao Paulo', 'Istanbul'))}, a group of civil "
            f"society organisations including {named} – in collaboration with the {organisations[-1].name} – will be "
            "holding a 1-day event."
        )
        lines.append("Registration is now closed.")
        for item in ("Registration", "Welcome and introductions", "Lunch", "Way forward"):
            moderators = " + ".join(p.name.split()[0] for p in ctx.pool.people_sample(rng.randint(1, 2), rng))
            lines.append(f"{item} (moderation: {moderators})" if rng.random() < 0.4 else item)
        lines.append(f"[backgroundpapers event=\u201d{event_id}\u2033]")
        if rng.random() < 0.5:
            lines.append(f"To add a report, click the Upload button above. [eventreports event=\u201d{event_id}\u2033]")
    lines.append("There are no upcoming events.")
    lines.append(teaser)
    return "\n".join(lines)


# -- NETmundial-style contributions ---------------------------------------------------------------


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_long_words=False) or [text]


def _region(rng: random.Random, ctx: Context, person: Person) -> str:
    if rng.random() < 0.4 and ctx.stats.regions:
        return weighted(rng, ctx.stats.regions)
    name = person.country[1]
    return rng.choice((name, name, name.upper(), {"United States": "USA", "United Kingdom": "UK"}.get(name, name)))


def contribution(rng: random.Random, ctx: Context) -> tuple[str, str]:
    """The A file (title, metadata block, abstract) and B file (full text) of one contribution."""
    stats = ctx.stats
    person = ctx.pool.people_sample(1, rng)[0]
    width = stats.wrap_width
    title = rng.choice(("Contribution of the", "Proposal from the", "Comments by the", "Submission of the"))
    title = f"{title} {person.affiliation.name} on {rng.choice(TITLE_TAILS)}"
    sector = weighted(rng, stats.sectors) if stats.sectors else person.group
    area = weighted(rng, stats.areas) if stats.areas else "SET OF INTERNET GOVERNANCE PRINCIPLES"
    counts = {str(k): v for k, v in stats.keywords_per_contribution.items() if k > 0} or {"3": 1}
    keywords = rng.sample(KEYWORDS, min(len(KEYWORDS), int(weighted(rng, counts))))
    a = _wrap(title, width)
    a += [f"Area: {area}"] + (["ROADMAP"] if area.endswith(" AND") else ["ECOSYSTEM"] if "EVOLUTION" in area else [])
    a += [f"Entitled by: {person.name}", f"Region: {_region(rng, ctx, person)}"]
    a += _wrap(f"Organization: {person.affiliation.name}", max(40, width - 20))
    a += [f"Sector: {sector}", *_wrap(f"Keywords: {', '.join(keywords)}", width)]
    if rng.random() < stats.doc_attached_share:
        a.append("Doc Attached: Click here to see the doc 1")
    target = rng.choice(stats.abstract_lines or [30])
    a.append("Abstract")
    text: list[str] = []
    while len(text) < max(target - len(a) - 3, 4):
        text += _wrap(paragraph(rng, 4, _mentions(rng, ctx, 2014, rng.randint(0, 2))), width)
    a += [*text[: len(text) // 3], "Document", *text[len(text) // 3 :]]
    a.append("See the attached PDF document above for the full text of the contribution.")
    b = [title]
    for _ in range(max(rng.choice(stats.fulltext_lines or [20]) // 3, 2)):
        b.append(paragraph(rng, rng.randint(2, 6), _mentions(rng, ctx, 2014, rng.randint(0, 1))))
    return "\r\n".join(a), "\r\n".join(b)


def _encode_contribution(rng: random.Random, ctx: Context, text: str, encoding: str) -> bytes:
    """Bytes as the published files are: encoding mix, lost characters, ellipses, stray CRs."""
    stats = ctx.stats
    if rng.random() < stats.lone_cr_share * 10:
        text = text.replace("\r\n", "\r", 1)
    if rng.random() < stats.ellipsis_share:
        text = text.replace(". ", "… ", 1)
    if rng.random() < stats.lost_character_share:
        text = re.sub(r"[’'é]", "?", text)
    if encoding == "utf-8":
        return text.encode("utf-8")
    if encoding == "iso-8859-1":
        # No byte 0x80-0x9F in an ISO-8859-1 file: typographic punctuation was never there.
        text = (
            text.replace("’", "'").replace("…", "...").replace("–", "-").replace("\u201d", '"').replace("\u2033", '"')
        )
    return text.encode("cp1252" if encoding == "windows-1252" else "latin-1", errors="replace")


def _encode_page(rng: random.Random, text: str) -> bytes:
    # The seed pages are UTF-8; some were saved with CRLF line ends.
    if rng.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return text.encode("utf-8")


# -- the corpus ----------------------------------------------------------------------------------


def plan(documents: int, seed: int, mix: dict[str, float]) -> list[str]:
    """The genre of each document, in order: exact shares of the mix, shuffled by the seed."""
    total = sum(mix.values())
    counts = {g: int(documents * mix.get(g, 0) / total) for g in GENRES}
    leftover = documents - sum(counts.values())
    for genre in sorted(GENRES, key=lambda g: -mix.get(g, 0))[:leftover]:
        counts[genre] += 1
    genres = [g for g in GENRES for _ in range(counts[g])]
    random.Random(f"govgraph-bench:{seed}:plan").shuffle(genres)
    return genres


def generate(documents: int, seed: int, out: Path, mix: dict[str, float] | None = None) -> dict[str, int]:
    """Write a corpus of ``documents`` documents to ``out`` (created; must be empty or absent).

    Returns the number of documents per genre.
    """
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise SystemExit(f"{out} exists and is not empty; refusing to overwrite it")
    ctx = make_context(documents, seed)
    genres = plan(documents, seed, mix or DEFAULT_MIX)
    width = max(3, len(str(documents)))
    manifests: dict[str, list[str]] = {}
    counts: dict[str, int] = {}
    for index, genre in enumerate(genres):
        rng = random.Random(f"govgraph-bench:{seed}:doc:{index}")
        collection = COLLECTIONS[genre]
        folder = out / collection
        folder.mkdir(parents=True, exist_ok=True)
        counts[genre] = counts.get(genre, 0) + 1
        if genre == "netmundial-contribution":
            a, b = contribution(rng, ctx)
            stem = f"{index:0{width}d}"
            encoding = weighted(rng, ctx.stats.encodings) if ctx.stats.encodings else "windows-1252"
            (folder / f"{stem}A.txt").write_bytes(_encode_contribution(rng, ctx, a, encoding))
            (folder / f"{stem}B.txt").write_bytes(_encode_contribution(rng, ctx, b, encoding))
            continue
        writer = {"igf-session": igf_session, "event-page": event_page, "network-events-page": network_events_page}
        text = writer[genre](rng, ctx)
        digest = hashlib.sha256(f"{seed}:{index}".encode()).hexdigest()[:16]
        name = f"{index:0{width}d}_{digest}.txt"
        (folder / name).write_bytes(_encode_page(rng, text))
        manifests.setdefault(collection, []).append(f"{name}\t{genre}\tsynthetic {genre} (benchmark seed {seed})")
    for collection, rows in manifests.items():
        header = "file\tgenre\twhat it is (facts read from the document itself)"
        (out / collection / "MANIFEST.tsv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    if counts.get("netmundial-contribution"):
        (out / COLLECTIONS["netmundial-contribution"] / "SOURCE.md").write_text(
            "# Synthetic contributions\n\nGenerated by benchmarks/generate.py in the shape of the NETmundial 2014 "
            "contributions (data/corpus/netmundial2014): `NNNA.txt` metadata and abstract, `NNNB.txt` full text.\n",
            encoding="utf-8",
        )
    (out / ".benchmark-corpus.json").write_text(
        json.dumps(
            {"documents": documents, "seed": seed, "genres": counts, "statistics": ctx.stats.as_dict()},
            indent=1,
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    return counts


def iter_files(root: Path) -> Iterator[Path]:
    """Every file under ``root`` in a stable order (for comparing two generated corpora)."""
    return iter(sorted(p for p in Path(root).rglob("*") if p.is_file()))


def _parse_mix(text: str | None) -> dict[str, float] | None:
    if not text:
        return None
    mix = {}
    for part in text.split(","):
        genre, _, share = part.partition("=")
        if genre.strip() not in GENRES:
            raise SystemExit(f"unknown genre {genre!r} in --mix; choose from {', '.join(GENRES)}")
        mix[genre.strip()] = float(share)
    return mix


def main(argv: list[str] | None = None) -> int:
    """Command line: ``--documents N --seed S --out DIR [--mix genre=share,…]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=lambda s: int(float(s)), required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--mix", help="genre shares, e.g. igf-session=0.5,netmundial-contribution=0.5")
    args = parser.parse_args(argv)
    counts = generate(args.documents, args.seed, args.out, _parse_mix(args.mix))
    print(json.dumps({"out": str(args.out), "documents": args.documents, "seed": args.seed, "genres": counts}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
