"""How posts and messages come in: manual entry (the admin), files (CSV/XLSX) and feeds.

A platform importer implements `PostSource` (see base.py): given an account it returns
ImportedPost items; `save_posts` stores them without duplicates. Feeds (RSS, Atom, JSON Feed)
are the first implementation; an importer for a platform's own API plugs in the same way.
"""

from .base import ImportedMessage, ImportedPost, PostSource, save_messages, save_posts
from .feeds import FeedSource, parse_feed, pull_account_feed
from .tabular import ImportError_, read_messages, read_posts

__all__ = [
    "FeedSource",
    "ImportError_",
    "ImportedMessage",
    "ImportedPost",
    "PostSource",
    "parse_feed",
    "pull_account_feed",
    "read_messages",
    "read_posts",
    "save_messages",
    "save_posts",
]
