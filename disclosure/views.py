"""Public views of the disclosure app that are not pages: catalogue exports."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.models import Page

from disclosure.catalogue import filtered_documents
from disclosure.exports import catalogue_rows, csv_response, xlsx_response
from disclosure.models import CATALOGUE_PAGE_TYPES


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
