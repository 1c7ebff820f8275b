"""Stable addresses of a policy document: /id/<索引号> and /wenhao/<文号> (the views are in
disclosure/views.py).

Both answer 301 to wherever the live, public document is in the page tree today, so a link
printed on paper or cited in another document keeps working after the page is moved or its
column renamed. An identifier no public document has gets the site's Chinese 404 page.
"""

from urllib.parse import quote

from core.rules.identifiers import WRONG_YEAR_BRACKETS


def identifier_path(kind, value):
    """/id/… or /wenhao/… for a value, percent-encoded (〔〕 included)."""
    return f"/{kind}/{quote(value, safe='')}"


def document_number_variants(typed):
    """The 文号 as typed and with look-alike year brackets ([2021], （2021）) made 〔2021〕."""
    text = typed.strip()
    standard = text
    for opening, closing in WRONG_YEAR_BRACKETS:
        standard = standard.replace(opening, "〔").replace(closing, "〕")
    return {text, standard}
