"""Sentences every format of the report says alike (Markdown, HTML and later the web pages)."""

from newsweave.model import UNLABELLED_STORY, StoryReport

# Said when conflicts were looked for and none found: silence would read as "not checked".
NO_CONFLICTS = ("None found: where the sources state the same fact, their numbers, dates, "
                "names and negations agree.")


def heading(story: StoryReport) -> str:
    """A story's heading: its headline, else "Story ID", or "Untitled story" when the id is
    the default one of unlabelled articles ("Story story" reads as a stammer)."""
    if story.headline:
        return story.headline
    return "Untitled story" if story.id == UNLABELLED_STORY else f"Story {story.id}"


def byline(story: StoryReport) -> str:
    """The line under the heading: how many sources, and the story's id when it has one of
    its own ("4 sources", "story d30001 · 4 sources")."""
    n = len(story.articles)
    sources = f"{n} source{'' if n == 1 else 's'}"
    return sources if story.id == UNLABELLED_STORY else f"story {story.id} · {sources}"
