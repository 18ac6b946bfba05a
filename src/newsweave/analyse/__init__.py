"""Analysis of a story: claims, conflicts, summary, quotes, timeline, framing, entities."""
