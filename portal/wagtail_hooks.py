"""Admin registrations: the error-report inbox for 内容监管 reviewers; the attachment privacy
check before a document is served."""

from django.http import Http404
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.attachments import is_hidden_from
from portal.models import ErrorReport


@hooks.register("before_serve_document", order=-100)
def hide_private_documents(document, request):
    """A document no public page uses does not exist for the public (portal/attachments.py):
    404, not Wagtail's redirect to the login page, which would tell that it exists."""
    if is_hidden_from(document, request):
        raise Http404("没有找到这个文件。")


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
