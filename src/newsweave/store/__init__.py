"""Store: stories, articles and the stories stage's state in one database (a SQLite file by
default, or PostgreSQL by URL). The only code in newsweave that speaks SQL."""

from newsweave.store.sqlite import DEFAULT_DB, Store, StoredArticle, StoredStory, StoreError
from newsweave.store.target import ServerUrl, locate

__all__ = ["DEFAULT_DB", "ServerUrl", "Store", "StoreError", "StoredArticle", "StoredStory",
           "locate"]
