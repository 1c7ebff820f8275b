"""Catalogue metadata rules for a policy document (目录元数据), as plain Python.

Sources: 条例 Art.12 (索引、名称、内容概述、生成日期), 《政府信息公开目录系统实施指引（试行）》,
国办发〔2016〕80号 (公开属性 decided at drafting time, with a reason when not 主动公开).

``check_document_metadata`` returns ``{field name: Chinese message}``; an empty dict means the
metadata is acceptable. Field names match the page model's fields so a form can show each
message beside its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .identifiers import validate_document_number

# 公开属性
PROACTIVE = "proactive"  # 主动公开
ON_REQUEST = "on_request"  # 依申请公开
NOT_DISCLOSED = "not_disclosed"  # 不予公开

# 有效性
VALID = "valid"  # 有效
EXPIRED = "expired"  # 失效
REPEALED = "repealed"  # 废止
PENDING = "pending"  # 尚未生效 (published before its 生效日期; core/rules/validity.py)


@dataclass
class DocumentMetadata:
    title: str
    summary: str = ""
    document_number: str = ""
    written_date: date | None = None
    publish_date: date | None = None
    disclosure_attribute: str = PROACTIVE
    non_disclosure_reason: str = ""
    validity: str = VALID
    effective_date: date | None = None
    repeal_date: date | None = None


def check_summary(summary: str, title: str, max_length: int) -> str | None:
    """内容概述: within the length limit and not a repeat of the 名称."""
    text = summary.strip()
    if len(text) > max_length:
        return f"内容概述不能超过{max_length}个字，当前为{len(text)}个字，请精简。"
    if text and text == title.strip():
        return "内容概述不应重复文件名称，请概括文件的主要内容。"
    return None


def check_document_metadata(
    meta: DocumentMetadata, *, summary_max_length: int, today: date
) -> dict[str, str]:
    errors: dict[str, str] = {}

    if meta.document_number:
        problem = validate_document_number(meta.document_number)
        if problem:
            errors["document_number"] = problem

    problem = check_summary(meta.summary, meta.title, summary_max_length)
    if problem:
        errors["summary"] = problem

    if meta.disclosure_attribute != PROACTIVE and not meta.non_disclosure_reason.strip():
        label = "依申请公开" if meta.disclosure_attribute == ON_REQUEST else "不予公开"
        errors["non_disclosure_reason"] = f"公开属性为“{label}”时必须填写不主动公开的理由。"

    if meta.written_date and meta.written_date > today:
        errors["written_date"] = "成文日期不能晚于今天。"
    if meta.written_date and meta.publish_date and meta.publish_date < meta.written_date:
        errors["written_date"] = "成文日期不能晚于发布日期。"

    if meta.validity == REPEALED and not meta.repeal_date:
        errors["repeal_date"] = "有效性为“废止”时必须填写废止日期。"
    if meta.validity == VALID and meta.repeal_date and meta.repeal_date <= today:
        errors["validity"] = "废止日期已过，有效性应为“失效”或“废止”。"
    if meta.validity == PENDING and not (meta.effective_date and meta.effective_date > today):
        errors["validity"] = "有效性为“尚未生效”时，生效日期应晚于今天。"
    if meta.effective_date and meta.repeal_date and meta.repeal_date < meta.effective_date:
        errors["repeal_date"] = "废止日期不能早于生效日期。"
    return errors
