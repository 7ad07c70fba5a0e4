"""storyline: reads the news the way a good analyst does.

>>> import storyline
>>> record = storyline.analyze(text, published="2025-02-03")
>>> for quote in record.quotes: print(quote.speaker.name if quote.speaker else None, quote.text)
>>> corpus = storyline.Corpus("storyline.db")   # a store filled by `storyline ingest`, merged across articles
>>> corpus.quotes(by="Reker")
"""

from storyline.analyze import analyze, analyze_many, load_pipeline
from storyline.corpus import Corpus
from storyline.errors import InputError, PipelineError, StorylineError
from storyline.model import Document, Entity, Quote, Record, Span, Speaker

__all__ = [
    "Corpus",
    "Document",
    "Entity",
    "InputError",
    "PipelineError",
    "Quote",
    "Record",
    "Span",
    "Speaker",
    "StorylineError",
    "analyze",
    "analyze_many",
    "load_pipeline",
]

__version__ = "0.1.0"
