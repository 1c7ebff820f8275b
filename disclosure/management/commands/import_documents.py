"""manage.py import_documents: load legacy policy documents from CSV/XLSX plus attachments."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from disclosure.importing import DocumentImporter, read_table
from disclosure.models import DisclosureIndexPage


class Command(BaseCommand):
    help = (
        "从 CSV 或 XLSX 文件（及附件目录）导入历史政策文件。每行一个事务，可重复执行；"
        "有问题的行整行不导入，并报告行号、字段和原因。列说明见 disclosure/importing.py。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV（UTF-8 或 GB18030/GBK 编码）或 XLSX 文件")
        parser.add_argument("--attachments", help="附件所在目录")
        parser.add_argument(
            "--column",
            default="",
            help="默认目标栏目，相对“政府信息公开”栏目的路径，如 statutory/policies",
        )
        parser.add_argument("--root", type=int, help="“政府信息公开”栏目页面的 ID（默认取第一个）")
        parser.add_argument("--dry-run", action="store_true", help="只检查不保存")
        parser.add_argument("--draft", action="store_true", help="导入为草稿，不发布")

    def handle(self, *args, file, attachments, column, root, dry_run, draft, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        if attachments and not Path(attachments).is_dir():
            raise CommandError(f"找不到附件目录：{attachments}")
        roots = DisclosureIndexPage.objects.all()
        column_root = roots.filter(pk=root).first() if root else roots.first()
        if column_root is None:
            raise CommandError("网站中还没有“政府信息公开”栏目，请先创建。")
        try:
            _header, records = read_table(path)
        except (ValueError, OSError) as error:
            raise CommandError(f"无法读取 {path.name}：{error}") from None

        importer = DocumentImporter(column_root, attachments, default_column=column)
        with tqdm(total=len(records), desc="导入", unit="行", file=self.stderr) as progress:
            report = importer.run(records, dry_run=dry_run, publish=not draft, progress=progress)

        verb = "可导入" if dry_run else "已导入"
        self.stdout.write(
            f"{'【试运行，未保存】' if dry_run else ''}共 {len(records)} 行：{verb} "
            f"{len(report.created)} 行，已存在跳过 {len(report.skipped)} 行，"
            f"拒绝 {len(report.rejected)} 行。"
        )
        for rejection in report.rejected:
            self.stdout.write(f"  第{rejection.row}行［{rejection.field}］{rejection.reason}")
