"""manage.py search_index rebuild|status|drain|ocr

- rebuild: fill a new Elasticsearch index from every public page (progress bar) and swap the
  alias to it with no downtime; rewrite the database backend's store too (--only to choose).
- status: pages that should be searchable, entries in each backend, the outbox backlog.
- drain: index what the outbox holds now (the task does this after each publish).
- ocr: recognise the scanned attachments not read yet (the task does this after each upload),
  then index the pages using them; --force reads every PDF and image again.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing, ocr, tasks
from search.backends import elastic


class Command(BaseCommand):
    help = "重建搜索索引、查看索引状态或立即处理索引待办。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status", "drain", "ocr"])
        parser.add_argument(
            "--only",
            choices=["elasticsearch", "database"],
            help="rebuild 时只重建其中一个（默认：数据库检索，以及已配置的 Elasticsearch）。",
        )
        parser.add_argument(
            "--force", action="store_true", help="ocr 时重新识别全部 PDF 和图像附件。"
        )

    def handle(self, *args, action, only, force=False, **options):
        if action == "ocr":
            return self.ocr(force)
        getattr(self, action)(only)

    def _bar(self, label):
        return tqdm(
            total=indexing.page_total(), desc=label, unit="页", file=self.stdout, ascii=True
        )

    def rebuild(self, only):
        if only != "elasticsearch":
            with self._bar("数据库检索") as bar:
                written = indexing.rebuild_database(progress=bar.update)
            self.stdout.write(f"数据库检索：已写入 {written} 条。")
        if only == "database":
            return
        if not indexing.elastic_enabled():
            if only == "elasticsearch":
                raise CommandError("未设置 ELASTICSEARCH_URL，无法重建 Elasticsearch 索引。")
            return
        try:
            with self._bar("Elasticsearch") as bar:
                report = indexing.rebuild_elasticsearch(progress=bar.update)
        except elastic.ERRORS as error:
            raise CommandError(f"Elasticsearch 索引重建失败，原索引未改动：{error}") from error
        self.stdout.write(
            f"Elasticsearch：新索引 {report.index} 已写入 {report.documents} 条并启用"
            + (
                f"，已删除旧索引 {'、'.join(report.removed_indices)}。"
                if report.removed_indices
                else "。"
            )
        )

    def status(self, only):
        info = indexing.status()
        self.stdout.write(f"应可检索的页面：{info['pages_expected']}")
        self.stdout.write(f"数据库检索条目：{info['database_store']}")
        es = info["elasticsearch"]
        if es is None:
            self.stdout.write("Elasticsearch：未配置（ELASTICSEARCH_URL 为空，使用数据库检索）")
        elif "error" in es:
            self.stdout.write(
                f"Elasticsearch：无法连接 {info['elasticsearch_url']}（{es['error']}）"
            )
        else:
            self.stdout.write(
                f"Elasticsearch：别名 {es['alias']} → {', '.join(es['indices']) or '（无）'}，"
                f"文档 {es['documents']} 条"
                + (f"，版本 {es['version']}" if es.get("version") else "")
            )
            if es["documents"] != info["pages_expected"]:
                self.stdout.write(
                    f"  与数据库相差 {es['documents'] - info['pages_expected']:+d} 条"
                    "（待办处理完或重建后应一致）"
                )
        self.stdout.write(
            f"索引待办：{info['outbox_pending']} 条，其中重试中 {info['outbox_failing']} 条"
            + (
                f"，最早写入于 {info['outbox_oldest']:%Y-%m-%d %H:%M:%S}"
                if info["outbox_oldest"]
                else ""
            )
        )
        if info["outbox_last_error"]:
            self.stdout.write(f"  最近错误：{info['outbox_last_error'][:300]}")

    def drain(self, only):
        report = tasks.drain_outbox(retry_now=True)
        self.stdout.write(
            f"已处理 {report.processed} 条待办（更新 {report.indexed}，删除 {report.deleted}）"
            + (f"；{report.failed} 条将重试：{report.error}" if report.failed else "。")
        )
        for problem in report.errors:
            self.stdout.write(f"  {problem}")

    def ocr(self, force):
        counts = {}
        for document_id in ocr.backlog(force=force):
            outcome = tasks.run_ocr(document_id, force=force)
            counts[outcome["status"]] = counts.get(outcome["status"], 0) + 1
            if outcome["status"] in ("failed", "engine_missing"):
                self.stdout.write(f"  附件 {document_id}：{outcome['error']}")
        labels = {
            "recognised": "已识别",
            "failed": "未识别出文字",
            "engine_missing": "未安装识别程序",
            "not_needed": "已有文字层",
            "already_done": "此前已识别",
            "disabled": "已关闭识别",
        }
        summary = "，".join(f"{labels[key]} {value}" for key, value in counts.items())
        self.stdout.write(f"附件文字识别：{summary or '没有待识别的附件'}。")
        report = tasks.drain_outbox(retry_now=True)
        self.stdout.write(f"已更新 {report.indexed} 个页面的索引。")
