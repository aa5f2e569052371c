"""The interface every genre reader implements: a source document in, records out."""

from __future__ import annotations

from typing import Protocol

from govgraph.records import Document, SourceDocument


class Reader(Protocol):
    """Reads one genre. ``read`` never invents: a value the text does not state stays ``None``."""

    genre: str

    def read(self, source: SourceDocument) -> Document:
        """Extract the records of ``source`` with an evidence span on every fact."""
        ...
