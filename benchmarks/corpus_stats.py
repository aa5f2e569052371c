"""Statistics of the bundled corpus (``data/corpus``) that the synthetic generators reproduce.

Everything here is computed from the real documents each time a corpus is generated, so the
synthetic corpora follow the bundled one when it changes: NETmundial sectors, areas, regions,
keyword counts, encodings and line-end noise, abstract and full-text lengths; IGF roles per session,
stakeholder and regional groups of speakers, formats and durations; participants per event page.
Only counts and labels are taken, never a person's name or a sentence of text.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from govgraph.corpus import decode_bytes
from govgraph.extract.lexicon import stakeholder_groups

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO / "data" / "corpus"

# The forms a "Name, Stakeholder group, Regional group" line writes a regional group in, mapped to
# the contract's notation (the alt labels of ontology/schemes/regional-groups.ttl).
_REGIONAL_FORMS = {
    "African Group": "African Group",
    "Asia-Pacific Group": "Asia-Pacific Group",
    "Eastern European Group": "Eastern European Group",
    "Latin American and Caribbean Group (GRULAC)": "GRULAC",
    "Western European and Others Group (WEOG)": "WEOG",
    "Intergovernmental Organization": None,
}
_STAKEHOLDER_GROUPS = stakeholder_groups()  # from the SKOS scheme, the project's one list of names
_ROLE_LINE = re.compile(r"^\s*(Organi[sz]er|Speaker)\s*\d*\s*:\s*(.*)$")
_ROLE_HEADING = re.compile(r"^\s*(Moderator|Online Moderator|Rapporteur)\s*$")
_META = re.compile(r"^(Area|Entitled by|Region|Organization|Sector|Keywords|Doc Attached):\s*(.*)$")


@dataclass
class CorpusStatistics:
    """Counts and shares measured on the bundled corpus (each a plain, JSON-ready value)."""

    netmundial_documents: int = 0
    sectors: dict[str, int] = field(default_factory=dict)  # "Sector:" values as published
    areas: dict[str, int] = field(default_factory=dict)  # first line of "Area:" as published
    regions: dict[str, int] = field(default_factory=dict)  # "Region:" values as published
    keywords_per_contribution: dict[int, int] = field(default_factory=dict)
    doc_attached_share: float = 0.0
    encodings: dict[str, int] = field(default_factory=dict)  # of the NETmundial files
    lost_character_share: float = 0.0  # files where a letter or apostrophe became "?"
    ellipsis_share: float = 0.0  # files with "…" (byte 0x85 in Windows-1252: "NEL")
    lone_cr_share: float = 0.0
    abstract_lines: list[int] = field(default_factory=list)  # non-blank lines of each A file
    fulltext_lines: list[int] = field(default_factory=list)  # non-blank lines of each B file
    wrap_width: int = 85  # median non-blank line length of the A files
    organisation_repeats: float = 1.0  # contributions per distinct organisation
    igf_sessions: int = 0
    speakers_per_session: list[int] = field(default_factory=list)
    organizers_per_session: list[int] = field(default_factory=list)
    heading_roles_per_session: list[int] = field(default_factory=list)  # moderator/rapporteur blocks
    speaker_groups: dict[str, int] = field(default_factory=dict)
    speaker_regions: dict[str, int] = field(default_factory=dict)
    duplicated_block_share: float = 0.0
    participants_per_event_page: list[int] = field(default_factory=list)
    co_chairs_per_event_page: list[int] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (integer keys become strings)."""
        data = asdict(self)
        data["keywords_per_contribution"] = {str(k): v for k, v in self.keywords_per_contribution.items()}
        return data


def measure(corpus_dir: Path = DEFAULT_CORPUS) -> CorpusStatistics:
    """Measure the bundled corpus: NETmundial contributions and the seed event pages."""
    stats = CorpusStatistics()
    _measure_netmundial(corpus_dir, stats)
    _measure_seeds(corpus_dir, stats)
    return stats


