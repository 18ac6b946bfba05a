"""Stories stage: articles -> stories. `StoryStream` files a stream of articles into the
stories of a store (syndicated copies, incremental clustering); `grouping` builds the Story
of one report's articles."""

from newsweave.stories.stream import Added, StoryStream

__all__ = ["Added", "StoryStream"]
