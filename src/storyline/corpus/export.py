"""The corpus as files for other tools: Parquet and CSV for pandas and spreadsheets, JSONL for pipelines,
GraphML and GEXF for Gephi.

>>> export(corpus, "parquet", Path("out/"))      # doctest: +SKIP
[PosixPath('out/actors.parquet'), PosixPath('out/quotes.parquet'), ...]
>>> export(corpus, "gexf", Path("network.gexf"))  # doctest: +SKIP

Tabular formats write one file per table (actors, quotes, events, figures, stances, nodes, edges) into a
folder, one row per line with the columns of :mod:`storyline.corpus.rows` (nested values as JSON text in
Parquet and CSV, as JSON in JSONL). Graph formats write the stance/pressure network (:meth:`Corpus.network`)
to one file: nodes with ``label``, ``kind`` and ``weight``; edges with ``relation``, ``weight`` and
``evidence`` (JSON: article ids and offsets). Parquet needs pyarrow (``pip install 'storyline[parquet]'``),
GraphML and GEXF networkx (``pip install 'storyline[graph]'``).
"""

from __future__ import annotations

import csv
import dataclasses
import json
import types
import typing
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.corpus.rows import Network, Row, flat
from storyline.errors import StorylineError

if TYPE_CHECKING:
    from storyline.corpus import Corpus

TABLE_FORMATS = ("parquet", "csv", "jsonl")
GRAPH_FORMATS = ("graphml", "gexf")
FORMATS = TABLE_FORMATS + GRAPH_FORMATS
_CHUNK = 10_000


class ExportError(StorylineError):
    """An export cannot be written (a missing optional package, an unusable path)."""


def export(corpus: Corpus, fmt: str, out: Path) -> list[Path]:
    """Write the corpus in ``fmt`` to ``out`` (a folder for tables, a file for graphs); the files written."""
    if fmt in GRAPH_FORMATS:
        if out.is_dir():
            out = out / f"network.{fmt}"
        write_graph(corpus.network(limit=None), fmt, out)
        return [out]
    if fmt not in TABLE_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    if out.exists() and not out.is_dir():
        raise ExportError(f"cannot export tables to {out}: it is a file; give a folder")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(f"cannot create the folder {out} ({error.strerror or error})") from error
    written = []
    for name, rows in corpus.tables():
        path = out / f"{name}.{fmt}"
        row_type = _ROW_TYPES[name]
        if fmt == "parquet":
            write_parquet(rows(), row_type, path)
        elif fmt == "csv":
            write_csv(rows(), row_type, path)
        else:
            write_jsonl(rows(), path)
        written.append(path)
    return written


def _columns(row_type: type[Row]) -> list[str]:
    return [f.name for f in dataclasses.fields(row_type)]  # type: ignore[arg-type]


def write_csv(rows: Iterable[Row], row_type: type[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=_columns(row_type))
        writer.writeheader()
        for row in rows:
            writer.writerow(flat(row))


def write_jsonl(rows: Iterable[Row], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")


def _arrow_type(hint: Any) -> Any:
    import pyarrow as pa

    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _arrow_type(inner)
    if hint is bool:
        return pa.bool_()
    if hint is int:
        return pa.int64()
    if hint is float:
        return pa.float64()
    return pa.string()  # str, and tuples of rows as JSON text


def write_parquet(rows: Iterable[Row], row_type: type[Row], path: Path) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as error:
        raise ExportError("Parquet export needs pyarrow: pip install 'storyline[parquet]' (or pyarrow)") from error
    hints = typing.get_type_hints(row_type)
    schema = pa.schema([(name, _arrow_type(hints[name])) for name in _columns(row_type)])
    with pq.ParquetWriter(path, schema) as writer:
        for chunk in _chunks(rows):
            writer.write_table(pa.Table.from_pylist([flat(r) for r in chunk], schema=schema))
        # An empty table still gets its columns.
        writer.write_table(pa.Table.from_pylist([], schema=schema))


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def to_networkx(network: Network) -> Any:
    """The network as a ``networkx.MultiDiGraph`` (two actors may both support and press each other)."""
    try:
        import networkx as nx
    except ImportError as error:
        raise ExportError("graph export needs networkx: pip install 'storyline[graph]' (or networkx)") from error
    graph = nx.MultiDiGraph()
    for node in network.nodes:
        graph.add_node(node.id, label=node.label, kind=node.kind, weight=node.weight)
    for edge in network.edges:
        graph.add_edge(
            edge.source,
            edge.target,
            key=edge.relation,
            relation=edge.relation,
            weight=edge.weight,
            evidence=json.dumps([e.to_dict() for e in edge.evidence]),
        )
    return graph


def write_graph(network: Network, fmt: str, path: Path) -> None:
    graph = to_networkx(network)
    import networkx as nx

    try:
        if fmt == "graphml":
            nx.write_graphml(graph, path)
        else:
            nx.write_gexf(graph, path)
    except OSError as error:
        raise ExportError(f"cannot write {path} ({error.strerror or error})") from error


def _row_types() -> dict[str, type[Row]]:
    from storyline.corpus.rows import ActorRow, Edge, EventRow, FigureRow, Node, QuoteRow, StanceRow

    return {
        "actors": ActorRow,
        "quotes": QuoteRow,
        "events": EventRow,
        "figures": FigureRow,
        "stances": StanceRow,
        "nodes": Node,
        "edges": Edge,
    }


_ROW_TYPES = _row_types()