def _measure_netmundial(corpus_dir: Path, stats: CorpusStatistics) -> None:
    sectors: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    keywords: Counter[int] = Counter()
    encodings: Counter[str] = Counter()
    organisations: Counter[str] = Counter()
    attached = lost = ellipsis = lone_cr = files = 0
    widths: list[int] = []
    for path in sorted(corpus_dir.glob("*/[0-9][0-9][0-9]A.txt")):
        data = path.read_bytes()
        text, encoding = decode_bytes(data)
        encodings[encoding] += 1
        stats.netmundial_documents += 1
        lines = [line for line in text.splitlines() if line.strip()]
        stats.abstract_lines.append(len(lines))
        widths.extend(len(line) for line in lines)
        for line in lines[:14]:
            match = _META.match(line.strip())
            if not match:
                continue
            label, value = match[1], match[2].strip()
            if label == "Sector":
                sectors[value] += 1
            elif label == "Area":
                areas[value] += 1
            elif label == "Region":
                regions[value] += 1
            elif label == "Organization":
                organisations[value] += 1
            elif label == "Keywords":
                keywords[len([k for k in re.split(r"[,;]", value) if k.strip()])] += 1
            elif label == "Doc Attached":
                attached += 1
        b_path = path.with_name(path.name[:-5] + "B.txt")
        for candidate in (path, b_path):
            if not candidate.exists():
                continue
            raw = candidate.read_bytes()
            files += 1
            decoded, _ = decode_bytes(raw)
            lost += bool(re.search(r"[a-z]\?[a-z]", decoded))
            ellipsis += "…" in decoded
            lone_cr += bool(re.search(rb"\r(?!\n)", raw))
            if candidate is b_path:
                stats.fulltext_lines.append(len([x for x in decoded.splitlines() if x.strip()]))
    n = max(stats.netmundial_documents, 1)
    stats.sectors = dict(sorted(sectors.items()))
    stats.areas = dict(sorted(areas.items()))
    stats.regions = dict(sorted(regions.items()))
    stats.keywords_per_contribution = dict(sorted(keywords.items()))
    stats.encodings = dict(sorted(encodings.items()))
    stats.doc_attached_share = attached / n
    stats.lost_character_share = lost / max(files, 1)
    stats.ellipsis_share = ellipsis / max(files, 1)
    stats.lone_cr_share = lone_cr / max(files, 1)
    stats.wrap_width = int(statistics.median(widths)) if widths else 85
    stats.organisation_repeats = n / max(len(organisations), 1)


def _measure_seeds(corpus_dir: Path, stats: CorpusStatistics) -> None:
    groups: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    duplicated = 0
    for manifest in sorted(corpus_dir.glob("*/MANIFEST.tsv")):
        for row in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            cells = row.split("\t")
            if len(cells) < 2:
                continue
            path = manifest.parent / cells[0]
            if not path.exists():
                continue
            text, _ = decode_bytes(path.read_bytes())
            lines = text.splitlines()
            if cells[1] == "igf-session":
                stats.igf_sessions += 1
                role_lines = [_ROLE_LINE.match(line) for line in lines]
                distinct = {m.group(0).strip() for m in role_lines if m}
                speakers = {m.group(0).strip() for m in role_lines if m and m[1] == "Speaker"}
                organizers = {m.group(0).strip() for m in role_lines if m and m[1] != "Speaker"}
                stats.speakers_per_session.append(len(speakers))
                stats.organizers_per_session.append(len(organizers))
                stats.heading_roles_per_session.append(sum(bool(_ROLE_HEADING.match(x)) for x in lines))
                duplicated += len(distinct) < sum(1 for m in role_lines if m)
                for line in distinct:
                    parts = [p.strip() for p in line.split(":", 1)[1].split(",")]
                    for part in parts:
                        if part in _STAKEHOLDER_GROUPS:
                            groups[part] += 1
                        notation = _REGIONAL_FORMS.get(part)
                        if notation:
                            regions[notation] += 1
            elif cells[1] == "event-page":
                after = False
                participants = co_chairs = 0
                for line in lines:
                    if line.strip() == "Participants":
                        after = True
                        continue
                    if after and line.count(",") >= 2:
                        participants += 1
                        co_chairs += line.lower().startswith("co-chair")
                stats.participants_per_event_page.append(participants)
                stats.co_chairs_per_event_page.append(co_chairs)
    stats.speaker_groups = dict(sorted(groups.items()))
    stats.speaker_regions = dict(sorted(regions.items()))
    stats.duplicated_block_share = duplicated / max(stats.igf_sessions, 1)
