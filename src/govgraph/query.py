"""The query library: named, documented, parameterised SPARQL over the embedded store or any endpoint.

Each ``queries/NAME.rq`` opens with a header in the grlc style, ``#+`` lines in a small YAML
subset::

    #+ summary: Organisations engaged in two processes at once.
    #+ description: Engagement is taking part in an event that mentions the process
    #+   (as participant, organiser or affiliation).
    #+ params:
    #+   - name: first
    #+     type: process
    #+     default: OEWG
    #+     allowed: [OEWG, GGE, AHC]
    #+     description: the first process (its notation)
    #+   - name: group
    #+     type: stakeholder-group
    #+     description: only organisations of this stakeholder group (optional)
    #+ example: govgraph query organisations-in-two-processes --param second=AHC

A parameter is an ordinary variable of the query (``?first``). Values are typed and checked
against the header, then bound as data in a ``VALUES`` block at the top of the query's outermost
group (``govgraph.sparql.bind_values``) -- never spliced into the text. A parameter with a
``default`` takes it when not given; one with ``required: true`` must be given; any other stays
unbound when not given, so queries test it with ``FILTER(!BOUND(?p) || …)``.

Results come back as a :class:`QueryResult`, the same rows whether the query ran on the embedded
store or on a SPARQL 1.1 endpoint, printable as a table, CSV, TSV, SPARQL JSON or XML, or as a
pandas DataFrame with typed columns.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.term import Node

from govgraph import paths
from govgraph.errors import BadInputError
from govgraph.store import GraphStore, RdfTerm, from_ox, query_form
from govgraph.vocab import ID, PREFIXES, XSD, slugify

if TYPE_CHECKING:
    import pandas as pd

FORMATS = ("table", "csv", "tsv", "json", "xml")

_OX_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
}

# parameter type -> the kind of individual its values name (id/{kind}/{slug}), for concept types
_CONCEPT_TYPES = {
    "process": "process",
    "stakeholder-group": "stakeholder-group",
    "regional-group": "regional-group",
    "role": "role",
    "track": "track",
    "sdg": "sdg",
    "process-instance": "process-instance",
    "event": "event",
    "state": "state",
}
PARAM_TYPES = ("iri", "actor", "string", "integer", "date", *_CONCEPT_TYPES)

_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_ACTOR_KINDS = ("person/", "organisation/", "state/")


# -- the library ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One parameter of a library query, as its header declares it."""

    name: str
    type: str = "string"
    description: str = ""
    default: str | None = None
    allowed: tuple[str, ...] = ()
    required: bool = False


@dataclass(frozen=True)
class LibraryQuery:
    """A query with its documentation: from ``queries/``, a file, or ad-hoc text (no header)."""

    name: str
    text: str
    summary: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    example: str = ""
    path: Path | None = None
    has_header: bool = False

    def param(self, name: str) -> Param | None:
        """The declared parameter called ``name``, if any."""
        return next((p for p in self.params if p.name == name), None)


def parse_query_file(path: Path, name: str | None = None) -> LibraryQuery:
    """Read a ``.rq`` file and its header; a clear ``BadInputError`` when it cannot be read."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInputError(f"no such query file: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise BadInputError(f"cannot read the query file {path}: {error}") from None
    return parse_query_text(text, name=name or path.stem, path=path)


def parse_query_text(text: str, name: str = "ad-hoc", path: Path | None = None) -> LibraryQuery:
    """A query and its ``#+`` header (an ad-hoc query simply has none)."""
    header = _parse_header(text, source=str(path or name))
    params = tuple(_param_of(item, source=str(path or name)) for item in header.get("params") or [])
    return LibraryQuery(
        name=name,
        text=text,
        summary=str(header.get("summary") or ""),
        description=str(header.get("description") or ""),
        params=params,
        example=str(header.get("example") or ""),
        path=path,
        has_header=bool(header),
    )


