"""Sentences every format of the report says alike (Markdown, HTML and later the web pages)."""

# Said when conflicts were looked for and none found: silence would read as "not checked".
NO_CONFLICTS = ("None found: where the sources state the same fact, their numbers, dates, "
                "names and negations agree.")
