"""Helpers of the 互动交流 tests (fixtures are in conftest.py)."""

import re

from captcha.models import CaptchaStore
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def publish(page):
    page.save_revision().publish()
    return page


def make_user(username, group):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.com", password="x-unused-1234"
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def message_fields(department, topic, **overrides):
    fields = {
        "kind": "consultation",
        "topic": topic,
        "department": department,
        "title": "政务服务中心周六办公吗",
        "content": "我工作日上班，想问政务服务中心周六上午能不能办理社保业务。",
        "name": "李慧敏",
        "phone": "13904770011",
        "email": "lihuimin@example.com",
        "consent_to_publish": True,
    }
    fields.update(overrides)
    return fields


def captcha_answer(page_html):
    key = re.search(r'name="captcha_0" value="([0-9a-f]+)"', page_html).group(1)
    return key, CaptchaStore.objects.get(hashkey=key).response
