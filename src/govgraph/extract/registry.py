"""Choosing the reader for a document by its genre, or detecting the genre when none is given.

Readers are registered by genre notation (``ontology/schemes/genres.ttl``) as ``module:class``
and imported only when first needed, so a reader module that is missing or broken never stops the
others from working.

Public API: :func:`read_document`, :func:`reader_for`, :func:`detect_genre`, :func:`register`,
:func:`genres`.
"""

from __future__ import annotations

import importlib
import re

from govgraph.errors import BadInputError
from govgraph.extract.base import Reader
from govgraph.records import Document, SourceDocument

__all__ = ["detect_genre", "genres", "read_document", "reader_for", "register"]

_READERS: dict[str, tuple[str, str]] = {
    "igf-session": ("govgraph.extract.igf", "IgfSessionReader"),
    "event-page": ("govgraph.extract.event_page", "EventPageReader"),
    "network-events-page": ("govgraph.extract.network_events", "NetworkEventsReader"),
    "netmundial-contribution": ("govgraph.extract.netmundial", "NetmundialReader"),
}
_INSTANCES: dict[str, Reader] = {}

# Layout marks of each genre, for detection. They are field names of the published layouts, not
# names of anything the graph describes.
_IGF_CODE = re.compile(r"^\s*IGF\s+(?:19|20)\d\d\b[^\n#]{0,40}#\s*\d+", re.MULTILINE)
_IGF_FIELDS = re.compile(
    r"^\s*(?:(?:Organi[sz]er|Speaker)\s+\d+\s*:|Duration \(minutes\)\s*:|Check-in and access this session)",
    re.MULTILINE | re.IGNORECASE,
)
_NETMUNDIAL_FIELDS = re.compile(r"^(?:Entitled by|Sector|Region|Organization|Area)\s*:", re.MULTILINE)
_EVENT_LIST = re.compile(
    r"\[(?:participants|backgroundpapers|eventreports)\s+event="
    r"|There are no upcoming events|Upcoming events|Past events",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b,?\s+(?:19|20)\d\d|\b(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d",
    re.IGNORECASE,
)
_ROLE_LINE = re.compile(r"^\s*(?P<label>[^\W\d][\w\- ]{1,30}?)\s*(?:\d{1,2})?\s*(?::|$)", re.MULTILINE)
_ORGANISED_BY = re.compile(r"\b(?:organi[sz]ed|hosted|convened)\s+(?:by|in\s+collaboration\s+with)\b", re.IGNORECASE)


def register(genre: str, module: str, cls: str) -> None:
    """Register (or replace) the reader of ``genre``: class ``cls`` of module ``module``."""
    _READERS[genre] = (module, cls)
    _INSTANCES.pop(genre, None)


def genres() -> list[str]:
    """The genres that have a registered reader."""
    return sorted(_READERS)


def reader_for(genre: str) -> Reader:
    """The reader of ``genre`` (one instance per process); a clear error when there is none."""
    if genre in _INSTANCES:
        return _INSTANCES[genre]
    if genre not in _READERS:
        raise BadInputError(f"unknown document genre {genre!r}: the readers know {', '.join(genres())}")
    module_name, cls_name = _READERS[genre]
    try:
        module = importlib.import_module(module_name)
        cls = getattr(module, cls_name)
    except (ImportError, AttributeError) as exc:
        raise BadInputError(f"no reader for genre {genre!r} is available ({module_name}.{cls_name}: {exc})") from exc
    reader = cls()
    _INSTANCES[genre] = reader
    return reader


def detect_genre(source: SourceDocument) -> str | None:
    """The genre a document's layout shows, or ``None`` when it shows none of them."""
    text = "\n".join(f.text[:20000] for f in source.files)
    if not text.strip():
        return None
    if _NETMUNDIAL_FIELDS.search(text) and len(_NETMUNDIAL_FIELDS.findall(text)) >= 3:
        return "netmundial-contribution"
    if _IGF_CODE.search(text) or len(_IGF_FIELDS.findall(text)) >= 2:
        return "igf-session"
    if _EVENT_LIST.search(text) or len(set(_DATE.findall(text))) >= 3:
        return "network-events-page"
    if _ORGANISED_BY.search(text) or _has_role_lines(text):
        return "event-page"
    return None


def _has_role_lines(text: str) -> bool:
    """Whether lines open with a role label of the lexicon ("Moderator:", "Speakers", "Co-chair:")."""
    from govgraph.extract.lexicon import get_lexicon  # the lexicon loads once, on first need

    lexicon = get_lexicon()
    hits = 0
    for m in _ROLE_LINE.finditer(text):
        if lexicon.role(m["label"], hidden=False) is not None:
            hits += 1
            if hits >= 2:
                return True
    return False


def read_document(source: SourceDocument) -> Document:
    """Extract the records of one document with the reader of its genre (detected when ``None``).

    Raises :class:`~govgraph.errors.BadInputError` for an unknown genre, an undetectable one, or a
    genre whose reader is not available.
    """
    genre = source.genre
    if genre is None:
        genre = detect_genre(source)
        if genre is None:
            if not any(f.text.strip() for f in source.files):
                raise BadInputError(f"{source.id}: the document is empty; there is nothing to read")
            raise BadInputError(f"{source.id}: cannot tell the document's genre; give one of {', '.join(genres())}")
    return reader_for(genre).read(source)
