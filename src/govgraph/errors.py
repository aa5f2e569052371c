"""The errors govgraph reports to a person: one line, an exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path


class GovgraphError(Exception):
    """A failure the user can act on. ``exit_code`` 2 means bad input (the SHACL tool convention)."""

    exit_code = 2


class BadInputError(GovgraphError):
    """Input that cannot be read: a missing or empty file, malformed RDF, an unknown name."""


class StoreError(GovgraphError):
    """A store directory that is missing, locked or not a govgraph store."""


class EndpointError(GovgraphError):
    """A remote SPARQL endpoint that is down, slow or answers something that is not SPARQL."""


def read_input_bytes(path: Path, what: str = "file") -> bytes:
    """The bytes of a file a user handed us; ``BadInputError`` naming it when it is missing, a
    directory, unreadable or empty (only blanks)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise BadInputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BadInputError(f"{path}: is a directory, not a {what}") from None
    except OSError as error:
        raise BadInputError(f"{path}: cannot read ({error.strerror or error})") from None
    if not data.strip():
        raise BadInputError(f"{path}: empty file")
    return data
