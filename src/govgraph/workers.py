"""The build's per-document work — reading and mapping — run in worker processes, in order.

Reading a document (extraction) and mapping its records to quads are independent per document,
so they spread over the cores; resolution needs every name of the corpus before the first IRI is
minted, so the build makes two passes:

    pass 1  files → records   (``read_chunk``)      → the resolver learns the names; the records,
                                                       still pickled, go to a spill file
    pass 2  spilled records + learned resolver      → N-Quads bytes (``map_chunk``) → bulk loader

The parent never holds more than a window of chunks, so its memory stays flat however large the
corpus; results come back in submission order, so the store is the same for any number of jobs.
Workers are spawned, not forked: the parent has the store (and its threads) open.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import IO, Any, TypeVar

import pyoxigraph as ox

from govgraph import records
from govgraph.corpus import DocumentEntry

Item = TypeVar("Item")
Result = TypeVar("Result")

CHUNK_DOCUMENTS = 50
"""Documents per task: large enough that pickling is a small part of a task, small enough to balance."""

PARALLEL_FROM = 1000
"""Corpora smaller than this are read in the calling process: spawning workers costs more than it saves."""


def default_jobs(documents: int) -> int:
    """How many worker processes a corpus of ``documents`` is worth (1 means in-process)."""
    if documents < PARALLEL_FROM:
        return 1
    return max(1, min(os.cpu_count() or 1, documents // PARALLEL_FROM))


def chunks(items: Sequence[Item], size: int = CHUNK_DOCUMENTS) -> Iterator[Sequence[Item]]:
    """``items`` in consecutive slices of ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def ordered_map(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    *,
    jobs: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[Result]:
    """``map(function, items)`` over ``jobs`` processes, in order, with at most a window of tasks out.

    ``ProcessPoolExecutor.map`` submits every task at once and keeps every result until it is read;
    here at most ``2 * jobs`` tasks are pending, so a slow consumer bounds the memory.
    """
    if jobs <= 1:
        if initializer is not None:
            initializer(*initargs)
        yield from map(function, items)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs) as pool:
        pending: deque[Future[Result]] = deque()
        for item in items:
            pending.append(pool.submit(function, item))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


# -- pass 1 ---------------------------------------------------------------------------------------

ReadResult = tuple[list[tuple[str, list[tuple[str, str]]]], bytes]


def read_chunk(entries: Sequence[DocumentEntry]) -> ReadResult:
    """Read and extract ``entries``: each document's id with the (kind, name) pairs it names actors
    by, and the documents pickled (the parent spills them unread)."""
    from govgraph.extract.registry import read_document
    from govgraph.resolve import document_names

    documents = [read_document(entry.read()) for entry in entries]
    names = [(document.id, list(document_names(document))) for document in documents]
    return names, pickle.dumps(documents, protocol=pickle.HIGHEST_PROTOCOL)


# -- pass 2 ---------------------------------------------------------------------------------------

_resolver: Any = None


def use_resolver(resolver: Any) -> None:
    """Worker initializer: the resolver every ``map_chunk`` of this process mints IRIs with."""
    global _resolver
    _resolver = resolver


def map_chunk(pickled_documents: bytes) -> bytes:
    """The N-Quads of a chunk of pickled documents, one named graph per document."""
    from govgraph.rdf import document_quads

    documents: list[records.Document] = pickle.loads(pickled_documents)
    quads: list[ox.Quad] = []
    for document in documents:
        quads.extend(document_quads(document, _resolver))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


# -- plumbing -------------------------------------------------------------------------------------


class Spill:
    """Pickled chunks written to a temporary file in order and read back in the same order."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.sizes: list[int] = []

    def write(self, blob: bytes) -> None:
        self.handle.write(blob)
        self.sizes.append(len(blob))

    def __len__(self) -> int:
        return len(self.sizes)

    def __iter__(self) -> Iterator[bytes]:
        self.handle.flush()
        self.handle.seek(0)
        for size in self.sizes:
            yield self.handle.read(size)


def batched_bytes(parts: Iterable[bytes], size: int) -> Iterator[bytes]:
    """Consecutive ``parts`` joined into byte strings of at least ``size`` bytes (the last may be shorter)."""
    batch: list[bytes] = []
    length = 0
    for part in parts:
        batch.append(part)
        length += len(part)
        if length >= size:
            yield b"".join(batch)
            batch, length = [], 0
    if batch:
        yield b"".join(batch)
