"""The renderers on records built by hand: no NLP, so these run in milliseconds."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from typing import ClassVar

from rich.console import Console

from storyline.model import Document, Entity, Quote, Record, Span, Speaker
from storyline.render import print_briefing, to_html, to_json, to_markdown

TEXT = (
    'VARENA, Feb. 3 — Finance Minister Dana Levi said: "We will not back down. '
    '<script>alert("x")</script> is not a plan."\n\n'
    '"A deal is a deal," Levi told the BBC, "and «this one» stays."\n\n'
    "Officials said the talks would resume next week. Read [bold]this[/bold] & more.\n\n"
    '"Nobody asked us."'
)


def span(fragment: str, occurrence: int = 0, text: str = TEXT) -> Span:
    """The ``occurrence``-th appearance of ``fragment`` in ``text``, as a grounded span."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return Span(start, start + len(fragment), fragment)


def quote(quote_id: str, kind: str, content: str, speaker: Speaker | None, cue: Span | None,
          addressee: str | None = None) -> Quote:
    s = span(content)
    return Quote(quote_id, kind, s.start, s.end, s.text, speaker, cue, addressee)  # type: ignore[arg-type]


def make_record(title: str | None = "Levi <b>refuses</b> [red]to budge[/red]") -> Record:
    levi = Entity(
        "e1", "Dana Levi", "PERSON", roles=["finance minister"], aliases=["Levi"],
        mentions=[span("Dana Levi"), span("Levi", 1)],
    )
    bbc = Entity("e2", "BBC", "ORG", mentions=[span("BBC")])
    quotes = [
        quote("q1", "direct", 'We will not back down. <script>alert("x")</script> is not a plan.',
              Speaker("Dana Levi", "e1", span("Dana Levi")), span(":")),
        quote("q2", "direct", 'A deal is a deal," Levi told the BBC, "and «this one» stays.',
              Speaker("Dana Levi", "e1", span("Levi", 1)), span("told"), "the BBC"),
        quote("q3", "indirect", "the talks would resume next week",
              Speaker("officials", None, span("Officials")), span("said", 1)),
        quote("q4", "direct", "Read [bold]this[/bold] & more.", None, None),
        quote("q5", "direct", "Nobody asked us.", None, None),
    ]
    document = Document(
        id="0123456789abcdef", text=TEXT, source="levi.txt", title=title, published="2025-02-03",
        published_source="argument",
    )
    return Record(document, [levi, bbc], quotes)


def empty_record(text: str = "Nothing to see here.") -> Record:
    return Record(Document(id="e", text=text))


class _WellFormed(HTMLParser):
    """Collects tags, ids and problems: unclosed or mismatched elements, scripts, handlers."""

    VOID: ClassVar[set[str]] = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.ids: list[str] = []
        self.text_of: dict[str, list[str]] = {}
        self._capture: list[str] | None = None
        self._capture_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.problems.append("script element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}")
            if name in ("src", "href") and value and not value.startswith("#"):
                self.problems.append(f"external resource {value}")
            if name == "id" and value:
                self.ids.append(value)
            if name == "class" and value == "article-text":
                self._capture = self.text_of.setdefault(f"article-{len(self.text_of)}", [])
                self._capture_depth = len(self.stack) + 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"mismatched </{tag}> (open: {self.stack[-3:]})")
            return
        self.stack.pop()
        if self._capture is not None and len(self.stack) < self._capture_depth:
            self._capture = None

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._capture.append(data)


def parse(page: str) -> _WellFormed:
    parser = _WellFormed()
    parser.convert_charrefs = True
    parser.feed(page)
    parser.close()
    assert not parser.stack, f"unclosed elements: {parser.stack}"
    return parser


# --- JSON


def test_render_json_round_trips_and_keeps_non_ascii() -> None:
    record = make_record()
    out = to_json(record)
    assert json.loads(out) == record.to_dict()
    assert "«this one»" in out and "—" in out  # ensure_ascii=False
    assert out.startswith("{\n  ")  # pretty


