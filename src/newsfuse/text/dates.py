"""Month and weekday names and number scale words, written once for every stage that reads dates and figures."""

from __future__ import annotations

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")
# lower-case month name or abbreviation ("jan", "sept") -> month number
MONTHS: dict[str, int] = {name: i for i, month in enumerate(MONTH_NAMES, start=1) for name in (month, month[:3])}
MONTHS["sept"] = 9
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# scale words and suffixes: "2.7 million", "500k", "$1.5bn" (the claims and the citations read figures by it)
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
