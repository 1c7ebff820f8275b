"""Site pages: disclosure metadata, policy interpretations and image alternative text."""

from .base import SITE, Check, Detection, Severity, TextCheck


class MissingMetadataCheck(Check):
    code = "PAGE_MISSING_METADATA"
    name = "公开要素缺失"
    severity = Severity.DEDUCT
    scopes = frozenset({SITE})
    indicator = "信息公开要素"
    description = "政策文件缺少索引号、文号、发布机构、主题分类、成文日期或内容概述等要素。"
    runs_on_single_page = True

    def detect(self, inventory):
        for document in inventory.policy_documents:
            if document.missing_fields:
                yield Detection(
                    document.target,
                    f"缺少公开要素：{'、'.join(document.missing_fields)}。",
                    key=",".join(sorted(document.missing_fields)),
                )


class PolicyWithoutInterpretationCheck(Check):
    code = "POLICY_WITHOUT_INTERPRETATION"
    name = "政策文件无解读"
    severity = Severity.DEDUCT
    scopes = frozenset({SITE})
    indicator = "解读回应"
    description = (
        "政策文件发布后超过规定工作日仍没有关联的政策解读"
        "（国办发〔2016〕80号：文件与解读同步发布、相互关联）。"
    )

    def detect(self, inventory):
        for document in inventory.policy_documents:
            if document.lacks_interpretation:
                yield Detection(document.target, "政策文件发布后逾期仍没有关联的政策解读。")


class ImageWithoutAltCheck(TextCheck):
    code = "IMAGE_WITHOUT_ALT"
    name = "图片缺少替代文字"
    severity = Severity.DEDUCT
    scopes = frozenset({SITE})
    indicator = "无障碍"
    description = "图片没有替代文字，读屏软件无法朗读（GB/T 37668-2019）。"

    def detect_in(self, item, inventory):
        for image in item.images:
            if not image.alt.strip():
                yield Detection(
                    item.target,
                    f"图片“{image.label}”没有替代文字。",
                    key=image.label,
                    excerpt=image.label,
                )