def _parse_header(text: str, source: str) -> dict[str, Any]:
    """The ``#+`` lines as a dict: scalars, ``[a, b]`` lists, and a list of mappings under a key."""
    header: dict[str, Any] = {}
    key: str | None = None  # the top-level key being read
    item: dict[str, Any] | None = None  # the current "- name: …" mapping of a list
    item_key: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.startswith("#+"):
            if raw.strip() and not raw.lstrip().startswith("#"):
                break  # the header ends where the query starts
            continue
        line = raw[2:].removeprefix(" ")
        indent = len(line) - len(line.lstrip(" "))
        body = line.strip()
        if not body:
            continue
        if indent == 0:
            match = re.match(r"([A-Za-z_][\w-]*)\s*:\s*(.*)\Z", body)
            if not match:
                raise BadInputError(f"{source}, line {number}: header line is not 'key: value': {body!r}")
            key, value = match.group(1), match.group(2)
            header[key] = _scalar(value) if value else []
            item, item_key = None, None
        elif key is None:
            raise BadInputError(f"{source}, line {number}: indented header line without a key")
        elif body.startswith("- "):
            if not isinstance(header[key], list):
                raise BadInputError(f"{source}, line {number}: a list item under the scalar '{key}'")
            item = {}
            header[key].append(item)
            item_key = _item_pair(item, body[2:], source, number)
        elif item is not None and re.match(r"[A-Za-z_][\w-]*\s*:", body):
            item_key = _item_pair(item, body, source, number)
        elif item is not None and item_key is not None:
            item[item_key] = f"{item[item_key]} {body}".strip()
        elif isinstance(header[key], str):
            header[key] = f"{header[key]} {body}".strip()
        elif header[key] == []:
            header[key] = body
        else:
            raise BadInputError(f"{source}, line {number}: cannot read header line {body!r}")
    return header


def _item_pair(item: dict[str, Any], body: str, source: str, number: int) -> str:
    match = re.match(r"([A-Za-z_][\w-]*)\s*:\s*(.*)\Z", body)
    if not match:
        raise BadInputError(f"{source}, line {number}: parameter line is not 'key: value': {body!r}")
    item[match.group(1)] = _scalar(match.group(2))
    return match.group(1)


def _scalar(value: str) -> Any:
    value = value.strip()
    if value.startswith("[") and value.endswith("]"):
        return [_unquote(v) for v in _split_list(value[1:-1])]
    return _unquote(value)


def _split_list(body: str) -> list[str]:
    items, current, quote = [], "", ""
    for char in body:
        if quote:
            current += char
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
            current += char
        elif char == ",":
            items.append(current.strip())
            current = ""
        else:
            current += char
    if current.strip():
        items.append(current.strip())
    return items


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _param_of(item: Any, source: str) -> Param:
    if not isinstance(item, dict) or not item.get("name"):
        raise BadInputError(f"{source}: every entry of 'params' needs a name")
    kind = str(item.get("type") or "string")
    if kind not in PARAM_TYPES:
        raise BadInputError(
            f"{source}: parameter {item['name']!r} has unknown type {kind!r}; types: {', '.join(PARAM_TYPES)}"
        )
    allowed = item.get("allowed") or []
    if isinstance(allowed, str):
        allowed = [allowed]
    default = item.get("default")
    return Param(
        name=str(item["name"]),
        type=kind,
        description=str(item.get("description") or ""),
        default=None if default in (None, "", []) else str(default),
        allowed=tuple(str(a) for a in allowed),
        required=str(item.get("required", "false")).lower() == "true",
    )


@cache
def _library(directory: Path) -> dict[str, LibraryQuery]:
    queries = {}
    for path in sorted(directory.glob("*.rq")):
        queries[path.stem] = parse_query_file(path)
    return queries


def list_queries(directory: Path | None = None) -> list[LibraryQuery]:
    """Every query of the library, sorted by name."""
    return list(_library(Path(directory or paths.QUERIES_DIR)).values())


def get_query(name: str, directory: Path | None = None) -> LibraryQuery:
    """The library query ``name``; an unknown name is a ``BadInputError`` suggesting close names."""
    library = _library(Path(directory or paths.QUERIES_DIR))
    if name in library:
        return library[name]
    close = difflib.get_close_matches(name, list(library), n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(close)}?" if close else "; `govgraph queries` lists them"
    raise BadInputError(f"unknown query {name!r}{hint}")


def resolve_query(query: str | Path | LibraryQuery, directory: Path | None = None) -> LibraryQuery:
    """A library query name, a path to a ``.rq`` file, or SPARQL text, as a :class:`LibraryQuery`."""
    if isinstance(query, LibraryQuery):
        return query
    if isinstance(query, Path):
        return parse_query_file(query)
    text = query.strip()
    if _NAME.match(text):
        return get_query(text, directory)
    if text.endswith(".rq") and "\n" not in text and "{" not in text:
        return parse_query_file(Path(text))
    if not text:
        raise BadInputError("empty query")
    return parse_query_text(query)


# -- parameters -----------------------------------------------------------------------------------


