"""Calendar arithmetic shared by the indicators: reporting periods and date buckets."""
from __future__ import annotations

import datetime as dt
import re

FREQUENCIES = ("week", "month", "quarter")


def bucket(date: str, freq: str) -> str:
    """The week (ISO, '2024-W29'), month ('2024-07') or quarter ('2024-Q3') a day falls in."""
    day = dt.date.fromisoformat(date[:10])
    if freq == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if freq == "month":
        return f"{day.year}-{day.month:02d}"
    if freq == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    raise ValueError(f"unknown frequency {freq!r}; use one of {', '.join(FREQUENCIES)}")


def buckets_between(first: str, last: str, freq: str) -> list[str]:
    """Every bucket from the one holding `first` to the one holding `last`, empty ones included, so a
    chart's x axis shows quiet periods as quiet rather than skipping them."""
    day, stop = dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])
    if freq == "week":
        day -= dt.timedelta(days=day.weekday())
        step = lambda d: d + dt.timedelta(days=7)  # noqa: E731
    else:
        day = day.replace(day=1)
        step = lambda d: (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)  # noqa: E731
    out: list[str] = []
    while day <= stop:
        label = bucket(day.isoformat(), freq)
        if not out or out[-1] != label:
            out.append(label)
        day = step(day)
    return out


_SPAN = re.compile(r"^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?(?:/(\d{4})-(\d{2}))?$")


def month_span(period: str | None) -> tuple[int, int] | None:
    """A reporting period as (first month, last month) counted from year 0, so '2025-H1' equals
    '2025-01/2025-06' as the contract says."""
    if not period:
        return None
    m = _SPAN.match(period.strip())
    if not m:
        return None
    year = int(m[1])
    if m[5]:
        return year * 12 + int(m[2] or 1) - 1, int(m[5]) * 12 + int(m[6]) - 1
    if m[2]:
        first = last = int(m[2])
    elif m[3]:
        first, last = 3 * int(m[3]) - 2, 3 * int(m[3])
    elif m[4]:
        first, last = 6 * int(m[4]) - 5, 6 * int(m[4])
    else:
        first, last = 1, 12
    return year * 12 + first - 1, year * 12 + last - 1


def span_days(start: str | None, end: str | None) -> int:
    if not start:
        return 10**6
    if not end:
        return 1
    return (dt.date.fromisoformat(end[:10]) - dt.date.fromisoformat(start[:10])).days + 1
