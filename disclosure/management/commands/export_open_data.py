"""Write the 开放数据 files: the whole public catalogue as JSON Lines, CSV and XLSX, and
manifest.json with counts and SHA-256 checksums (disclosure/open_data.py). Run daily,
deploy/systemd/portal-export-open-data.timer; the files are served at /open-data/.
"""

from django.core.management.base import BaseCommand

from disclosure.open_data import export_open_data


class Command(BaseCommand):
    help = "导出开放数据：全部公开的政策文件和政策解读（JSON Lines、CSV、XLSX 和清单）。"

    def handle(self, *args, **options):
        manifest = export_open_data()
        for entry in manifest["files"]:
            self.stdout.write(f"{entry['name']}：{entry['records']} 条，sha256 {entry['sha256']}")
        self.stdout.write(
            f"{manifest['generated_at']}：已导出 {manifest['documents']} 份政策文件、"
            f"{manifest['interpretations']} 篇政策解读。"
        )
