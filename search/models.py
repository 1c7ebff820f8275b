"""Search models: the indexing outbox, the database backend's store, synonyms and the query log.

- IndexOutbox: one row per page change, written in the publishing transaction; a task drains
  it into the database store and Elasticsearch. Rows stay until every target accepted them.
- SearchEntry: what the database backend searches: a column per search schema field.
  Its full-text index is a SQLite FTS5 table or a PostgreSQL tsvector table kept by
  search.backends.database (raw SQL, created in migration 0002).
- Synonym: staff-editable groups of equivalent terms, expanded at query time.
- SearchQueryDaily: how often a normalised query was asked per day, and how many of those who
  asked followed a result link (clicks); nothing about who asked.
- SearchPin: 推荐结果, a page staff put first for a query.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from search import schema
from search.text import normalize, split_terms


class IndexOutbox(models.Model):
    ACTION_INDEX = "index"
    ACTION_DELETE = "delete"
    ACTION_CHOICES = [(ACTION_INDEX, "更新索引"), (ACTION_DELETE, "删除索引")]

    # Not a foreign key: the row must outlive a deleted page.
    page_id = models.PositiveBigIntegerField("页面ID", db_index=True)
    action = models.CharField("操作", max_length=10, choices=ACTION_CHOICES)
    reason = models.CharField("原因", max_length=40, blank=True)
    created_at = models.DateTimeField("写入时间", auto_now_add=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    next_attempt_at = models.DateTimeField("下次尝试", null=True, blank=True, db_index=True)
    last_error = models.TextField("最近错误", blank=True)

    class Meta:
        verbose_name = "索引待办"
        verbose_name_plural = "索引待办"
        ordering = ["id"]

    def __str__(self):
        return f"{self.get_action_display()} #{self.page_id}"


class SearchSyncState(models.Model):
    """One row: when a deferred retry of the outbox drain is already queued."""

    retry_at = models.DateTimeField(null=True, blank=True)


class SearchEntry(models.Model):
    """One searchable page (or benchmark document) as the database backend stores it.

    Its columns are the fields of search.schema.SearchRecord, one each, added right after this
    class (see `schema.store_columns()` for their types); only `indexed_at` and `version` are
    the store's own. A new schema field is therefore a new column: `manage.py makemigrations
    search` writes it.
    """

    indexed_at = models.DateTimeField("索引时间", auto_now=True)
    # When the page was read (ms, search.backends.base.now_version): an older read never
    # overwrites a newer one (search/backends/database.py).
    version = models.BigIntegerField("版本", default=0)

    class Meta:
        verbose_name = "搜索条目"
        verbose_name_plural = "搜索条目"

    def __str__(self):
        return self.title


for _name, _column in schema.store_columns().items():
    SearchEntry.add_to_class(_name, _column)


class SearchTombstone(models.Model):
    """A recently deleted entry and the version of the read that deleted it, so a drain that
    read the page earlier (when it was still public) cannot add it back. Kept for
    search.backends.database.TOMBSTONE_MILLISECONDS, like Elasticsearch's gc_deletes."""

    doc_id = models.CharField(max_length=64, unique=True)
    version = models.BigIntegerField()


class Synonym(models.Model):
    terms = models.CharField(
        "同义词组",
        max_length=300,
        help_text="互为同义的词，用逗号或顿号分隔，如：医保，医疗保障。搜索其中任一词时，也会找到含其他词的内容。",
    )
    enabled = models.BooleanField("启用", default=True)
    source = models.CharField(
        "来源", max_length=200, blank=True, help_text="规范用语出处，如法规、文件名称。"
    )
    # The group's key in search/data/colloquial_terms.yaml ("" for groups staff added): the
    # loader adds a shipped group once and never changes it afterwards (search/synonyms.py).
    seed_key = models.CharField("词典编号", max_length=100, blank=True, db_index=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)

    class Meta:
        verbose_name = "搜索同义词"
        verbose_name_plural = "搜索同义词"
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def term_list(self):
        return split_terms(self.terms)

    def clean(self):
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": "同义词组至少需要两个不同的词，用逗号分隔。"})


class SearchQueryDaily(models.Model):
    """Aggregated query log: no address, no user, no time of day: only query, day and count."""

    query = models.CharField("检索词", max_length=100)
    day = models.DateField("日期")
    count = models.PositiveIntegerField("次数", default=0)
    # Distinct clients that searched it that day (SearchQueryClient): 热门搜索 counts these.
    clients = models.PositiveIntegerField("访客数", default=0)
    had_results = models.BooleanField("有结果", default=False)
    # Distinct clients that followed a result link for it that day (/search/click/, counted
    # once per client like `clients`): 搜索分析's click-through rate is clicks / clients.
    clicks = models.PositiveIntegerField("点击访客数", default=0)

    class Meta:
        verbose_name = "检索词统计"
        verbose_name_plural = "检索词统计"
        constraints = [
            models.UniqueConstraint(fields=["query", "day"], name="search_query_daily_unique")
        ]

    def __str__(self):
        return f"{self.query}（{self.day}：{self.count}次）"


class SearchQueryClient(models.Model):
    """That some client searched a query on a day: a salted digest of (client, day, query),
    nothing else. It cannot be turned back into an address, nor linked to the same client's
    other queries or days. Rows older than SEARCH_HOT_DAYS are deleted."""

    day = models.DateField("日期", db_index=True)
    digest = models.CharField(max_length=64, unique=True)


def pin_query(text: str) -> str:
    """A query as pins store and match it: normalised as the query log stores it."""
    return normalize(text)[:100]


class SearchPin(models.Model):
    """推荐结果: for a query, a page shown first (marked 推荐) whichever backend answers.
    Shown only while the page is live and public (search/service.py checks at query time)."""

    query = models.CharField(
        "检索词",
        max_length=100,
        help_text="访客输入的检索词（不区分大小写和全角半角）；完全一致时显示推荐结果。",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="推荐页面",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="只有已发布且公开的页面才会显示。",
    )
    note = models.CharField(
        "说明", max_length=200, blank=True, help_text="仅后台可见，如推荐理由。"
    )
    active = models.BooleanField("启用", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = "推荐结果"
        verbose_name_plural = "推荐结果"
        ordering = ["query", "id"]
        constraints = [models.UniqueConstraint(fields=["query", "page"], name="search_pin_unique")]

    def __str__(self):
        return f"{self.query} → {self.page.title}"

    def save(self, *args, **kwargs):
        self.query = pin_query(self.query)
        super().save(*args, **kwargs)

    def clean(self):
        self.query = pin_query(self.query)
        if not self.query:
            raise ValidationError({"query": "请填写检索词。"})
        if (
            self.page_id
            and SearchPin.objects.filter(query=self.query, page_id=self.page_id)
            .exclude(pk=self.pk)
            .exists()
        ):
            raise ValidationError({"page": "这个检索词已推荐了该页面。"})


class ExtractedText(models.Model):
    """Text extracted from an attachment, cached by the document's file hash.

    `ocr`: `text` holds machine-recognised text (search/ocr.py): a scan without a text layer
    read by tesseract. `ocr_file_hash` is the file the last OCR attempt read, so the task
    runs once per file version; `ocr_error` says why it found nothing.
    """

    document_id = models.PositiveBigIntegerField(unique=True)
    file_hash = models.CharField(max_length=64, blank=True)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=300, blank=True)
    ocr = models.BooleanField("机器识别", default=False)
    ocr_file_hash = models.CharField(max_length=64, blank=True)
    ocr_language = models.CharField(max_length=50, blank=True)
    ocr_confidence = models.FloatField(null=True, blank=True)
    ocr_engine = models.CharField(max_length=50, blank=True)
    ocr_error = models.CharField(max_length=300, blank=True)
    ocr_at = models.DateTimeField(null=True, blank=True)
