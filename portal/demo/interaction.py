"""The 互动交流 demo (portal/demo_data/interaction.yaml): the column with its 常见问题 and
messages of the past months, each going through the real services.

A message is submitted with interaction.services.submit and handled step by step with
interaction.services.perform, each recorded at the time it happened (`submitted_at=`, `at=`),
so deadlines, the event log and the published pages are what the handlers' side would have
produced; publishing uses the text without personal data (services.public_text) and the
monitoring checks. Times count back from the day of loading, so the demo looks current on any
day; steps that would fall after now wait. Idempotent: pages by slug, messages by title.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from disclosure.calendar import working_calendar
from disclosure.models import Organisation
from interaction import services
from interaction.models import (
    FaqIndexPage,
    FaqPage,
    FaqRelatedPage,
    InteractionIndexPage,
    Message,
    MessageTopic,
    QuestionPage,
)
from interaction.workflow import Action
from portal.models import HomePage

from . import read, say
from .applications import staff_user
from .disclosure import add_to_navigation
from .pages import child, html_paragraphs, publish

SUBMITTED_AT = time(9, 30)
STEP_AT = time(16, 0)


@transaction.atomic
def load(stdout=None):
    home = HomePage.objects.first()
    if home is None:
        return 0
    data = read("interaction")
    demo = InteractionDemo(data)
    column = demo.column(home)
    demo.faqs(column)
    with services.silent_notifications():
        for spec in data["messages"]:
            demo.message(spec)
    say(stdout, f"互动交流演示数据已就绪（新建 {demo.created} 项）。")
    return demo.created


def at_day(day, moment):
    return timezone.make_aware(datetime.combine(day, moment))


class InteractionDemo:
    def __init__(self, data):
        self.data = data
        self.created = 0
        self.now = timezone.now()
        self.calendar = working_calendar()
        self.staff = {role: staff_user(spec) for role, spec in data["staff"].items()}
        self.organisations = {}
        disclosure = read("disclosure")["organisations"]
        for key, fields in disclosure.items():
            self.organisations[key] = Organisation.objects.get(uscc=fields["uscc"])
        self.topics = {topic.name: topic for topic in MessageTopic.objects.all()}

    # -- pages ------------------------------------------------------------------------------

    def column(self, home):
        spec = dict(self.data["column"])
        column = child(home, spec["slug"])
        if column is None:
            spec["guidance"] = html_paragraphs(spec.pop("guidance"))
            column = InteractionIndexPage(**spec)
            home.add_child(instance=column)
            publish(column)
            add_to_navigation(home, column)
            self.created += 1
        elif not isinstance(column, InteractionIndexPage):
            raise RuntimeError(
                f"/{spec['slug']}/ 已存在且不是“互动交流栏目”页面；请删除后重新载入演示内容。"
            )
        return column

    def faqs(self, column):
        spec = self.data["faq_index"]
        index = child(column, spec["slug"])
        if index is None:
            index = FaqIndexPage(**spec)
            column.add_child(instance=index)
            publish(index)
            self.created += 1
        for entry in self.data["faqs"]:
            if child(index, entry["slug"]) is not None:
                continue
            faq = FaqPage(
                title=entry["title"],
                slug=entry["slug"],
                topic=self.topics.get(entry["topic"]),
                answer=html_paragraphs(entry["answer"]),
            )
            for order, slug in enumerate(entry.get("related", [])):
                page = Page.objects.filter(slug=slug).first()
                if page is not None:
                    faq.related_pages.add(FaqRelatedPage(page=page, sort_order=order))
            index.add_child(instance=faq)
            publish(faq)
            self.created += 1

    # -- messages ---------------------------------------------------------------------------

    def message(self, spec):
        if Message.objects.filter(title=spec["title"]).exists():
            return
        day = timezone.localdate() - timedelta(days=spec["days_ago"])
        submitted_at = min(at_day(day, SUBMITTED_AT), self.now)
        fields = {
            "kind": spec["kind"],
            "topic": self.topics.get(spec["topic"]),
            "department": self.organisations[spec["department"]],
            "title": spec["title"],
            "content": spec["content"],
            "name": spec.get("name", ""),
            "phone": spec.get("phone", ""),
            "email": spec.get("email", ""),
            "consent_to_publish": spec["consent"],
        }
        message, _code = services.submit(fields, submitted_at=submitted_at)
        self.created += 1
        replied_at = None
        for step in spec["steps"]:
            day = self.calendar.add_working_days(day, step["after"])
            moment = at_day(day, STEP_AT)
            if moment > self.now:
                break
            self.perform(message, step, moment)
            if step["action"] == Action.REPLY:
                replied_at = moment
        if replied_at is not None:
            self.ratings(message, spec.get("ratings", []), replied_at)

    def perform(self, message, step, moment):
        action = Action(step["action"])
        actor = self.staff["head"] if action == Action.PUBLISH else self.staff["handler"]
        params = {}
        if action in (Action.ACCEPT, Action.ASSIGN):
            params["officer"] = self.staff.get(step.get("officer"))
        elif action == Action.TRANSFER:
            params = {"department": self.organisations[step["department"]], "days": step["days"]}
        elif action in (Action.SAVE_DRAFT, Action.REPLY):
            params["text"] = step["text"]
        elif action == Action.PUBLISH:
            text = services.public_text(message)
            params = {"title": text.title, "question": text.question, "answer": text.answer}
        services.perform(
            message, action, actor=actor, note=step.get("note", ""), at=moment, **params
        )
        if action == Action.PUBLISH:
            # Published then, not now (as pages.publish does for the other demo pages).
            QuestionPage.objects.filter(message=message).update(last_published_at=moment)
        message.refresh_from_db()

    def ratings(self, message, scores, replied_at):
        for number, score in enumerate(scores, start=1):
            # Invented visitors: a fixed stand-in for the salted address digest.
            visitor = hashlib.sha256(f"demo:{message.number}:{number}".encode()).hexdigest()
            moment = min(replied_at + timedelta(days=number), self.now)
            services.rate(message, score, client_hash=visitor, by_writer=number == 1, at=moment)
