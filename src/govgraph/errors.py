"""The errors govgraph reports to a person: one line, an exit code, never a traceback."""

from __future__ import annotations


class GovgraphError(Exception):
    """A failure the user can act on. ``exit_code`` 2 means bad input (the SHACL tool convention)."""

    exit_code = 2


class BadInputError(GovgraphError):
    """Input that cannot be read: a missing or empty file, malformed RDF, an unknown name."""


class StoreError(GovgraphError):
    """A store directory that is missing, locked or not a govgraph store."""


class EndpointError(GovgraphError):
    """A remote SPARQL endpoint that is down, slow or answers something that is not SPARQL."""
