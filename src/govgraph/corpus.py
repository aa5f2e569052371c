"""Finding and reading the documents of a corpus directory.

A corpus is a directory of collections (its subfolders). A collection may carry a ``MANIFEST.tsv``
(``file<TAB>genre<TAB>note``) giving each file's genre; files it does not list, and collections
without one, get genre ``None`` and are detected from their text by the extraction registry
(``extract.registry.detect_genre``). Files named
``NNNA.txt``/``NNNB.txt`` (the CIS compilation of the NETmundial 2014 contributions: metadata and
abstract, full text) pair into one document ``<collection>/NNN``.

Decoding (:func:`decode_bytes`): UTF-8 (with or without BOM) when the bytes are valid UTF-8, else
Windows-1252, with ISO-8859-1 for the five bytes Windows-1252 leaves undefined. Line ends are kept
exactly as in the file so evidence offsets point into the file as it is. Measured on the 374
NETmundial files (``tests/test_corpus.py``): 311 Windows-1252 (bytes in 0x80-0x9F, among them the
0x85 "…" that ``file`` reports as NEL line ends), 14 ISO-8859-1 (no byte in 0x80-0x9F, where the two
agree), 49 ASCII, none UTF-8 beyond ASCII; the seeds are UTF-8. charset-normalizer was measured too
and not used: its best guess gave a different text for 109 of the 374 files (cp1250, cp775, cp850,
big5 … for plain Windows-1252 text).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from govgraph.errors import BadInputError, read_input_bytes
from govgraph.records import SourceDocument, SourceFile

__all__ = [
    "MANIFEST_NAME",
    "NETMUNDIAL_GENRE",
    "DocumentEntry",
    "decode_bytes",
    "discover",
    "list_documents",
    "read_manifest",
    "read_source_file",
]

MANIFEST_NAME = "MANIFEST.tsv"
NETMUNDIAL_GENRE = "netmundial-contribution"

# Files of a collection that describe it rather than being documents of it.
_NOT_DOCUMENTS = {
    MANIFEST_NAME.lower(),
    "source.md",
    "readme.md",
    "readme.txt",
    "readme",
    "license",
    "license.md",
    "license.txt",
    "licence",
    "licence.md",
    "licence.txt",
}
_PAIR_FILE = re.compile(r"(?P<stem>\d+)(?P<part>[AB])\.txt")

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_FALLBACK = "govgraph-latin1-fallback"


def _latin1_fallback(error: UnicodeError) -> tuple[str, int]:
    # Windows-1252 leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined; ISO-8859-1 maps every byte to the
    # code point of the same value, which is what a Windows program writing them meant.
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error(_FALLBACK, _latin1_fallback)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a document's bytes; return ``(text, encoding)``.

    ``encoding`` is ``utf-8``, ``utf-8-sig`` (BOM dropped from the text), ``utf-16`` (with BOM),
    ``windows-1252`` (some byte in 0x80-0x9F, so ISO-8859-1 would give C1 controls: 0x85 is "…", not
    a NEL line end) or ``iso-8859-1`` (no byte in 0x80-0x9F, where both encodings agree). Line ends
    are left as they are. Raises ``ValueError`` for bytes that are not text (NUL bytes, control
    characters).
    """
    if data.startswith(_UTF8_BOM):
        text, encoding = data[len(_UTF8_BOM) :].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith(_UTF16_BOMS):
        text, encoding = data.decode("utf-16"), "utf-16"
    else:
        if b"\x00" in data:
            raise ValueError("NUL bytes: a binary file, not text")
        try:
            text, encoding = data.decode("utf-8", errors="strict"), "utf-8"
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors=_FALLBACK)
            encoding = "windows-1252" if re.search(rb"[\x80-\x9f]", data) else "iso-8859-1"
    if _looks_binary(text):
        raise ValueError("control characters: a binary file, not text")
    return text, encoding


