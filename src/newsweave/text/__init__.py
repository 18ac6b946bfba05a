"""Text stage: Article -> Document (boilerplate dropped, sentences with offsets, entities)."""

from newsweave.text.sentences import prepare

__all__ = ["prepare"]
