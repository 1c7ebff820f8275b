"""What the 互动交流 pages show besides their own fields: the list of published answers (browsed
by type, or searched with the public search service), the FAQ by topic, and an answer's
满意度.

The page models load this module while the models package is being loaded, so it imports
the model modules (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count

from core.clients import client_hash
from search import service
from search.text import clean_query

from . import conf, statistics, workflow
from .models.messages import Rating
from .suggestions import QUESTION_TYPE


def question_list(request, questions) -> dict:
    """Context of the column page: published answers (`questions`, a QuestionPage queryset),
    searched when the visitor typed words, else browsed newest first, by type if chosen."""
    query = clean_query(request.GET.get("q", ""))
    kind = request.GET.get("kind", "")
    if kind not in {k.value for k in workflow.Kind}:
        kind = ""
    context = {
        "query": query,
        "kind": kind,
        "kinds": [(k.value, k.label) for k in workflow.Kind],
        "summary": statistics.public_summary(),
        "results": None,
        "questions": None,
    }
    if query:
        results = service.search(
            query, {"content_type": QUESTION_TYPE}, page=request.GET.get("page", 1)
        )
        context["results"] = results
        context["previous_page"] = results.query.page - 1 if results.query.page > 1 else None
        context["next_page"] = (
            results.query.page + 1 if results.query.page < results.page_count else None
        )
        return context
    if kind:
        questions = questions.filter(kind=kind)
    page = Paginator(questions.order_by("-answered_on", "-pk"), conf.page_size()).get_page(
        request.GET.get("page")
    )
    context["questions"] = page
    return context


def faq_groups(faqs) -> list[tuple[str, list]]:
    """[(topic name, [FAQ page])] in topic order, entries without a topic last (其他)."""
    groups: dict[str, list] = {}
    order: dict[str, tuple] = {}
    for faq in faqs.order_by("title"):
        name = faq.topic.name if faq.topic_id else "其他"
        groups.setdefault(name, []).append(faq)
        order[name] = (faq.topic.sort_order, name) if faq.topic_id else (10_000, name)
    return [(name, groups[name]) for name in sorted(groups, key=lambda n: order[n])]


def rating_summary(message) -> dict:
    """Counts of each 满意度 value for one answer, and the share 满意 or 基本满意."""
    counts = dict(
        Rating.objects.filter(message=message).values_list("score").annotate(n=Count("pk"))
    )
    total = sum(counts.values())
    satisfied = counts.get(Rating.Score.SATISFIED, 0) + counts.get(Rating.Score.FAIRLY_SATISFIED, 0)
    return {
        "counts": [(label, counts.get(value, 0)) for value, label in Rating.Score.choices],
        "total": total,
        "satisfied_share": satisfied / total if total else None,
    }


def rating_context(request, message) -> dict:
    """The 满意度 part of a published answer's page."""
    if message is None:
        return {"rating": None}
    return {
        "rating": {
            **rating_summary(message),
            "number": message.number,
            "choices": Rating.Score.choices,
            "already": Rating.objects.filter(
                message=message, client_hash=client_hash(request)
            ).exists(),
        }
    }
