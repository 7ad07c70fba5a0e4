"""storyline's pipeline stages, each a spaCy component appended to the trained English pipeline.

Importing this package registers the component factories and the ``Doc._`` extensions they fill.
"""

from spacy.tokens import Doc

from storyline.pipeline import entities, events, figures, paragraphs, quotes, stances, timex

for _name in ("entities", "token_entity", "quotes", "time_expressions", "published"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

__all__ = ["entities", "events", "figures", "paragraphs", "quotes", "stances", "timex"]
