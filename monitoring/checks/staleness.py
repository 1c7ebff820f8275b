"""Update checks: 政务新媒体 accounts, the home page and the site's columns (栏目)."""

from .base import ACCOUNTS, SITE, Check, Detection, Severity, Target, days_between


class AccountStaleCheck(Check):
    code = "ACCOUNT_STALE"
    name = "政务新媒体不更新"
    severity = Severity.VETO
    scopes = frozenset({ACCOUNTS})
    indicator = "政务新媒体内容不更新"
    description = "检查前2周内无更新的政务新媒体账号，单项否决。"

    def detect(self, inventory):
        limit = inventory.thresholds.account_stale_days
        for account in inventory.accounts:
            if not account.is_open:
                continue
            if account.last_post_at is None:
                yield Detection(account.target, f"账号从未发布信息（要求{limit}天内有更新）。")
                continue
            days = int(days_between(account.last_post_at, inventory.now))
            if days > limit:
                yield Detection(
                    account.target,
                    f"账号已{days}天未更新，超过{limit}天。",
                    data={"days": days, "limit": limit},
                )


class HomePageStaleCheck(Check):
    code = "HOME_PAGE_STALE"
    name = "首页不更新"
    severity = Severity.VETO
    scopes = frozenset({SITE})
    indicator = "首页不更新"
    description = "网站首页2周内无新信息，单项否决。"

    def detect(self, inventory):
        home = inventory.home_page
        if home is None:
            return
        limit = inventory.thresholds.home_page_stale_days
        updated = inventory.home_page_updated
        if updated is None:
            yield Detection(home.target, "首页从未发布信息。")
            return
        days = int(days_between(updated, inventory.now))
        if days > limit:
            yield Detection(
                home.target,
                f"首页已{days}天没有新信息，超过{limit}天。",
                data={"days": days, "limit": limit},
            )


def column_class(column, classes):
    """The first configured class whose keywords appear in the column's type or title."""
    for column_class in classes:
        haystack = f"{column.column_type} {column.target.label}"
        if any(keyword in haystack for keyword in column_class["keywords"]):
            return column_class
    return None


def stale_columns(inventory):
    """[(column, class, days since update, long stale?)] for columns past their window."""
    thresholds = inventory.thresholds
    found = []
    for column in inventory.columns:
        klass = column_class(column, thresholds.column_classes)
        if klass is None or column.latest_update is None:
            continue  # unclassified columns have no window; empty ones are reported as empty
        days = int(days_between(column.latest_update, inventory.now))
        if days > klass["days"]:
            found.append((column, klass, days, days > thresholds.long_stale_days))
    return found


def empty_columns(inventory):
    return [column for column in inventory.columns if not column.has_content]


class ColumnStaleCheck(Check):
    code = "COLUMN_STALE"
    name = "栏目不更新"
    severity = Severity.DEDUCT
    scopes = frozenset({SITE})
    indicator = "栏目不更新"
    description = "栏目超过其类别的更新周期（动态、要闻类2周，通知公告、政策文件类6个月）。"

    def detect(self, inventory):
        for column, klass, days, long_stale in stale_columns(inventory):
            note = "，属长期未更新" if long_stale else ""
            yield Detection(
                column.target,
                f"{klass['label']}栏目已{days}天未更新，超过{klass['days']}天{note}。",
                data={"days": days, "limit": klass["days"], "long_stale": long_stale},
            )


class EmptyColumnCheck(Check):
    code = "EMPTY_COLUMN"
    name = "空白栏目"
    severity = Severity.DEDUCT
    scopes = frozenset({SITE})
    indicator = "栏目不更新"
    description = "栏目下没有任何信息，也没有正文。"

    def detect(self, inventory):
        for column in empty_columns(inventory):
            yield Detection(column.target, "栏目没有任何内容（空白栏目）。")


def site_target(inventory):
    home = inventory.home_page
    if home is not None:
        return home.target
    return Target("site", None, "网站")


class ColumnVetoCheck(Check):
    """The whole-site veto: ≥5 stale, ≥10 long-stale or ≥5 empty columns."""

    code = "COLUMNS_VETO"
    name = "栏目不更新（单项否决）"
    severity = Severity.VETO
    scopes = frozenset({SITE})
    indicator = "栏目不更新"
    description = "未更新栏目达5个，或长期未更新栏目达10个，或空白栏目达5个，单项否决。"

    def detect(self, inventory):
        thresholds = inventory.thresholds
        stale = stale_columns(inventory)
        long_stale = [entry for entry in stale if entry[3]]
        empty = empty_columns(inventory)
        target = site_target(inventory)
        if len(stale) >= thresholds.stale_columns_veto:
            yield Detection(
                target,
                f"未按期更新的栏目有{len(stale)}个，达到{thresholds.stale_columns_veto}个。",
                key="stale",
            )
        if len(long_stale) >= thresholds.long_stale_columns_veto:
            yield Detection(
                target,
                f"长期未更新的栏目有{len(long_stale)}个，"
                f"达到{thresholds.long_stale_columns_veto}个。",
                key="long_stale",
            )
        if len(empty) >= thresholds.empty_columns_veto:
            yield Detection(
                target,
                f"空白栏目有{len(empty)}个，达到{thresholds.empty_columns_veto}个。",
                key="empty",
            )
