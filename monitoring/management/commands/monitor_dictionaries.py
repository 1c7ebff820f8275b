"""`manage.py monitor_dictionaries load|status`: the shipped dictionaries in the database."""

from django.core.management.base import BaseCommand

from monitoring import dictionaries, services
from monitoring.models import DictionaryRelease, DictionaryTerm


class Command(BaseCommand):
    help = "载入随系统发布的监测词库（不覆盖人工修改过的词条），或查看词库状态。"

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["load", "status"])
        parser.add_argument("--force", action="store_true", help="文件未变化时也重新比对每个词条。")

    def handle(self, *args, action, force=False, **options):
        if action == "load":
            release = services.load_shipped_dictionaries(force=force)
            if release is None:
                self.stdout.write("监测词库已是最新版本，无需载入。")
            else:
                c = release.counts
                self.stdout.write(
                    f"已载入监测词库 {release.version}：新增 {c['created']} 条，"
                    f"更新 {c['updated']} 条，移除 {c['removed']} 条，"
                    f"保留人工修改 {c['kept_staff']} 条，"
                    f"保留人工删除或同名人工词条 {c['kept_deleted']} 条。"
                )
        version, _ = dictionaries.release()
        latest = DictionaryRelease.objects.first()
        loaded = f"{latest.version}（{latest.loaded_at:%Y-%m-%d %H:%M}）" if latest else "未载入"
        self.stdout.write(f"发布版本 {version}；数据库中最近载入 {loaded}。")
        for value, label in DictionaryTerm.Kind.choices:
            terms = DictionaryTerm.objects.filter(kind=value)
            shipped = terms.filter(origin=DictionaryTerm.Origin.SHIPPED).count()
            self.stdout.write(
                f"  {label}：{terms.filter(active=True).count()} 条启用"
                f"（随系统发布 {shipped} 条，人工维护 {terms.count() - shipped} 条）"
            )
