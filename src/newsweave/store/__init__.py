"""Store: stories, articles and the stories stage's state in one database (SQLite by
default). The only code in newsweave that speaks SQL."""

from newsweave.store.sqlite import DEFAULT_DB, Store, StoredArticle, StoredStory, StoreError

__all__ = ["DEFAULT_DB", "Store", "StoreError", "StoredArticle", "StoredStory"]
