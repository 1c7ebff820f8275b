"""Posts and messages from CSV or XLSX files, with Chinese or English column names.

Every row is checked first; if any row is wrong nothing is imported and each problem is
reported with its row number, so a corrected file can simply be uploaded again.
"""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from core import tabular

from .base import ImportedMessage, ImportedPost


class ImportError_(Exception):  # noqa: N801 - "ImportError" is a Python built-in
    """An import problem; str(error) is the Chinese message for the user."""

    def __init__(self, message, problems=None):
        super().__init__(message)
        self.problems = problems or []


POST_COLUMNS = {
    "title": ["标题", "title"],
    "body": ["正文", "内容", "body", "content"],
    "url": ["链接", "原文链接", "url", "link"],
    "published_at": ["发布时间", "时间", "published_at", "date"],
    "external_id": ["编号", "id", "external_id"],
    "account_name": ["账号", "账号名称", "account"],
}
MESSAGE_COLUMNS = {
    "content": ["留言内容", "内容", "content"],
    "asked_at": ["留言时间", "时间", "asked_at"],
    "author": ["留言人", "author"],
    "reply": ["回复内容", "回复", "reply"],
    "replied_at": ["回复时间", "replied_at"],
    "external_id": ["编号", "id", "external_id"],
    "account_name": ["账号", "账号名称", "account"],
}


def read_table(name, data):
    """The table of a CSV or XLSX upload (core.tabular), its problems as ImportError_."""
    try:
        return tabular.read_table(name, data)
    except tabular.TableError as error:
        raise ImportError_(str(error)) from None


def column_map(header, columns, required):
    found = {}
    lowered = [name.lower() for name in header]
    for field, aliases in columns.items():
        for alias in aliases:
            if alias.lower() in lowered:
                found[field] = lowered.index(alias.lower())
                break
    missing = [columns[field][0] for field in required if field not in found]
    if missing:
        raise ImportError_(f"缺少必需的列：{'、'.join(missing)}。第一行应为列名。")
    return found


def to_datetime(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    else:
        text = str(value).strip().replace("/", "-")
        parsed = parse_datetime(text)
        if parsed is None:
            try:
                parsed = datetime.combine(date.fromisoformat(text), time())
            except ValueError:
                return "invalid"
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def cell(row, mapping, field):
    index = mapping.get(field)
    if index is None or index >= len(row) or row[index] is None:
        return ""
    value = row[index]
    return value if isinstance(value, (datetime, date)) else str(value).strip()


def read_posts(name, data):
    table = read_table(name, data)
    mapping = column_map(table.header, POST_COLUMNS, ["title", "published_at"])
    items, problems = [], []
    for number, row in table.rows:
        row_problems = []
        title = cell(row, mapping, "title")
        published = to_datetime(cell(row, mapping, "published_at"))
        if not title:
            row_problems.append(f"第{number}行：标题不能为空。")
        if published in (None, "invalid"):
            row_problems.append(f"第{number}行：发布时间无效，请写作 2024-05-01 09:30。")
        if row_problems:
            problems.extend(row_problems)
            continue
        items.append(
            ImportedPost(
                title=title,
                published_at=published,
                body=cell(row, mapping, "body"),
                url=cell(row, mapping, "url"),
                external_id=cell(row, mapping, "external_id"),
                account_name=cell(row, mapping, "account_name"),
            )
        )
    if problems:
        raise ImportError_("文件中有错误，未导入任何内容。", problems)
    return items


def read_messages(name, data):
    table = read_table(name, data)
    mapping = column_map(table.header, MESSAGE_COLUMNS, ["content", "asked_at"])
    items, problems = [], []
    for number, row in table.rows:
        row_problems = []
        content = cell(row, mapping, "content")
        asked = to_datetime(cell(row, mapping, "asked_at"))
        replied = to_datetime(cell(row, mapping, "replied_at"))
        reply = cell(row, mapping, "reply")
        if not content:
            row_problems.append(f"第{number}行：留言内容不能为空。")
        if asked in (None, "invalid"):
            row_problems.append(f"第{number}行：留言时间无效，请写作 2024-05-01 09:30。")
        if replied == "invalid":
            row_problems.append(f"第{number}行：回复时间无效。")
        elif reply and replied is None:
            row_problems.append(f"第{number}行：有回复内容时请填写回复时间。")
        if row_problems:
            problems.extend(row_problems)
            continue
        items.append(
            ImportedMessage(
                content=content,
                asked_at=asked,
                author=cell(row, mapping, "author"),
                reply=reply,
                replied_at=replied,
                external_id=cell(row, mapping, "external_id"),
                account_name=cell(row, mapping, "account_name"),
            )
        )
    if problems:
        raise ImportError_("文件中有错误，未导入任何内容。", problems)
    return items
