"""Public views: write a message (with suggested answers first), the one-time receipt, the
status look-up, and the 满意度 rating of an answer."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages as flash
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.clients import client_hash
from core.redirects import redirect_to_next

from . import conf, services, suggestions, workflow
from .forms import LookupForm, MessageForm, RatingForm
from .listing import rating_summary
from .models import InteractionIndexPage, LookupAttempt, Message, Rating

RECEIPT_SESSION_KEY = "interaction_receipt"
LOOKED_UP_SESSION_KEY = "interaction_looked_up"


def _context(**extra):
    """What every public view of the channel shows: the column (breadcrumbs, meta tags)."""
    column = InteractionIndexPage.objects.live().public().first()
    return {"column": column, "column_name": "互动交流", "column_type": "互动交流", **extra}


def _recent_submissions(source):
    since = timezone.now() - timedelta(hours=1)
    return Message.objects.filter(client_hash=source, submitted_at__gte=since).count()


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request):
    """写留言. "查找相关答复" shows matching FAQ answers, published answers and policy
    documents for what was typed, keeping everything; "提交留言" sends it."""
    if not services.channel_open():
        return render(request, "interaction/closed.html", _context(), status=503)
    if request.method != "POST":
        return _render_form(request, MessageForm())
    if "refresh_captcha" in request.POST or "find_answers" in request.POST:
        # Nothing is validated or sent: the same form again, with a new captcha.
        form = MessageForm(initial=request.POST.dict())
        found = None
        if "find_answers" in request.POST:
            found = suggestions.suggest(
                request.POST.get("title", "")[:100],
                request.POST.get("content", "")[:2000],
                limit=conf.suggestions(),
            )
        return _render_form(request, form, found)
    form = MessageForm(request.POST)
    source = client_hash(request)
    limit = conf.submissions_per_hour()
    if _recent_submissions(source) >= limit:
        form.is_valid()
        form.add_error(
            None, f"提交过于频繁（每小时最多 {limit} 条），请稍后再试，已填写的内容保留在下方。"
        )
        return _render_form(request, form, status=429)
    if not form.is_valid():
        return _render_form(request, form, status=400)
    message, code = services.submit(form.message_fields(), client_hash=source)
    request.session[RECEIPT_SESSION_KEY] = {"pk": message.pk, "code": code}
    return redirect("interaction:receipt")


def _render_form(request, form, found=None, status=200):
    context = _context(form=form, suggestions=found, reply_days=_reply_days())
    return render(request, "interaction/ask.html", context, status=status)


def _reply_days():
    return [(kind.label, conf.reply_working_days(kind.value)) for kind in workflow.Kind]


@never_cache
def receipt(request):
    """The receipt, shown once: the 查询码 is kept nowhere in a readable form."""
    data = request.session.pop(RECEIPT_SESSION_KEY, None)
    if data is None:
        return render(request, "interaction/receipt_gone.html", _context(), status=410)
    message = get_object_or_404(Message, pk=data["pk"])
    return render(request, "interaction/receipt.html", _context(message=message, code=data["code"]))


def _failed_lookups(source):
    since = timezone.now() - timedelta(hours=1)
    return LookupAttempt.objects.filter(client_hash=source, at__gte=since, succeeded=False).count()


@never_cache
@require_http_methods(["GET", "POST"])
def status(request):
    """Look a message up by 留言编号 + 查询码."""
    form = LookupForm(request.POST or None)
    if request.method != "POST":
        return render(request, "interaction/status.html", _context(form=form))
    source = client_hash(request)
    limit = conf.lookups_per_hour()
    if _failed_lookups(source) >= limit:
        form.add_error(None, f"查询失败次数过多（每小时最多 {limit} 次），请一小时后再试。")
        return render(request, "interaction/status.html", _context(form=form), status=429)
    message = None
    if form.is_valid():
        number = form.cleaned_data["number"].strip().upper()
        message = Message.objects.filter(number=number).first()
        # An unknown number costs the same password check as a known one, so the answer's
        # timing does not tell which numbers exist.
        checked = message.check_lookup_code(form.cleaned_data["code"]) if message else False
        if message is None:
            services.dummy_code_check(form.cleaned_data["code"])
        if not checked:
            message = None
            form.add_error(None, "留言编号或查询码不正确，请核对后重新输入。")
    services.record_lookup(source, succeeded=message is not None)
    if message is None:
        return render(request, "interaction/status.html", _context(form=form), status=400)
    seen = set(request.session.get(LOOKED_UP_SESSION_KEY, []))
    seen.add(message.pk)
    request.session[LOOKED_UP_SESSION_KEY] = sorted(seen)
    return redirect("interaction:status_detail", number=message.number)


def _looked_up(request, message):
    return message.pk in request.session.get(LOOKED_UP_SESSION_KEY, [])


@never_cache
def status_detail(request, number):
    """The state of one message, for a session that looked it up."""
    message = Message.objects.filter(number=number).first()
    if message is None or not _looked_up(request, message):
        return redirect("interaction:status")
    today = timezone.localdate()
    context = _context(
        message=message,
        events=[event for event in message.events.select_related("department") if event.is_public],
        overdue=bool(message.is_open and message.due_on and message.due_on < today),
        page=None,
        public_page=message.public_page_or_none,
        rating=None,
    )
    if message.status == workflow.Status.ANSWERED:
        context["rating"] = {
            **rating_summary(message),
            "number": message.number,
            "choices": Rating.Score.choices,
            "already": Rating.objects.filter(
                message=message, client_hash=client_hash(request)
            ).exists(),
        }
    return render(request, "interaction/status_detail.html", context)


def _recent_ratings(source):
    since = timezone.now() - timedelta(hours=1)
    return Rating.objects.filter(client_hash=source, at__gte=since).count()


@require_POST
def rate(request, number):
    """满意度 of an answer: by anyone on a published answer, by the writer after a look-up."""
    message = get_object_or_404(Message, number=number, status=workflow.Status.ANSWERED)
    page = message.public_page_or_none
    published = bool(page and page.live)
    writer = _looked_up(request, message)
    if not (published or writer):
        return redirect("interaction:status")
    if writer:
        fallback = reverse("interaction:status_detail", args=[message.number])
    else:
        fallback = page.url
    form = RatingForm(request.POST)
    source = client_hash(request)
    if _recent_ratings(source) >= conf.ratings_per_hour():
        flash.error(request, "评价过于频繁，请稍后再试。")
    elif not form.is_valid():
        flash.error(request, form.errors["score"][0])
    else:
        try:
            services.rate(message, form.cleaned_data["score"], client_hash=source, by_writer=writer)
            flash.success(request, "感谢您的评价。")
        except services.AlreadyRated as error:
            flash.info(request, str(error))
    return redirect_to_next(request, request.POST.get("next"), fallback=fallback)
