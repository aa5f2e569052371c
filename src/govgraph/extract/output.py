"""Extraction of files given on the command line, and its output formats.

``govgraph extract`` and ``govgraph eval`` read documents named by path: a file of the corpus keeps
its collection and its manifest's genre; any other file is a one-file document of collection
``files`` (id ``files/<stem>``), decoded by :func:`govgraph.corpus.read_source_file`, read with the
genre given or the one the registry detects. Output is the JSON contract (DESIGN.md) or RDF: the
document's named graph as :func:`govgraph.rdf.document_dataset` makes it, no store touched.

Public API: :data:`FORMATS`, :func:`read_path`, :func:`extract_paths`, :func:`render`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from govgraph.errors import BadInputError
from govgraph.records import Document, SourceDocument

__all__ = ["FORMATS", "extract_paths", "read_path", "render"]

# Output format → rdflib serialiser name (None: the JSON contract).
FORMATS: dict[str, str | None] = {
    "json": None,
    "trig": "trig",
    "nquads": "nquads",
    "turtle": "turtle",  # Turtle has no graph names: the documents' triples as one graph
    "jsonld": "json-ld",
}


def read_path(path: Path, genre: str | None = None, corpus_root: Path | None = None) -> Document:
    """Read one file as a document and extract it.

    A file under ``corpus_root`` (default: the bundled corpus) is the corpus document that holds it,
    with its manifest's genre unless ``genre`` is given; any other file is a one-file document of
    collection ``files`` whose genre is ``genre`` or, when that is ``None``, detected.
    Raises :class:`BadInputError` for a missing, empty, binary or unreadable file, an unknown genre
    or one that cannot be detected.
    """
    from govgraph import corpus
    from govgraph.extract.registry import read_document, reader_for
    from govgraph.paths import CORPUS_DIR

    path = Path(path)
    if not path.exists():
        raise BadInputError(f"{path}: no such file")
    if not path.is_file():
        raise BadInputError(f"{path}: not a file")
    if genre is not None:
        reader_for(genre)  # an unknown genre fails before any reading
    root = Path(corpus_root) if corpus_root else CORPUS_DIR
    resolved = path.resolve()
    if root.is_dir() and resolved.is_relative_to(root.resolve()):
        collection = resolved.relative_to(root.resolve()).parts[0]
        for source in corpus.discover(root / collection):
            if any(f.path.split("/")[-1] == resolved.name for f in source.files):
                if genre:
                    source.genre = genre
                return read_document(source)
    source_file = corpus.read_source_file(resolved, resolved.parent)
    source_file.path = f"files/{resolved.name}"
    source = SourceDocument(id=f"files/{resolved.stem}", collection="files", genre=genre, files=[source_file])
    return read_document(source)


def extract_paths(paths: Sequence[Path], genre: str | None = None) -> list[Document]:
    """Every file of ``paths`` read as a document, in the order given."""
    if not paths:
        raise BadInputError("no document given")
    return [read_path(p, genre) for p in paths]


def render(documents: Sequence[Document], output_format: str = "json") -> str:
    """The documents in ``output_format``: the JSON contract array, or RDF (one named graph each)."""
    if output_format not in FORMATS:
        raise BadInputError(f"unknown output format {output_format!r}: use one of {', '.join(FORMATS)}")
    if FORMATS[output_format] is None:
        return json.dumps([d.to_contract() for d in documents], ensure_ascii=False, indent=2) + "\n"
    from rdflib import Dataset

    from govgraph.pipeline import load_reference_graph
    from govgraph.rdf import bind_prefixes, document_dataset
    from govgraph.resolve import Resolver

    resolver = Resolver.from_reference(load_reference_graph())
    resolver.learn(documents)
    merged = Dataset()
    bind_prefixes(merged)
    for document in documents:
        for s, p, o, g in document_dataset(document, resolver).quads((None, None, None, None)):
            merged.add((s, p, o, g))
    if output_format == "turtle":
        from rdflib import Graph

        flat = Graph()
        for prefix, namespace in merged.namespaces():
            flat.bind(prefix, namespace)
        for s, p, o, _ in merged.quads((None, None, None, None)):
            flat.add((s, p, o))
        text = flat.serialize(format="turtle")
    else:
        text = merged.serialize(format=FORMATS[output_format])
    return text if text.endswith("\n") else text + "\n"
