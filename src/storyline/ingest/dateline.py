"""The publication date a wire story states in its dateline.

    VARENA, Feb. 3, 2025 (Northgate Wire) — Hard-line coalition partners ...
    LONDON, 3 February 2025 (Reuters) - ...

Only a full date counts (a dateline without a year, "WASHINGTON, Feb. 3 (AP) --", is left alone:
guessing the year would be inventing it).
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Z][a-z]{2,8})\.?"
_PLACE = r"[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?"
DATELINE_DATE = re.compile(
    rf"^{_PLACE},\s*(?:{_MONTH}\s+(?P<day>\d{{1,2}}),\s*(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>[A-Z][a-z]{{2,8}})\.?\s+(?P<year2>\d{{4}}))"
    r"\s*(?:\([^)\n]{1,40}\))?\s*(?:—|–|--|-|:)"
)


def dateline_date(text: str, paragraphs: int = 3) -> str | None:
    """The YYYY-MM-DD date in a dateline opening one of the first ``paragraphs`` paragraphs.

    >>> dateline_date("Headline\\n\\nVARENA, Feb. 3, 2025 (Northgate Wire) — Text.")
    '2025-02-03'
    """
    for paragraph in [p.strip() for p in text.split("\n") if p.strip()][:paragraphs]:
        match = DATELINE_DATE.match(paragraph)
        if not match:
            continue
        month_name = (match["month"] or match["month2"]).lower()
        day, year = match["day"] or match["day2"], match["year"] or match["year2"]
        month = MONTHS.get(month_name)
        if month is None:
            continue
        try:
            return dt.date(int(year), month, int(day)).isoformat()
        except ValueError:
            return None
    return None
