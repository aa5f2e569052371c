"""Scoring extraction against hand-checked gold files.

A gold file is a JSON object in the shape of the extraction output contract (DESIGN.md) for one
document: ``"document"`` is the document id (``"<collection>/<stem>"``); a document that is not in
the corpus also gives ``"path"``, the file relative to the gold file, and ``"genre"``, the reader to
use. ``evaluate`` reads every gold file of a directory tree, extracts the same document and compares
the two contracts as sets of facts:

==================  ===========================================================================
metric              one item per
==================  ===========================================================================
persons             distinct person name in any event of the document
person_roles        (person, role)
groups              (person, stakeholder group, regional group) for a person with a stated group
affiliations        (person, affiliation) for a person with a stated affiliation
processes           process notation named in the document (document level and every event)
sdg_targets         SDG target of any event
organisers          organiser name (person or organisation) of any event
==================  ===========================================================================

Names are compared after NFC, case folding and whitespace normalisation; notations exactly. Counts
are summed over documents before the overall precision, recall and F1 are taken (micro average).
A metric with nothing in gold or prediction scores P = R = 1 (shown as "-" in the table); nothing
predicted against a non-empty gold scores P = 1, R = 0. The report also counts predicted persons
that are placeholders (``names.is_placeholder``), whose target is zero.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import BadInputError

METRICS: tuple[str, ...] = (
    "persons",
    "person_roles",
    "groups",
    "affiliations",
    "processes",
    "sdg_targets",
    "organisers",
)

Contract = dict[str, Any]
Predictor = Callable[[Contract, Path], Contract]


def normalise_name(name: str) -> str:
    """The form two names are compared in: NFC, case-folded, runs of whitespace as one space."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


@dataclass
class Counts:
    """True positives, false positives and false negatives of one metric."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def empty(self) -> bool:
        """Neither gold nor prediction has an item: nothing to score."""
        return self.tp == self.fp == self.fn == 0

    @property
    def precision(self) -> float:
        # Nothing predicted claims nothing wrong: precision 1 (recall then says what was missed).
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Counts and the three ratios (rounded to 4 places) for JSON output."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class DocumentScore:
    """The counts of every metric for one document, with the items that differ."""

    document: str
    counts: dict[str, Counts]
    missed: dict[str, list[str]] = field(default_factory=dict)  # in gold, not predicted
    spurious: dict[str, list[str]] = field(default_factory=dict)  # predicted, not in gold
    error: str | None = None  # why the document could not be extracted, if it could not
    placeholders: list[str] = field(default_factory=list)  # predicted persons that are placeholders


@dataclass
class Report:
    """Per-document scores and their micro average."""

    documents: list[DocumentScore]

    @property
    def overall(self) -> dict[str, Counts]:
        """Counts summed over every document, per metric (the micro average)."""
        total = {m: Counts() for m in METRICS}
        for doc in self.documents:
            for m in METRICS:
                total[m] = total[m] + doc.counts[m]
        return total

    @property
    def placeholder_actors(self) -> int:
        """How many predicted persons are placeholders ("Speaker TBC"): the target is zero."""
        return sum(len(d.placeholders) for d in self.documents)

    def as_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready data."""
        return {
            "placeholder_actors": self.placeholder_actors,
            "documents": [
                {
                    "document": d.document,
                    "error": d.error,
                    "placeholders": d.placeholders,
                    "metrics": {m: d.counts[m].as_dict() for m in METRICS},
                    "missed": d.missed,
                    "spurious": d.spurious,
                }
                for d in self.documents
            ],
            "overall": {m: c.as_dict() for m, c in self.overall.items()},
        }

    def table(self) -> str:
        """A plain-text table: one row per document and metric, then the overall rows."""
        header = f"{'document':<44} {'metric':<13} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"
        lines = [header, "-" * len(header)]

        def rows(name: str, counts: dict[str, Counts]) -> None:
            for m in METRICS:
                c = counts[m]
                ratios = f"{'-':>6} {'-':>6} {'-':>6}" if c.empty else f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}"
                lines.append(f"{name[:44]:<44} {m:<13} {ratios} {c.tp:4d} {c.fp:4d} {c.fn:4d}")

        for doc in self.documents:
            if doc.error:
                lines.append(f"{doc.document[:44]:<44} error: {doc.error}")
            rows(doc.document, doc.counts)
        lines.append("-" * len(header))
        rows(f"OVERALL ({len(self.documents)} documents, micro)", self.overall)
        lines.append(f"persons made from placeholders: {self.placeholder_actors}")
        return "\n".join(lines)


