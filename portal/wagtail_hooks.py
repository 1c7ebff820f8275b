"""Admin registrations: the error-report inbox for 内容监管 reviewers; the help menu."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import ErrorReport
from portal.panels import ReadOnlyFieldPanel


class ErrorReportViewSet(SnippetViewSet):
    model = ErrorReport
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
                ReadOnlyFieldPanel("page_url", empty_text="未填写"),
                FieldPanel("description", read_only=True),
                ReadOnlyFieldPanel("contact_name", empty_text="未填写"),
                ReadOnlyFieldPanel("contact", empty_text="未填写"),
            ],
            heading="群众反映的问题",
        ),
        MultiFieldPanel(
            [FieldPanel("status"), FieldPanel("reply")],
            heading="处理",
        ),
    ]


register_snippet(ErrorReportViewSet)


# Help menu entries that open wagtail.org (English, and out of reach of an intranet admin).
EXTERNAL_HELP_ITEMS = {"editor-guide"}


@hooks.register("construct_help_menu")
def keep_help_menu_inside_the_site(request, menu_items):
    menu_items[:] = [
        item
        for item in menu_items
        if item.name not in EXTERNAL_HELP_ITEMS and not item.name.startswith("whats-new-in-wagtail")
    ]
