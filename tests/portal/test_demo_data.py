"""The demo data (portal/demo_data/) and what its loader makes of it."""

from datetime import time

import pytest
from django.utils import timezone

from core.rules.identifiers import is_valid_resident_id, is_valid_uscc
from disclosure.applications.models import Application, Letter, Transition
from disclosure.applications.workflow import Action
from disclosure.models import PolicyDocumentPage, PolicyInterpretationPage
from portal.demo import read


def test_demo_applicants_carry_valid_identifiers():
    applicants = read("applications")["applicants"]
    assert len(applicants) == 12
    for applicant in applicants:
        number = applicant["id_number"]
        if applicant["id_type"] == "uscc":
            assert is_valid_uscc(number), applicant["name"]
        else:
            assert is_valid_resident_id(number), applicant["name"]


def test_every_demo_case_names_a_known_applicant_and_reason():
    data = read("applications")
    names = {applicant["name"] for applicant in data["applicants"]}
    for case in data["cases"]:
        assert case["applicant"] in names, case["key"]
        for step in case["steps"]:
            assert Action(step["action"]) in data["reasons"], case["key"]


def unit_specs():
    return read("units")["units"].values()


@pytest.mark.django_db
def test_demo_events_are_recorded_with_the_time_they_happened(demo_site):
    demo = Application.objects.filter(remarks__startswith=read("applications")["mark"])
    unit_cases = sum(len(spec.get("applications", [])) for spec in unit_specs())
    assert demo.count() == len(read("applications")["cases"]) + unit_cases
    steps = Transition.objects.filter(application__in=demo).exclude(action=Action.REGISTER)
    assert steps.count() > 100
    for step in steps:
        moment = timezone.localtime(step.at)
        assert (moment.date(), moment.time()) == (step.effective_on, time(10, 0)), step
    for letter in Letter.objects.filter(application__in=demo):
        assert letter.sent_at == letter.created_at
        assert letter.application.transitions.filter(at=letter.created_at).exists(), letter


@pytest.mark.django_db
def test_demo_pages_keep_their_publication_day(demo_site):
    # The originals: the 蒙古文版's translations share their original's dates (SynchronizedField).
    documents = PolicyDocumentPage.objects.live().filter(locale__language_code="zh-hans")
    pages = list(documents) + list(PolicyInterpretationPage.objects.all())
    unit_documents = sum(
        len(column) for spec in unit_specs() for column in spec.get("documents", {}).values()
    )
    unit_interpretations = sum(len(spec.get("interpretations", [])) for spec in unit_specs())
    assert len(pages) == 34 + 8 + unit_documents + unit_interpretations
    for page in pages:
        first = timezone.localtime(page.first_published_at)
        assert (first.date(), first.time()) == (page.publish_date, time(9, 0)), page.slug
        assert page.last_published_at == page.first_published_at, page.slug