def bind_params(query: LibraryQuery, params: Mapping[str, Any] | None) -> dict[str, Node]:
    """Typed RDF terms for ``params`` (strings as on the command line, or numbers), checked against the header.

    Unknown names, missing required values, ill-typed values and values outside ``allowed`` are
    ``BadInputError``. A query without declared parameters takes ``<iri>`` values as IRIs and
    anything else as a plain literal.
    """
    params = {str(k): v if isinstance(v, str) else str(v) for k, v in (params or {}).items() if v is not None}
    bindings: dict[str, Node] = {}
    if not query.params:
        for name, value in params.items():
            bindings[name] = _untyped(value)
        return bindings
    declared = {p.name for p in query.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        known = ", ".join(p.name for p in query.params)
        close = difflib.get_close_matches(unknown[0], sorted(declared), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise BadInputError(f"query {query.name!r} has no parameter {unknown[0]!r}{hint}; its parameters: {known}")
    for param in query.params:
        value = params.get(param.name)
        if value is None or value == "":
            if param.default is not None:
                value = param.default
            elif param.required:
                raise BadInputError(
                    f"query {query.name!r} needs --param {param.name}=… ({param.type}"
                    + (f": one of {', '.join(param.allowed)}" if param.allowed else "")
                    + ")"
                )
            else:
                continue
        bindings[param.name] = convert_param(param, value, query.name)
    return bindings


def _untyped(value: str) -> Node:
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    return Literal(value)


def convert_param(param: Param, value: str, query_name: str = "") -> Node:
    """One parameter value as an RDF term of the parameter's type."""
    where = f"parameter {param.name!r}" + (f" of {query_name!r}" if query_name else "")
    if param.allowed:
        match = next(
            (a for a in param.allowed if a.casefold() == value.casefold() or slugify(a) == slugify(value)), None
        )
        if match is None:
            raise BadInputError(f"{where}: {value!r} is not one of {', '.join(param.allowed)}")
        value = match
    kind = param.type
    if kind == "string":
        return Literal(value)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise BadInputError(f"{where}: {value!r} is not an integer")
        return Literal(int(value), datatype=XSD.integer)
    if kind == "date":
        try:
            dt.date.fromisoformat(value.strip())
        except ValueError:
            raise BadInputError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None
        return Literal(value.strip(), datatype=XSD.date)
    if kind == "iri":
        if re.fullmatch(r"[a-z][a-z-]*/[^\s/:][^\s:]*", value):  # an id path: person/anriette-esterhuysen
            return _iri(ID + value, where)
        return _iri(value, where)
    if kind == "actor":
        if value.startswith(("http://", "https://")):
            return _iri(value, where)
        if value.startswith(_ACTOR_KINDS):
            return _iri(ID + value, where)
        slug = slugify(value)
        if not slug:
            raise BadInputError(f"{where}: {value!r} names no actor")
        return URIRef(f"{ID}person/{slug}")
    if kind in _CONCEPT_TYPES:
        if value.startswith(("http://", "https://")):
            return _iri(value, where)
        slug = value if re.fullmatch(r"[a-z0-9.][a-z0-9.-]*", value) else slugify(value)
        if not slug:
            raise BadInputError(f"{where}: {value!r} is not a {kind}")
        return URIRef(f"{ID}{_CONCEPT_TYPES[kind]}/{slug}")
    raise BadInputError(f"{where}: unknown type {kind!r}")


def _iri(value: str, where: str) -> URIRef:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\]+", value):
        raise BadInputError(f"{where}: {value!r} is not an IRI")
    return URIRef(value)


# -- running --------------------------------------------------------------------------------------


@dataclass
class QueryResult:
    """The answer to a SELECT or ASK query: SPARQL JSON results as the one canonical form."""

    variables: list[str]
    rows: list[tuple[RdfTerm | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    json_bytes: bytes = b""

    @classmethod
    def from_json(cls, data: bytes, *, canonical: bool = False) -> QueryResult:
        """Read SPARQL 1.1 JSON results (``ValueError`` when they are not).

        ``canonical`` says the bytes are Oxigraph's own serialization (the embedded store's), which is
        kept as it is; other JSON (a remote endpoint's) is re-serialized so every path prints alike.
        """
        parsed = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
        if isinstance(parsed, ox.QueryBoolean):
            value = bool(parsed)
            return cls(variables=[], boolean=value, json_bytes=_ox_boolean_json(value))
        variables = [v.value for v in parsed.variables]
        terms: dict[Any, RdfTerm | None] = {}  # large results repeat the same IRIs and labels

        def term(value: Any) -> RdfTerm | None:
            if value is None:
                return None
            converted = terms.get(value)
            if converted is None:
                converted = terms[value] = from_ox(value)
            return converted

        rows = [tuple(term(solution[name]) for name in variables) for solution in parsed]
        if not canonical:
            data = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON).serialize(
                format=ox.QueryResultsFormat.JSON
            )
        return cls(variables=variables, rows=rows, json_bytes=data)

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, RdfTerm | None]]:
        """The rows as dictionaries of rdflib terms (``None`` where a variable is unbound)."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]

    def values(self) -> list[tuple[Any, ...]]:
        """The rows as Python values: IRIs as strings, literals as their Python value."""
        return [tuple(_python(term) for term in row) for row in self.rows]

    def serialize(self, fmt: str = "table") -> str:
        """The result as text: ``table``, or the SPARQL 1.1 ``csv``, ``tsv``, ``json``, ``xml`` formats."""
        if fmt == "table":
            return self.table()
        if fmt not in _OX_FORMATS:
            raise BadInputError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        parsed = ox.parse_query_results(self.json_bytes, format=ox.QueryResultsFormat.JSON)
        return parsed.serialize(format=_OX_FORMATS[fmt]).decode("utf-8")

    def table(self) -> str:
        """A plain aligned table for a terminal: IRIs shortened with the usual prefixes."""
        if self.boolean is not None:
            return ("true" if self.boolean else "false") + "\n"
        cells = [[_short(term) for term in row] for row in self.rows]
        widths = [len(v) for v in self.variables]
        for row in cells:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
        lines = [
            "  ".join(v.ljust(w) for v, w in zip(self.variables, widths, strict=True)).rstrip(),
            "  ".join("-" * w for w in widths),
        ]
        lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
        count = len(self.rows)
        lines.append(f"({count} row{'s' if count != 1 else ''})")
        return "\n".join(lines) + "\n"

    def to_dataframe(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame, columns typed from the literals' datatypes.

        Integer columns are nullable ``Int64``, decimals and doubles ``float64``, booleans
        ``boolean``, dates and date-times ``datetime64``; IRIs and other literals are ``string``.
        """
        import pandas as pd

        columns: dict[str, Any] = {}
        for index, name in enumerate(self.variables):
            terms = [row[index] for row in self.rows]
            columns[name] = _typed_column(pd, terms)
        return pd.DataFrame(columns, columns=self.variables)


