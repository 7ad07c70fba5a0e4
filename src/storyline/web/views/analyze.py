"""``/analyze``: paste text or upload a file, see its record without storing it, or store it on request
(refused by a read-only server)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from storyline.errors import InputError, TooLargeError
from storyline.ingest import parse_date
from storyline.model import Record
from storyline.web import data, models, present
from storyline.web.security import FORM_SLACK, ensure_writable, human_size
from storyline.web.views import errors, html, route_names, settings, store

router = APIRouter()


@dataclass
class _Form:
    """What the analyze form sent, to show it again beside an error."""

    text: str = ""
    title: str = ""
    published: str = ""


@router.get("/analyze.json", response_model=models.AnalyzeForm, responses=errors(), tags=["analyze"], summary="Analyze: limits")
def analyze_form_json(request: Request) -> models.AnalyzeForm:
    """What the analyze endpoint accepts on this server."""
    config = settings(request)
    return models.AnalyzeForm(read_only=config.read_only, max_upload_bytes=config.max_upload_bytes)


@router.post(
    "/analyze.json",
    response_model=models.Analyzed,
    responses=errors(403, 413),
    tags=["analyze"],
    summary="Analyze an article",
)
def analyze_json(request: Request, body: models.AnalyzeRequest) -> models.Analyzed:
    """Read one article (plain text or an HTML page) and return its record; with ``"store": true`` also store
    it (403 on a read-only server). Text that is empty, binary, over the limit or not English is a 400 (413)."""
    config = settings(request)
    if body.store:
        ensure_writable(config.read_only)
    record = data.read_article(
        body.text.encode("utf-8", "replace"),  # JSON can carry lone surrogates; they are no text
        data.PASTED_SOURCE,
        title=body.title,
        published=body.published,
        max_bytes=config.max_upload_bytes,
    )
    if body.store:
        with store(request) as opened:
            opened.add(record)
    return models.Analyzed(stored=body.store, article=data.summary(record), record=record.to_dict())


@router.get("/analyze", include_in_schema=False)
def analyze_page(request: Request) -> HTMLResponse:
    return _form_page(request, _Form())


def _form_page(request: Request, form: _Form, error: str | None = None, status: int = 200) -> HTMLResponse:
    limit = human_size(settings(request).max_upload_bytes)
    return html(request, "analyze.html", status=status, form=form, error=error, max_upload=limit)


@router.post("/analyze", include_in_schema=False)
async def analyze_submit(request: Request) -> Response:
    config = settings(request)
    fields = await request.form(max_files=1, max_fields=8, max_part_size=config.max_upload_bytes + FORM_SLACK)
    form = _Form(**{name: _text(fields.get(name)) for name in ("text", "title", "published")})
    upload = fields.get("file")
    wants_store = _text(fields.get("action")) == "store"
    if wants_store and config.read_only:
        return _form_page(request, form, "this server is read-only: it can analyze, but not store.", 403)
    if isinstance(upload, UploadFile) and upload.filename:
        content = await upload.read(config.max_upload_bytes + 1)
        source = PurePath(upload.filename).name or "upload"
    elif form.text.strip():
        content, source = form.text.encode("utf-8", "replace"), data.PASTED_SOURCE
    else:
        return _form_page(request, form, "paste the article's text, or choose a file to upload.", 400)
    try:
        published = parse_date(form.published) if form.published else None
    except ValueError:
        return _form_page(request, form, f"{form.published!r} is not a date in the form YYYY-MM-DD.", 400)
    try:
        record = await run_in_threadpool(
            data.read_article, content, source, title=form.title, published=published, max_bytes=config.max_upload_bytes
        )
    except InputError as error:
        return _form_page(request, form, str(error), 413 if isinstance(error, TooLargeError) else 400)
    if wants_store:
        await run_in_threadpool(_store, request, record)
        return RedirectResponse(data.article_path(record.document.id), status_code=303)
    view = present.article_view(record, route_names(request))
    preview = _Form(record.document.text, record.document.title or "", record.document.published or "")
    return html(request, "article.html", view=view, preview=preview)


def _store(request: Request, record: Record) -> None:
    ensure_writable(settings(request).read_only)
    with store(request) as opened:
        opened.add(record)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""

