"""The 政策文件 chooser of the admin (解读的政策文件, 关联文件): found by 文号, 索引号 or any part
of the title.

Wagtail's page chooser searches the page index by whole tokens of the title only, so neither a
文号 nor a few characters from the middle of a Chinese title found anything. This chooser
filters the documents in the database instead, with the 文号 normalised as search does it
(伊政服发[2021]3号 finds 伊政服发〔2021〕3号). As a ChooserViewSet it is the admin's widget for
every ForeignKey to PolicyDocumentPage (register_widget), registered in wagtail_hooks.
"""

from django import forms
from django.db.models import Q
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from disclosure.models import PolicyDocumentPage
from search.text import normalize_document_number, normalize_index_number


class PolicyDocumentSearchForm(BaseFilterForm):
    q = forms.CharField(
        label="文号、索引号或标题",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "输入文号、索引号或标题中的文字"}),
    )

    def filter(self, objects):
        objects = super().filter(objects)
        query = " ".join((self.cleaned_data.get("q") or "").split())
        if query:
            objects = objects.filter(
                Q(title__icontains=query)
                | Q(document_number__icontains=normalize_document_number(query))
                | Q(index_number__icontains=normalize_index_number(query))
            )
            self.is_searching = True
            self.search_query = query
        return objects


class PolicyDocumentColumnsMixin:
    filter_form_class = PolicyDocumentSearchForm

    @property
    def columns(self):
        return [
            self.title_column,
            Column("document_number", label="文号"),
            DateColumn("publish_date", label="发布日期"),
            Column("status", label="状态", accessor="status_string"),
        ]


class PolicyDocumentChooseView(PolicyDocumentColumnsMixin, ChooseView):
    pass


class PolicyDocumentChooseResultsView(PolicyDocumentColumnsMixin, ChooseResultsView):
    pass


class PolicyDocumentChooserViewSet(ChooserViewSet):
    model = PolicyDocumentPage
    icon = "doc-full"
    choose_one_text = "选择政策文件"
    choose_another_text = "改选其他政策文件"
    edit_item_text = "编辑该政策文件"
    page_title = "选择政策文件"
    search_tab_label = "查找"
    choose_view_class = PolicyDocumentChooseView
    choose_results_view_class = PolicyDocumentChooseResultsView

    def get_object_list(self):
        return PolicyDocumentPage.objects.order_by("-publish_date", "-pk")


policy_document_chooser = PolicyDocumentChooserViewSet("policy_document_chooser")
