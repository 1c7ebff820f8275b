"""Public views of the disclosure app that are not pages: catalogue exports, the directory of
units (集约化), the sitemaps per unit and banner-wide, and 开放数据 (the page and its files)."""

from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Page

from disclosure import open_data
from disclosure.catalogue import filtered_documents, public_documents
from disclosure.exports import catalogue_rows, csv_response, xlsx_response
from disclosure.identifiers import document_number_variants
from disclosure.models import CATALOGUE_PAGE_TYPES, Organisation
from disclosure.sitemaps import EverySiteSitemap, UnitSitemap
from disclosure.units import units
from portal.downloads import set_attachment
from portal.site_links import page_link


def column_or_404(page_id):
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    if not isinstance(page, CATALOGUE_PAGE_TYPES):
        raise Http404("不是政府信息公开栏目")
    return page


def catalogue_export(request, page_id, file_format):
    column = column_or_404(page_id)
    _form, documents = filtered_documents(request, column)
    rows = catalogue_rows(documents, request)
    filename = f"{column.title}目录-{timezone.localdate().isoformat()}.{file_format}"
    if file_format == "csv":
        return csv_response(rows, filename)
    return xlsx_response(rows, filename)


def _permanent_redirect_to_document(request, **lookup):
    """301 to the live public document (the newest when several share a 文号), else 404."""
    page = public_documents().filter(**lookup).order_by("-publish_date", "-pk").first()
    if page is None:
        raise Http404("没有这个编号的公开文件。")
    return HttpResponsePermanentRedirect(page.get_url(request=request))


def document_by_index_number(request, index_number):
    """/id/<索引号> (disclosure/identifiers.py)."""
    return _permanent_redirect_to_document(request, index_number=index_number.strip())


def document_by_document_number(request, document_number):
    """/wenhao/<文号>; look-alike year brackets are read as 〔〕."""
    variants = document_number_variants(document_number)
    return _permanent_redirect_to_document(request, document_number__in=variants)


def unit_directory(request):
    """各单位政府信息公开: every unit's section, grouped by kind, with its feed and sitemap."""
    groups = []
    for kind, label in Organisation.Kind.choices:
        members = [
            {"unit": unit, "url": page_link(unit.section_root, request)}
            for unit in units().filter(kind=kind)
        ]
        if members:
            groups.append((label, members))
    return render(request, "disclosure/unit_directory.html", {"groups": groups})


def unit_sitemap(request, unit_id):
    unit = get_object_or_404(units(), pk=unit_id)
    return sitemap(request, {"unit": UnitSitemap(request, unit)})


def banner_sitemap(request):
    return sitemap(request, {"pages": EverySiteSitemap(request)})


OPEN_DATA_MAX_AGE = 3600  # seconds; the files change once a day


def open_data_page(request):
    """开放数据: the files of the last export, their checksums, and the field dictionary."""
    manifest = open_data.current_manifest()
    files = []
    for entry in (manifest or {}).get("files", []):
        if entry.get("name") in open_data.DATA_FILES:
            files.append({**entry, "url": f"/open-data/{entry['name']}"})
    return render(
        request,
        "disclosure/open_data.html",
        {"manifest": manifest, "files": files, "fields": open_data.FIELDS},
    )


def open_data_file(request, filename):
    """/open-data/<name>: one file of the last export, from the private storage."""
    handle = open_data.open_file(filename)
    if handle is None:
        raise Http404("没有这个开放数据文件，或尚未生成。")
    response = FileResponse(handle, content_type=open_data.CONTENT_TYPES[filename])
    response["Cache-Control"] = f"public, max-age={OPEN_DATA_MAX_AGE}"
    response["X-Content-Type-Options"] = "nosniff"
    if filename == open_data.MANIFEST:
        return response
    return set_attachment(response, filename)
