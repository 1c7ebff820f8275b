"""Admin registrations: the error-report inbox for 内容监管 reviewers; the attachment privacy
check before a document is served; 系统状态 for 管理员 and the admin-home notice when the
public search answers from the database."""

from django import forms
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.forms.search import SearchForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from core.permissions import PermissionMenuItem
from portal import admin_security, health
from portal.attachments import is_hidden_from
from portal.models import ErrorReport
from search import service as search_service


@hooks.register("register_admin_urls")
def register_second_factor_urls():
    """The second sign-in step (portal/admin_security.py): any signed-in staff member."""
    return [
        path("second-factor/", admin_security.verify, name="portal_second_factor_verify"),
        path("second-factor/setup/", admin_security.setup, name="portal_second_factor_setup"),
    ]


@hooks.register("before_serve_document", order=-100)
def hide_private_documents(document, request):
    """A document no public page uses does not exist for the public (portal/attachments.py):
    404, not Wagtail's redirect to the login page, which would tell that it exists."""
    if is_hidden_from(document, request):
        raise Http404("没有找到这个文件。")


class BoundedSearchForm(SearchForm):
    """The admin's list search with a bounded query: nobody searches 100,000 characters, and
    a database's full-text functions refuse such input with an error."""

    MAX_LENGTH = 200

    def clean_q(self):
        query = self.cleaned_data["q"]
        if len(query) > self.MAX_LENGTH:
            raise forms.ValidationError(
                f"检索词过长（最多 {self.MAX_LENGTH} 个字），请缩短后再试。"
            )
        return query


class ErrorReportIndexView(IndexView):
    def get_search_form(self):
        if not self.is_searchable:
            return None
        return BoundedSearchForm(
            self.request.GET if self.search_kwarg in self.request.GET else None
        )


class ErrorReportViewSet(SnippetViewSet):
    model = ErrorReport
    index_view_class = ErrorReportIndexView
    icon = "warning"
    menu_label = "网站纠错"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["category", "description", "page_url", "created_at", "status"]
    list_filter = ["status", "category"]
    search_fields = ["description", "page_url"]
    ordering = ["-created_at"]
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("category", read_only=True),
                FieldPanel("page_url", read_only=True),
                FieldPanel("description", read_only=True),
                FieldPanel("contact_name", read_only=True),
                FieldPanel("contact", read_only=True),
            ],
            heading="群众反映的问题",
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("reply")],
            heading="处理",
        ),
    ]


register_snippet(ErrorReportViewSet)


# --------------------------------------------------------------------------- 系统状态


@hooks.register("register_admin_urls")
def register_system_status_url():
    return [path("system-status/", health.system_status, name="portal_system_status")]


@hooks.register("register_settings_menu_item")
def register_system_status_menu_item():
    return PermissionMenuItem(
        "系统状态",
        reverse("portal_system_status"),
        name="system-status",
        icon_name="cog",
        order=900,
        permission="portal.view_system_status",
    )


class SearchFallbackPanel(Component):
    """On the admin home: says when the public search answers from the database."""

    name = "search_fallback"
    template_name = "portal/admin/search_fallback_panel.html"
    order = 40

    def render_html(self, parent_context=None):
        if not search_service.elasticsearch_enabled():
            reason = "未配置 Elasticsearch（ELASTICSEARCH_URL 为空）。"
        elif not search_service.elasticsearch_available():
            reason = "Elasticsearch 刚才无法连接，稍后会自动重试。"
        else:
            return ""
        request = (parent_context or {}).get("request")
        context = {
            "reason": reason,
            "can_view_status": bool(request and request.user.has_perm("portal.view_system_status")),
        }
        return render_to_string(self.template_name, context, request=request)


@hooks.register("construct_homepage_panels")
def add_search_fallback_panel(request, panels):
    panels.append(SearchFallbackPanel())
