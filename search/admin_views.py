"""Admin: 搜索分析, the week's zero-result and low click-through queries (search/analytics.py),
each with a link that opens the synonym or pin form prefilled with the query; 无法检索的附件,
the attachments whose text neither extraction nor OCR could read (search/ocr.py), each with
a button that recognises it again."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from wagtail.documents import get_document_model

from core.permissions import permission_required
from search import analytics, conf, tasks
from search.models import ExtractedText


def _actions(request, query: str) -> dict:
    user = request.user
    links = {}
    if user.has_perm("search.add_synonym"):
        links["synonym_url"] = (
            reverse("wagtailsnippets_search_synonym:add") + "?" + urlencode({"terms": query})
        )
    if user.has_perm("search.add_searchpin"):
        links["pin_url"] = (
            reverse("wagtailsnippets_search_searchpin:add") + "?" + urlencode({"query": query})
        )
    return links


@permission_required("search.view_searchquerydaily")
def analytics_view(request):
    today = timezone.localdate()
    error = ""
    try:
        week = analytics.parse_week(request.GET.get("week"), today)
    except analytics.BadWeek as bad:
        error = str(bad)
        week = analytics.week_of(today)
    zero = analytics.zero_result_queries(week)
    low = analytics.low_click_queries(week)
    for row in zero + low:
        row.update(_actions(request, row["query"]))
    this_week = analytics.week_of(today)
    context = {
        "page_title": "搜索分析",
        "header_icon": "search",
        "week": week,
        "error": error,
        "previous_week": week.previous(),
        "next_week": week.next() if week.next().start <= this_week.start else None,
        "zero_results": zero,
        "low_clicks": low,
        "min_searches": conf.analytics_min_searches(),
        "rows": conf.analytics_rows(),
    }
    return render(request, "search/admin/analytics.html", context, status=400 if error else 200)


UNREADABLE_PAGE_SIZE = 50


def unreadable_attachments():
    """The attachments search cannot read: extraction or OCR failed or found no text, and no
    machine-recognised text stands in for it. Newest attempt first."""
    return (
        ExtractedText.objects.filter(Q(error__gt="") | Q(ocr_error__gt=""))
        .filter(ocr=False)
        .order_by("-ocr_at", "-pk")
    )


@permission_required("search.view_searchquerydaily")
def unreadable_view(request):
    if request.method == "POST":
        return _recognise_again(request)
    rows = Paginator(unreadable_attachments(), UNREADABLE_PAGE_SIZE).get_page(request.GET.get("p"))
    documents = get_document_model().objects.in_bulk([row.document_id for row in rows])
    context = {
        "page_title": "无法检索的附件",
        "header_icon": "doc-full",
        "rows": [(row, documents.get(row.document_id)) for row in rows],
        "page_obj": rows,
        "ocr_enabled": conf.ocr_enabled(),
    }
    return render(request, "search/admin/unreadable.html", context)


def _recognise_again(request):
    """重新识别: the attachment's OCR, queued again even for a file already tried."""
    pk = request.POST.get("document", "")
    document = get_document_model().objects.filter(pk=pk).first() if pk.isdigit() else None
    if document is None:
        messages.error(request, "找不到该附件，可能已被删除。")
    else:
        try:
            tasks.ocr_attachment.enqueue(document.pk, force=True)
        except Exception:  # the queue is unavailable: say so, the backlog command remains
            messages.error(request, f"“{document.title}”未能加入识别队列，请稍后重试。")
        else:
            messages.success(request, f"已重新识别“{document.title}”，结果稍后显示在本页。")
    return redirect("search_unreadable")