def _ox_boolean_json(value: bool) -> bytes:
    return b'{"head":{},"boolean":' + (b"true" if value else b"false") + b"}"


_INTEGER_TYPES = {
    str(XSD[t])
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {str(XSD.decimal), str(XSD.double), str(XSD.float)}


def _typed_column(pd: Any, terms: list[RdfTerm | None]) -> Any:
    present = [t for t in terms if t is not None]
    datatypes = {str(t.datatype) if isinstance(t, Literal) and t.datatype else None for t in present}
    kinds = {"literal" if isinstance(t, Literal) else "iri" for t in present}
    if present and kinds == {"literal"} and len(datatypes) >= 1 and None not in datatypes:
        if datatypes <= _INTEGER_TYPES:
            return pd.array([None if t is None else int(str(t)) for t in terms], dtype="Int64")
        if datatypes <= _INTEGER_TYPES | _FLOAT_TYPES:
            return pd.array([float("nan") if t is None else float(str(t)) for t in terms], dtype="float64")
        if datatypes == {str(XSD.boolean)}:
            return pd.array([None if t is None else str(t) in ("true", "1") for t in terms], dtype="boolean")
        if datatypes <= {str(XSD.date), str(XSD.dateTime)}:
            return pd.to_datetime(pd.Series([None if t is None else str(t) for t in terms]), errors="coerce")
    return pd.array([None if t is None else str(t) for t in terms], dtype="string")


def _python(term: RdfTerm | None) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype and str(term.datatype) in _INTEGER_TYPES:
            return int(str(term))
        if term.datatype and str(term.datatype) in _FLOAT_TYPES:
            return float(str(term))
        return str(term)
    return str(term)


def _prefixes() -> list[tuple[str, str]]:
    pairs = [("id:", ID)] + [(f"{p}:", str(ns)) for p, ns in PREFIXES.items()]
    return sorted(pairs, key=lambda pair: -len(pair[1]))


_SHORT_PREFIXES = _prefixes()


def _short(term: RdfTerm | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        value = str(term)
        for prefix, namespace in _SHORT_PREFIXES:
            if value.startswith(namespace) and len(value) > len(namespace):
                return prefix + value[len(namespace) :]
        return f"<{value}>"
    text = str(term)
    return text.replace("\n", " ").replace("\t", " ")


def check_syntax(text: str, source: str = "the query") -> None:
    """Parse ``text`` as SPARQL; a ``BadInputError`` with line and column when it is not."""
    try:
        query_form(text)
    except SyntaxError as error:
        raise BadInputError(f"SPARQL syntax error in {source}: {_where(str(error))}") from None


def _where(message: str) -> str:
    match = re.match(r"error at (\d+):(\d+):\s*(.*)", message, flags=re.S)
    if match:
        detail = " ".join(match.group(3).split())
        # Oxigraph points just past the character it stopped at; name that character
        column = max(1, int(match.group(2)) - 1)
        return f"line {match.group(1)}, column {column}: {detail}"
    return " ".join(message.split())


def run_query(
    query: str | Path | LibraryQuery,
    params: Mapping[str, Any] | None = None,
    store: GraphStore | Path | str | None = None,
    endpoint: str | None = None,
    *,
    timeout: float = 30.0,
    directory: Path | None = None,
) -> QueryResult:
    """Run a library query (by name), a ``.rq`` file or SPARQL text; the same rows embedded or remote.

    ``store`` is an open :class:`GraphStore` or a store directory (default: the configured store),
    ``endpoint`` the URL of a SPARQL 1.1 query endpoint whose default graph is the union of the
    named graphs (Oxigraph ``--union-default-graph``, Fuseki ``unionDefaultGraph``, Virtuoso).
    """
    library_query = resolve_query(query, directory)
    source = str(library_query.path or f"query {library_query.name!r}")
    bindings = bind_params(library_query, params)
    check_syntax(library_query.text, source)
    _refuse_graph_results(library_query.text, source)
    if endpoint:
        from govgraph import remote

        bound = _bind(library_query.text, bindings)
        return remote.select(endpoint, bound, timeout=timeout)
    if isinstance(store, GraphStore):
        return _run_embedded(store, library_query.text, bindings)
    store_dir = Path(store) if store is not None else paths.default_store_dir()
    with GraphStore.open(store_dir, read_only=True) as opened:
        return _run_embedded(opened, library_query.text, bindings)


def _bind(text: str, bindings: Mapping[str, Node]) -> str:
    from govgraph.sparql import bind_values

    return bind_values(text, bindings) if bindings else text


def _refuse_graph_results(text: str, source: str) -> None:
    if query_form(text)[0] == "graph":
        raise BadInputError(
            f"{source} is a CONSTRUCT or DESCRIBE query; govgraph query prints SELECT and ASK results "
            "(use `govgraph export` for RDF)"
        )


def _run_embedded(store: GraphStore, text: str, bindings: Mapping[str, Node]) -> QueryResult:
    results = store.query(text, bindings or None)
    if isinstance(results, ox.QueryBoolean):
        value = bool(results)
        return QueryResult(variables=[], boolean=value, json_bytes=_ox_boolean_json(value))
    buffer = io.BytesIO()
    results.serialize(buffer, format=ox.QueryResultsFormat.JSON)
    return QueryResult.from_json(buffer.getvalue(), canonical=True)


def describe(query: LibraryQuery) -> str:
    """The documentation ``govgraph queries NAME`` prints: summary, description, parameters, example."""
    lines = [query.name, "", query.summary or "(no summary)"]
    if query.description:
        lines += ["", query.description]
    if query.params:
        lines += ["", "Parameters:"]
        for p in query.params:
            spec = p.type
            if p.required:
                spec += ", required"
            elif p.default is not None:
                spec += f", default {p.default}"
            else:
                spec += ", optional"
            lines.append(f"  {p.name} ({spec})" + (f": {p.description}" if p.description else ""))
            if p.allowed:
                lines.append(f"      one of: {', '.join(p.allowed)}")
    if query.example:
        lines += ["", f"Example: {query.example}"]
    return "\n".join(lines) + "\n"


__all__ = [
    "FORMATS",
    "PARAM_TYPES",
    "LibraryQuery",
    "Param",
    "QueryResult",
    "bind_params",
    "check_syntax",
    "convert_param",
    "describe",
    "get_query",
    "list_queries",
    "parse_query_file",
    "parse_query_text",
    "resolve_query",
    "run_query",
]
