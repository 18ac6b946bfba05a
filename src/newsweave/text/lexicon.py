"""Word lists that several readers and analyses share, in one place."""

import calendar

# Dependency labels of a verb's subject.
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
# Month names and their abbreviations ("sept" too), lower case, to their numbers (January = 1);
# weekday names to theirs (Monday = 0).
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