# --- HTML


def test_render_html_escapes_article_text_and_has_no_script() -> None:
    page = to_html([make_record()])
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    assert "<b>refuses</b>" not in page and "&lt;b&gt;refuses&lt;/b&gt;" in page
    parser = parse(page)
    assert parser.problems == []


def test_render_html_loads_nothing_from_elsewhere() -> None:
    page = to_html([make_record()])
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page


def test_render_html_shows_the_whole_article_text_unchanged() -> None:
    record = make_record()
    parser = parse(to_html([record]))
    (shown,) = parser.text_of.values()
    assert "".join(shown) == record.document.text


def test_render_html_highlights_quotes_in_place_with_a_colour_per_speaker() -> None:
    page = to_html([make_record()])
    first = re.search(r'<span class="q direct (spk-\d)"[^>]*>We will not back down\.', page)
    assert first, "the first quote is highlighted where it stands"
    levi = first.group(1)
    officials = re.search(r'<span class="q indirect (spk-\d)"[^>]*>the talks would resume', page)
    assert officials and officials.group(1) != levi
    assert re.search(rf'<span class="q direct {levi}[^"]*"[^>]*>[^<]*and «this one» stays', page), \
        "both parts of a split quote take the speaker's colour"
    assert 'class="q direct spk-none"' in page  # unattributed
    assert re.search(r'<span class="[^"]*\bcue\b[^"]*"[^>]*>told</span>', page)
    assert 'id="r0-q1"' in page and 'href="#r0-q1"' in page


def test_render_html_briefing_sections() -> None:
    page = to_html([make_record()])
    for heading in ("Who is who", "Who said what", "The article"):
        assert f"<h3>{heading}</h3>" in page
    assert "finance minister" in page
    assert "Dana Levi" in page and "officials" in page and "Unattributed" in page
    assert "to: the BBC" in page


def test_render_html_several_records_in_one_page_keep_ids_unique() -> None:
    page = to_html([make_record(), make_record(title=None), empty_record()])
    parser = parse(page)
    assert parser.problems == []
    assert len(parser.ids) == len(set(parser.ids))
    assert len(parser.text_of) == 3
    assert 'href="#r2"' in page and "<title>storyline briefing: 3 articles</title>" in page


def test_render_html_tolerates_empty_and_broken_records() -> None:
    assert "No articles." in to_html([])
    page = to_html([empty_record()])
    assert "No quotations found." in page and "No people or organisations found." in page
    broken = Record(
        Document(id="b", text="short"),
        quotes=[
            Quote("q1", "direct", 2, 400, "out of range", Speaker("Ghost", "e404", None), None),
            Quote("q2", "mixed", 4, 1, "reversed", None, Span(-5, 2, "sh")),
        ],
    )
    parser = parse(to_html([broken]))
    assert "".join(next(iter(parser.text_of.values()))) == "short"
    assert parser.problems == []


# --- Markdown


def test_render_markdown_lists_who_is_who_and_who_said_what() -> None:
    md = to_markdown(make_record())
    assert md.splitlines()[0].startswith("# Levi")
    assert "- **Published:** 2025-02-03 (from argument)" in md
    assert "## Who is who" in md and "| Dana Levi | PERSON | finance minister | Levi | 2 |" in md
    assert "## Who said what" in md
    assert "### Dana Levi (2 quotes)" in md and "### officials (1 quote)" in md
    assert "### Unattributed (2 quotes)" in md
    assert "> We will not back down." in md
    assert "*indirect* · cue: said · named as: Officials" in md
    assert "to: the BBC" in md
    # speakers in order of their first quote, the unattributed last
    assert md.index("### Dana Levi") < md.index("### officials") < md.index("### Unattributed")


def test_render_markdown_escapes_article_text() -> None:
    md = to_markdown(make_record())
    assert "<script>" not in md and "\\<script\\>" in md
    assert "\\<b\\>refuses\\</b\\>" in md
    assert "\\[bold\\]this\\[/bold\\] \\& more." in md