def facts(contract: Contract) -> dict[str, set[tuple[str, ...]]]:
    """The items of every metric that one contract object states."""
    out: dict[str, set[tuple[str, ...]]] = {m: set() for m in METRICS}
    for process in contract.get("processes") or []:
        out["processes"].add((process,))
    for event in contract.get("events") or []:
        for process in event.get("processes") or []:
            out["processes"].add((process,))
        for target in event.get("sdg_targets") or []:
            out["sdg_targets"].add((str(target),))
        for organiser in event.get("organisers") or []:
            if organiser.get("name"):
                out["organisers"].add((normalise_name(organiser["name"]),))
        for person in event.get("participants") or []:
            if not person.get("name"):
                continue
            name = normalise_name(person["name"])
            out["persons"].add((name,))
            for role in person.get("roles") or []:
                out["person_roles"].add((name, role))
            group, region = person.get("stakeholder_group"), person.get("regional_group")
            if group is not None or region is not None:
                out["groups"].add((name, str(group), str(region)))
            if person.get("affiliation"):
                out["affiliations"].add((name, normalise_name(person["affiliation"])))
    return out


def score(gold: Contract, predicted: Contract) -> DocumentScore:
    """Compare one predicted contract object with its gold."""
    gold_facts, predicted_facts = facts(gold), facts(predicted)
    counts: dict[str, Counts] = {}
    missed: dict[str, list[str]] = {}
    spurious: dict[str, list[str]] = {}
    for m in METRICS:
        g, p = gold_facts[m], predicted_facts[m]
        counts[m] = Counts(tp=len(g & p), fp=len(p - g), fn=len(g - p))
        if g - p:
            missed[m] = sorted(" | ".join(item) for item in g - p)
        if p - g:
            spurious[m] = sorted(" | ".join(item) for item in p - g)
    return DocumentScore(
        str(gold.get("document")), counts, missed, spurious, placeholders=placeholder_persons(predicted)
    )


def placeholder_persons(contract: Contract) -> list[str]:
    """Names of persons in a contract that are placeholders ("Speaker TBC", "To be announced")."""
    from govgraph.extract.names import is_placeholder

    return sorted(
        {
            person["name"]
            for event in contract.get("events") or []
            for person in event.get("participants") or []
            if person.get("name") and is_placeholder(person["name"])
        }
    )


def load_gold(gold_dir: Path) -> list[tuple[Path, Contract]]:
    """Every gold file under ``gold_dir`` (recursively, sorted by path) with its parsed content."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise BadInputError(f"{gold_dir}: not a directory of gold files")
    out: list[tuple[Path, Contract]] = []
    for path in sorted(gold_dir.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BadInputError(f"{path}: not a JSON gold file ({error})") from None
        if not isinstance(data, dict) or not isinstance(data.get("document"), str):
            raise BadInputError(f'{path}: a gold file is one JSON object with a "document" id')
        out.append((path, data))
    return out


def evaluate(
    gold_dir: Path,
    corpus_dir: Path | None = None,
    *,
    predict: Predictor | None = None,
) -> Report:
    """Score the extractor on every gold file under ``gold_dir``.

    ``corpus_dir`` is where documents named by id are found (default: the bundled corpus); a gold
    file with a ``"path"`` names its document file relative to itself. ``predict`` replaces the
    extractor (it gets the gold object and the gold file's path and returns a contract object).
    A document that cannot be extracted scores as an empty prediction and carries the error.
    """
    golds = load_gold(gold_dir)
    if predict is None:
        predict = _Extractor(corpus_dir)
    scores: list[DocumentScore] = []
    for path, gold in golds:
        try:
            predicted = predict(gold, path)
            error = None
        except Exception as exc:  # one unreadable document must not hide the scores of the others
            predicted, error = {}, f"{type(exc).__name__}: {exc}"
        doc_score = score(gold, predicted)
        doc_score.error = error
        scores.append(doc_score)
    return Report(scores)


class _Extractor:
    """The real extractor: the corpus for documents named by id, the file for those with a path."""

    def __init__(self, corpus_dir: Path | None) -> None:
        self._corpus_dir = corpus_dir
        self._by_id: dict[str, Any] | None = None

    def _corpus(self) -> dict[str, Any]:
        if self._by_id is None:
            from govgraph import corpus
            from govgraph.paths import CORPUS_DIR

            root = Path(self._corpus_dir) if self._corpus_dir else CORPUS_DIR
            self._by_id = {doc.id: doc for doc in corpus.discover(root)}
        return self._by_id

    def __call__(self, gold: Contract, gold_path: Path) -> Contract:
        from govgraph.extract.output import read_path
        from govgraph.extract.registry import read_document

        if gold.get("path"):
            document = read_path(gold_path.parent / gold["path"], genre=gold.get("genre"))
        else:
            source = self._corpus().get(gold["document"])
            if source is None:
                raise BadInputError(f"{gold['document']}: not in the corpus")
            document = read_document(source)
        return document.to_contract()
