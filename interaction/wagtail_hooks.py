"""The 互动交流 menu and URLs in the Wagtail admin: the handling queue, the statistics and the
editable list of 留言主题."""

from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.permissions import PermissionMenuItem

from .models import MessageTopic
from .urls import admin_urlpatterns


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("interaction/", include(admin_urlpatterns))]


class TopicViewSet(SnippetViewSet):
    model = MessageTopic
    icon = "tag"
    menu_label = "留言主题"
    list_display = ["name", "sort_order", "active"]
    add_to_admin_menu = False


register_snippet(TopicViewSet)


class InteractionMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return request.user.has_perm("interaction.view_message") or request.user.has_perm(
            "interaction.view_messagetopic"
        )


@hooks.register("register_admin_menu_item")
def register_menu():
    items = [
        PermissionMenuItem(
            "留言办理",
            reverse_lazy("interaction_admin:queue"),
            icon_name="list-ul",
            order=1,
            permission="interaction.view_message",
        ),
        PermissionMenuItem(
            "办理统计",
            reverse_lazy("interaction_admin:statistics"),
            icon_name="table",
            order=2,
            permission="interaction.view_message",
        ),
        PermissionMenuItem(
            "留言主题",
            reverse_lazy("wagtailsnippets_interaction_messagetopic:list"),
            icon_name="tag",
            order=3,
            permission="interaction.view_messagetopic",
        ),
    ]
    return InteractionMenuItem(
        "互动交流", Menu(items=items), icon_name="mail", name="interaction", order=260
    )
