"""Date expressions as days or intervals of days, resolved against the publication date.

"April 20" published 2016-04-12 is 2016-04-20, and with no publication date "--04-20";
"in the next two weeks" published 2016-04-08 is 2016-04-08/2016-04-22; "on Tuesday" is the
Tuesday of the publication week (the past one unless the sentence looks ahead). Whatever
needs a publication date nobody gave, or is vague ("recently", "these days"), or is anchored
to another event ("a day earlier", "the next year"), stays unresolved (iso None), never
guessed, and today's date is never used. Lengths of time ("for two years"), ages and
frequencies are not dates at all: `dates_in` leaves them out, `resolve_date` returns them
unresolved.

The relative and interval rules are ours: dateparser resolves a relative phrase to one
instant (no "last week" as Monday..Sunday, no decades or "earlier this month"), knows no
tense, and falls back on today. dateparser reads the rarer absolute formats ("20.04.2016",
"Wednesday 20th of April 2016"), strictly, with day, month and year required.

ISO values: "2016-04-20", "2016-04", "2016", "--04-20" (month and day, year unknown), and
"A/B" intervals of those ("1980/1989" for the 1980s, "2016-04-04/2016-04-10" for a week).
Weeks run Monday to Sunday; "early"/"mid"/"late" take the first, middle and last third of a
period (in whole years, months or days); "within days" is the next 7 days, "within hours" the
next day; a year-less day is the nearest one to the publication date (a season named alone
leans to the past, days ahead weighing a quarter more), unless the tense of the verb it
modifies rules that one out and another lies within a year. A month named alone ("in
December") is the last one not after the publication date unless the tense says future
("will ... in December"). Vague times ("at the end of the day", "at the time", "these
days") are no dates; "the end of the week" is one only where a tense places it.
"""

from newsweave.text.dates.finding import dates_in
from newsweave.text.dates.parsing import is_duration, not_a_date
from newsweave.text.dates.resolving import DateValue, compatible, resolve_date

__all__ = ["DateValue", "compatible", "dates_in", "is_duration", "not_a_date", "resolve_date"]