def test_render_markdown_keeps_the_paragraphs_of_a_quote() -> None:
    text = '"First paragraph.\n\n"Second paragraph," she said.'
    content = span('First paragraph.\n\n"Second paragraph,', text=text)
    record = Record(
        Document(id="p", text=text),
        quotes=[Quote("q1", "direct", content.start, content.end, content.text, None, None)],
    )
    md = to_markdown(record)
    assert "> First paragraph.\n>\n> \"Second paragraph," in md


def test_render_markdown_empty_record() -> None:
    md = to_markdown(empty_record())
    assert "# Untitled article" in md
    assert "*No people or organisations found.*" in md and "*No quotations found.*" in md
    assert "- **Published:** unknown" in md


# --- terminal


def _terminal(record: Record) -> str:
    console = Console(record=True, width=100, color_system=None)
    print_briefing(record, console)
    return console.export_text()


def test_render_terminal_prints_the_key_items() -> None:
    out = _terminal(make_record())
    for item in ("Who is who", "Who said what", "Dana Levi", "finance minister", "officials",
                 "Unattributed", "We will not back down.", "2025-02-03", "to: the BBC"):
        assert item in out, item


def test_render_terminal_escapes_rich_markup_in_article_text() -> None:
    out = _terminal(make_record())
    assert "Read [bold]this[/bold] & more." in out
    assert "[red]to budge[/red]" in out  # the title, in the panel header


def test_render_terminal_empty_record() -> None:
    out = _terminal(empty_record())
    assert "Untitled article" in out
    assert "No quotations found." in out and "No people or organisations found." in out


# --- sections later stages add (issues 4 and 5)


def with_later_keys(record: Record) -> Record:
    record.extra = {
        "events": [
            {"type": "statement", "date": {"value": "2025-02-03", "text": "on Monday"},
             "participants": [{"entity": "e1", "role": "agent"}], "status": "happened",
             "evidence": {"start": 0, "end": 6, "text": "VARENA"}},
            {"type": "meet", "date": None, "status": "planned", "evidence": "<i>talks</i>"},
            "not an event",
        ],
        "figures": [{"text": "12,000", "value": 12000.0, "unit": None, "counted": "people killed",
                     "source": {"name": "the health ministry", "entity": None},
                     "attribution_cue": "according to"}],
        "stances": [{"actor": {"name": "officials", "entity": None}, "target": "the deal",
                     "polarity": "oppose", "evidence": {"text": "[bold]no[/bold]"}}],
        "pressures": [{"source": {"entity": "e1"}, "target": {"name": "Varga"}, "demand": "wait",
                       "cue": "urged", "evidence": {"text": "urged Varga to wait"}}],
        "time_expressions": "unexpected shape",
    }
    return record


def test_render_later_sections_in_every_format() -> None:
    record = with_later_keys(make_record())
    md = to_markdown(record)
    page = to_html([record])
    out = _terminal(record)
    for title in ("Timeline", "Figures and their sources", "Who stands where", "Who presses whom"):
        assert f"## {title}" in md
        assert f"<h3>{title}</h3>" in page
        assert title in out
    assert "| 2025-02-03 | statement | Dana Levi (agent) | happened | VARENA |" in md
    assert "| 12,000 | 12000 | people killed | the health ministry | according to |" in md
    assert "&lt;i&gt;talks&lt;/i&gt;" in page
    assert "[bold]no[/bold]" in out
    assert parse(page).problems == []


def test_render_later_sections_absent_or_malformed_keys_are_skipped() -> None:
    record = make_record()
    record.extra = {"figures": "nonsense", "events": [1, 2], "stances": None, "pressures": [{}]}
    md = to_markdown(record)
    assert "## Figures" not in md and "## Timeline" not in md and "## Who stands where" not in md
    assert "## Who presses whom" in md  # one (empty) pressure still shows its row
    assert html.unescape(to_html([record]))
    assert _terminal(record)
