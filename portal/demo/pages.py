"""Pages of the demo: StreamField bodies from the data files, creating and publishing.

A body in the data files is a list of blocks, each one key:

    - paragraph: [line, line]       one paragraph block, one <p> per line
    - heading: text                 an h2 heading block
    - signature: [name, date]       the closing lines of a document, as one paragraph
    - {text_file: name.txt, before: 二、}
                                    a text file of demo_data/ (up to `before` when given):
                                    numbered section titles become h2/h3 headings
"""

import re
from datetime import datetime, time

from django.apps import apps
from django.utils import timezone
from django.utils.html import escape

from . import read_text

HEADING_H2 = re.compile(r"^[一二三四五六七八九十]+、")
HEADING_H3 = re.compile(r"^（[一二三四五六七八九十]+）")


def html_paragraphs(lines):
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def text_to_body(text):
    """Plain text to StreamField data: numbered section titles become headings."""
    body = []
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if HEADING_H2.match(line) and len(line) < 40:
            body.append(("heading", {"text": line, "level": "h2"}))
        elif HEADING_H3.match(line) and len(line) < 40:
            body.append(("heading", {"text": line, "level": "h3"}))
        else:
            body.append(("paragraph", f"<p>{escape(line)}</p>"))
    return body


def stream_body(blocks):
    """StreamField data of a body written as in the data files (see the module docstring)."""
    body = []
    for block in blocks:
        if "text_file" in block:
            text = read_text(block["text_file"])
            if "before" in block:
                text = text.split(block["before"])[0]
            body += text_to_body(text)
        elif "paragraph" in block:
            if block["paragraph"]:
                body.append(("paragraph", html_paragraphs(block["paragraph"])))
        elif "heading" in block:
            body.append(("heading", {"text": block["heading"], "level": "h2"}))
        elif "signature" in block:
            lines = "<br/>".join(escape(line) for line in block["signature"])
            body.append(("paragraph", f"<p>{lines}</p>"))
        else:
            raise ValueError(f"演示数据中有无法识别的正文块：{block}")
    return body


def new_page(spec):
    """An unsaved page from a data-file entry: `type` is the model ("portal.ContentPage"), the
    other keys are its fields, `body` written as blocks."""
    fields = dict(spec)
    model = apps.get_model(fields.pop("type"))
    if "body" in fields:
        fields["body"] = stream_body(fields["body"])
    return model(**fields)


def child(parent, slug):
    """The child page of `parent` with this slug (specific), or None."""
    found = parent.get_children().filter(slug=slug).first()
    return found.specific if found else None


def published_at(day):
    """The moment a page of the demo's past was published: 09:00 on its 发布日期."""
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def publish(page):
    """Publish the page's current content as a Wagtail revision, as an editor does.

    A page created with a historical first_published_at keeps it (Wagtail only fills it when
    empty). Wagtail stamps last_published_at with the current time and takes no other, so a
    page of the demo's past is then given its own publication time back: otherwise a document
    of 2021 would appear as updated today on the home page.
    """
    page.save_revision().publish()
    if page.first_published_at is not None:
        type(page).objects.filter(pk=page.pk).update(last_published_at=page.first_published_at)
