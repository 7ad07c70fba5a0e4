"""Renderers: a :class:`~storyline.model.Record` as JSON, a Markdown briefing, one
standalone HTML page, or a briefing in the terminal; and the record's JSON Schema.

>>> from storyline.render import to_markdown
>>> print(to_markdown(storyline.analyze(text)))  # doctest: +SKIP
"""

from storyline.render.markdown import to_markdown
from storyline.render.page import to_html
from storyline.render.schema import schema, to_json, validate
from storyline.render.terminal import print_briefing

__all__ = ["print_briefing", "schema", "to_html", "to_json", "to_markdown", "validate"]
