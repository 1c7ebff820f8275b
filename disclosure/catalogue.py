"""The public catalogue (政府信息公开目录): documents below a column, filtered, sorted, paged.

Shared by the column pages, the feeds and the CSV/XLSX export so they always agree. Filters
come from a plain GET form, so browsing works without JavaScript and every result page has
its own URL. A filter value that makes no sense is reported on the form and ignored.

A column lists the documents below it; the 全旗政府信息公开目录 (BannerCataloguePage,
`lists_every_unit`) lists every unit's. Where the listed documents come from more than one
unit (集约化), the form offers a 所属单位 filter with the count of each unit.
"""

from collections import Counter
from datetime import date

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q
from wagtail.models import Page

from core.dates import DateNotUnderstood, parse_typed_date
from disclosure import conf

# The model modules rather than the disclosure.models package: the column pages import this
# module while that package is being loaded.
from disclosure.models.interpretations import PolicyInterpretationPage
from disclosure.models.organisations import Organisation
from disclosure.models.policy_documents import DisclosureAttribute, PolicyDocumentPage, Validity
from disclosure.models.taxonomy import Topic
from disclosure.units import SectionMap
from portal.languages import originals

SORT_CHOICES = [
    ("-publish_date", "发布日期（新→旧）"),
    ("publish_date", "发布日期（旧→新）"),
    ("-written_date", "成文日期（新→旧）"),
    ("index_number", "索引号"),
]


def restricted_q():
    """The pages below a view restriction (read once, shared by the querysets of a request)."""
    return Page.objects.all().private_q()


def public_documents(restricted=None):
    """Every document the public may see: live, not restricted, 主动公开. Originals only: a
    translation is the same document (docs/MONGOLIAN.md), never listed or counted twice."""
    return (
        originals(PolicyDocumentPage.objects.live())
        .exclude(restricted_q() if restricted is None else restricted)
        .filter(disclosure_attribute=DisclosureAttribute.PROACTIVE)
    )


def in_force_q(day: date) -> Q:
    """The documents in force on `day`, as a query: the same rule as
    core.rules.validity.in_force_on."""
    started = Q(effective_date__lte=day) | Q(effective_date__isnull=True, written_date__lte=day)
    not_ended = Q(repeal_date__gt=day) | Q(
        repeal_date__isnull=True, validity__in=[Validity.VALID, Validity.PENDING]
    )
    return started & not_ended


def documents_below(column, restricted=None):
    """The documents a column lists: those below it (every unit's for the 全旗目录)."""
    documents = public_documents(restricted)
    if not getattr(column, "lists_every_unit", False):
        documents = documents.descendant_of(column)
    return documents.select_related("publisher", "topic", "topic__parent")


def interpretations_below(column, restricted=None):
    interpretations = PolicyInterpretationPage.objects.live().exclude(
        restricted_q() if restricted is None else restricted
    )
    if not getattr(column, "lists_every_unit", False):
        interpretations = interpretations.descendant_of(column)
    return interpretations.select_related("policy_document").order_by("-publish_date", "-pk")


# What a column's catalogue table shows of each document, as INTERPRETATION_LIST_FIELDS below.
DOCUMENT_LIST_FIELDS = [
    "title",
    "url_path",
    "translation_key",
    "index_number",
    "document_number",
    "publisher__name",
    "written_date",
    "publish_date",
    "validity",
]

# What a column's list of 解读 shows of each and of its document (title, link, 解读形式, date).
# Reading these columns instead of both pages' every column halves the time the query takes
# to build, which is most of its cost: the list is usually short or empty (issue 15).
INTERPRETATION_LIST_FIELDS = [
    "title",
    "url_path",
    "interpretation_form",
    "publish_date",
    "policy_document__title",
    "policy_document__url_path",
]


def _count_units(paths, sections):
    counts = Counter()
    units = {}
    for path in paths:
        unit = sections.unit_for_path(path)
        if unit is not None:
            counts[unit.pk] += 1
            units[unit.pk] = unit
    return [(units[pk], n) for pk, n in counts.items()]