def _looks_binary(text: str) -> bool:
    # Text files hold tabs, line ends and form feeds; other C0 controls (and NUL) mean binary data.
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1a")
    return "\x00" in sample or controls > max(2, len(sample) // 100)


def read_source_file(path: Path, corpus_root: Path) -> SourceFile:
    """Read and decode one file; its ``path`` is relative to ``corpus_root`` with ``/`` separators.

    Raises :class:`BadInputError` (one line, naming the file) for a missing, unreadable, empty or
    binary file.
    """
    try:
        relative = path.resolve().relative_to(corpus_root.resolve()).as_posix()
    except ValueError:
        relative = path.name
    data = read_input_bytes(path, "document")
    try:
        text, encoding = decode_bytes(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise BadInputError(f"{path}: not a text document ({_reason(error)})") from None
    return SourceFile(path=relative, sha256=hashlib.sha256(data).hexdigest(), encoding=encoding, text=text)


def _reason(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"{error.encoding} byte {error.object[error.start]:#04x} at offset {error.start}"
    return str(error)


def read_manifest(path: Path) -> dict[str, tuple[str | None, str | None]]:
    """A collection's manifest: file name → (genre, note). A header row starting ``file`` is skipped."""
    try:
        text, _ = decode_bytes(path.read_bytes())
    except (OSError, ValueError) as error:
        raise BadInputError(f"{path}: cannot read the manifest ({error})") from None
    entries: dict[str, tuple[str | None, str | None]] = {}
    for number, row in enumerate(csv.reader(text.splitlines(), delimiter="\t"), start=1):
        if not row or not row[0].strip() or row[0].startswith("#"):
            continue
        if number == 1 and row[0].strip().lower() == "file":
            continue
        name = row[0].strip()
        genre = row[1].strip() if len(row) > 1 and row[1].strip() else None
        note = row[2].strip() if len(row) > 2 and row[2].strip() else None
        if name in entries:
            raise BadInputError(f"{path}: line {number}: {name} is listed twice")
        entries[name] = (genre, note)
    return entries


@dataclass(frozen=True)
class DocumentEntry:
    """A document of the corpus found but not yet read: its id, collection, genre and files."""

    id: str
    collection: str
    genre: str | None
    note: str | None
    paths: tuple[Path, ...]
    corpus_root: Path

    def read(self) -> SourceDocument:
        """Read and decode the document's files (``BadInputError`` for an unreadable one)."""
        return SourceDocument(
            id=self.id,
            collection=self.collection,
            genre=self.genre,
            files=[read_source_file(path, self.corpus_root) for path in self.paths],
            manifest_note=self.note,
        )


def discover(corpus_dir: Path) -> list[SourceDocument]:
    """Every document of ``corpus_dir``, read and decoded, ordered by collection then document id.

    Collections are the subfolders (hidden ones skipped); a corpus with no subfolders is one
    collection named after the directory.
    """
    return [entry.read() for entry in list_documents(corpus_dir)]


def list_documents(corpus_dir: Path) -> list[DocumentEntry]:
    """What :func:`discover` reads, without reading it: the entries in the same order."""
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.exists():
        raise BadInputError(f"corpus directory not found: {corpus_dir}")
    if not corpus_dir.is_dir():
        raise BadInputError(f"corpus path is not a directory: {corpus_dir}")
    collections = sorted(
        (p for p in corpus_dir.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name
    )
    if not collections:
        return _collection_entries(corpus_dir, corpus_dir.parent)
    entries: list[DocumentEntry] = []
    for collection in collections:
        entries.extend(_collection_entries(collection, corpus_dir))
    return entries


def _collection_entries(folder: Path, corpus_root: Path) -> list[DocumentEntry]:
    name = folder.name
    manifest_path = folder / MANIFEST_NAME
    manifest = read_manifest(manifest_path) if manifest_path.is_file() else {}
    files = sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.name.lower() not in _NOT_DOCUMENTS
        ),
        key=lambda p: p.name,
    )
    missing = sorted(set(manifest) - {p.name for p in files})
    if missing:
        raise BadInputError(f"{manifest_path}: lists {missing[0]}, which is not in {folder}")

    # Group NNNA.txt / NNNB.txt pairs; every other file is a document of its own.
    groups: dict[str, list[Path]] = {}
    for path in files:
        match = _PAIR_FILE.fullmatch(path.name)
        stem = match["stem"] if match and path.name not in manifest else path.stem
        groups.setdefault(stem, []).append(path)

    entries = []
    for stem in sorted(groups):
        paths = groups[stem]
        listed = [manifest[p.name] for p in paths if p.name in manifest]
        if listed:
            genre, note = listed[0]
        elif all(_PAIR_FILE.fullmatch(p.name) for p in paths):
            genre, note = NETMUNDIAL_GENRE, None
        else:
            genre, note = None, None
        entries.append(DocumentEntry(f"{name}/{stem}", name, genre, note, tuple(paths), corpus_root))
    return entries


# Genre detection: field labels and headings that each genre's pages print, not names of actors.