class CatalogueFilterForm(forms.Form):
    topic = forms.ChoiceField(label="主题分类", required=False)
    unit = forms.ChoiceField(label="所属单位", required=False)
    publisher = forms.ChoiceField(label="发布机构", required=False)
    year = forms.ChoiceField(label="发布年份", required=False)
    genre = forms.ChoiceField(label="体裁/文种", required=False)
    validity = forms.ChoiceField(
        label="有效性", required=False, choices=[("", "全部")] + Validity.choices
    )
    in_force_on = forms.CharField(
        label="有效期内（日期）",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "如 2024-06-01", "inputmode": "numeric"}),
    )
    sort = forms.ChoiceField(label="排序", required=False, choices=SORT_CHOICES)

    def __init__(self, data, documents):
        super().__init__(data)
        # Offer only values that occur below this column, with their counts: one query for
        # the facets of every document (a few short columns each), counted here.
        facets = list(
            documents.order_by().values_list("topic", "publisher", "publish_date", "genre", "path")
        )
        self.document_count = len(facets)
        topic_counts = Counter(topic for topic, *_ in facets)
        used = Topic.objects.filter(pk__in=topic_counts).select_related("parent")
        groups = {}
        for topic in used:
            groups.setdefault(topic.top_level, []).append(topic)
        topic_choices = [("", "全部")]
        for top in sorted(groups, key=lambda t: t.sort_order):
            total = sum(topic_counts[t.pk] for t in groups[top])
            topic_choices.append((top.code, f"{top.name}（{total}）"))
            for topic in sorted(groups[top], key=lambda t: t.sort_order):
                if topic != top:
                    topic_choices.append(
                        (topic.code, f"\u3000{topic.name}（{topic_counts[topic.pk]}）")
                    )
        self.fields["topic"].choices = topic_choices

        self.sections = SectionMap()
        per_unit = sorted(
            _count_units((row[4] for row in facets), self.sections),
            key=lambda item: (item[0].sort_order, item[0].name),
        )
        if len(per_unit) > 1:
            self.fields["unit"].choices = [("", "全部")] + [
                (str(unit.pk), f"{unit.name}（{n}）") for unit, n in per_unit
            ]
        else:
            del self.fields["unit"]

        publisher_counts = Counter(row[1] for row in facets)
        names = dict(Organisation.objects.filter(pk__in=publisher_counts).values_list("pk", "name"))
        self.fields["publisher"].choices = [("", "全部")] + [
            (str(pk), f"{names[pk]}（{n}）") for pk, n in sorted(publisher_counts.items())
        ]
        years = sorted({row[2].year for row in facets if row[2]}, reverse=True)
        self.fields["year"].choices = [("", "全部")] + [(str(y), f"{y}年") for y in years]
        genres = sorted({row[3] for row in facets})
        self.fields["genre"].choices = [("", "全部")] + [(g, g) for g in genres]

    def clean_in_force_on(self):
        typed = self.cleaned_data["in_force_on"].strip()
        if not typed:
            return None
        try:
            return parse_typed_date(typed)
        except DateNotUnderstood as error:
            raise forms.ValidationError(str(error)) from None

    def filter(self, documents):
        """Apply the valid filters; invalid ones are left out (and shown as form errors)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if code := data.get("topic"):
            documents = documents.filter(Q(topic__code=code) | Q(topic__parent__code=code))
        if unit := data.get("unit"):
            root_path = next(
                path for path, u in self.sections.by_root_path.items() if str(u.pk) == unit
            )
            documents = documents.filter(path__startswith=root_path)
        if publisher := data.get("publisher"):
            documents = documents.filter(publisher_id=publisher)
        if year := data.get("year"):
            documents = documents.filter(publish_date__year=int(year))
        if genre := data.get("genre"):
            documents = documents.filter(genre=genre)
        if validity := data.get("validity"):
            documents = documents.filter(validity=validity)
        if day := data.get("in_force_on"):
            documents = documents.filter(in_force_q(day))
        order = data.get("sort") or SORT_CHOICES[0][0]
        return documents.order_by(order, "-pk")

    @property
    def is_filtered(self):
        data = getattr(self, "cleaned_data", {})
        return any(
            data.get(name)
            for name in ("topic", "unit", "publisher", "year", "genre", "validity", "in_force_on")
        )


def filtered_documents(request, column, restricted=None):
    documents = documents_below(column, restricted)
    form = CatalogueFilterForm(request.GET, documents)
    return form, form.filter(documents)


def catalogue_context(request, column, restricted=None):
    if restricted is None:
        restricted = restricted_q()
    interpretations = interpretations_below(column, restricted)
    interpretations = interpretations.only(*INTERPRETATION_LIST_FIELDS)[:20]
    form, documents = filtered_documents(request, column, restricted)
    if not form.document_count:
        return {"interpretations": interpretations}
    # The table's columns only (and the translation key a Mongolian column links by).
    documents = documents.select_related(None).select_related("publisher")
    paginator = Paginator(documents.only(*DOCUMENT_LIST_FIELDS), conf.catalogue_page_size())
    page_obj = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "documents": page_obj,
        "paginator": paginator,
        "filter_query": query.urlencode(),
        "interpretations": interpretations,
    }
