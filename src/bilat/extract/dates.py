"""Dates in text, resolved to absolute days: explicit dates and ranges, partial dates ('in March'),
dates relative to publication ('last Tuesday') and to dates the text has stated ('a week earlier',
'the following day', 'on the second day of the visit').

Without a publication date the year of yearless dates comes from the document's own dated statements.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTH_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "last": -1, "final": -1}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
           "nine": 9, "ten": 10, "several": None}
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14}

_M = (r"(?P<{n}>January|February|March|April|May|June|July|August|September|October|November|December"
      r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![a-z]))")
_D = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<{n}>(?:19|20)\d\d)"
_TO = r"\s*(?:-|–|—|to|and|until|till|through)\s*"


def _p(template: str, **names: str) -> str:
    for key, value in names.items():
        template = template.replace("{" + key + "}", value)
    return template


PATTERNS = [
    # 30 June – 2 July 2024
    ("day_range2", _p(r"(?:from\s+|between\s+)?{d1}\s+{m1}{to}{d2}\s+{m2}(?:,?\s+{y})?",
                      d1=_D.format(n="d1"), m1=_M.format(n="m1"), d2=_D.format(n="d2"), m2=_M.format(n="m2"),
                      y=_Y.format(n="y"), to=_TO)),
    # 16–17 May 2024, from 20 to 22 March
    ("day_range", _p(r"(?:from\s+|between\s+)?{d1}{to}{d2}\s+{m}(?:,?\s+{y})?",
                     d1=_D.format(n="d1"), d2=_D.format(n="d2"), m=_M.format(n="m1"), y=_Y.format(n="y"), to=_TO)),
    # May 16-17, 2024
    ("us_range", _p(r"{m}\s+{d1}{to}{d2}(?:,?\s+{y})?",
                    m=_M.format(n="m1"), d1=_D.format(n="d1"), d2=_D.format(n="d2"), y=_Y.format(n="y"), to=r"\s*(?:-|–|—)\s*")),
    # 16 May 2024
    ("day", _p(r"{d}\s+(?:of\s+)?{m}(?:,?\s+{y})?", d=_D.format(n="d1"), m=_M.format(n="m1"), y=_Y.format(n="y"))),
    # May 16, 2024
    ("us_day", _p(r"{m}\s+{d}(?:,\s*{y})?(?![\d%])", m=_M.format(n="m1"), d=_D.format(n="d1"), y=_Y.format(n="y"))),
    # 2024-05-16
    ("iso", r"(?P<y>(?:19|20)\d\d)-(?P<mn>[01]\d)-(?P<d1>[0-3]\d)"),
    # first quarter of 2024, Q1 2024, the second half of 2023, H1 2025
    ("quarter", r"(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?\s+(?P<y>(?:19|20)\d\d)"),
    ("quarter", r"\bQ(?P<qn>[1-4])\s+(?P<y>(?:19|20)\d\d)"),
    ("half", r"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of)?\s+(?P<y>(?:19|20)\d\d)"),
    ("half", r"\bH(?P<hn>[12])\s+(?P<y>(?:19|20)\d\d)"),
    # the first seven months (of 2024), the first half of the year: cumulative periods of statistics
    ("first_months", r"(?:the\s+)?first\s+(?P<nm>two|three|four|five|six|seven|eight|nine|ten|eleven|[2-9]|1[01])\s+months"
                     r"(?:\s+of\s+(?:(?P<y>(?:19|20)\d\d)|(?P<rel>the|this|last)\s+year))?"),
    ("quarter", r"(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
                r"(?:\s+of\s+(?P<rel>the|this|last)\s+year)?(?!\s+of\s+(?:19|20)\d\d)"),
    ("half", r"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+(?P<rel>the|this|last)\s+year)?(?!\s+of\s+(?:19|20)\d\d)"),
    # by the end of November: the year so far
    ("year_to", _p(r"\b(?:by|until|through|to)\s+the\s+end\s+of\s+{m}(?:\s+{y})?", m=_M.format(n="m1"), y=_Y.format(n="y"))),
    # January–April 2024, between January and April
    ("month_range", _p(r"(?:from\s+|between\s+)?{m1}{to}{m2}(?:,?\s+{y})?", m1=_M.format(n="m1"), m2=_M.format(n="m2"),
                       y=_Y.format(n="y"), to=_TO)),
    # March 2024; in March (the bare month needs a preposition so that the verb 'may' is not a month)
    ("month", _p(r"{m}\s+{y}", m=_M.format(n="m1"), y=_Y.format(n="y"))),
    ("month", _p(r"\b(?i:in|of|since|by|until|for|during|early|mid|late)[\s-]+{m}(?!\s+\d)", m=_M.format(n="m1"))),
    # split financial years, April to March: 2023-24, FY2023-24, the 2023/24 fiscal year, FY24
    ("fiscal", r"(?<![\d-])(?:FY\s?)?(?P<fy1>(?:19|20)\d\d)\s?[-–/]\s?(?P<fy2>\d\d|(?:19|20)\d\d)(?![\d-])"
               r"(?:\s+(?:financial|fiscal)\s+year)?"),
    ("fiscal", r"\bFY\s?(?P<fyy>\d\d)\b"),
    ("year", r"(?<![\d-])(?P<y>(?:19|20)\d\d)(?![\d-])"),
    # relative to publication
    ("weekday", r"\b(?:(?P<wrel>last|this|on|next)\s+)?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("deictic", r"\b(?P<deictic>yesterday|today|tomorrow|tonight|this evening|this morning|this afternoon|last week|last month|last year|this year|this month|this week|next year|next month|next week|earlier this (?:month|year|week))\b"),
    # relative to a date the text has stated
    ("shift", r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?P<unit>days?|weeks?|fortnight)\s+(?P<dir>earlier|later|before|after|afterwards|previously)\b"),
    ("next_day", r"\b(?:the\s+)?(?P<nextday>following day|next day|day after|day before|previous day|same day|that day|that evening|that morning|in the evening|in the morning|later that day|later the same day|the evening)\b"),
    ("nth_day", r"\b(?:on\s+)?the\s+(?P<nth>first|second|third|fourth|fifth|sixth|seventh|last|final)\s+day\b"),
]
_NOCASE = ("weekday", "deictic", "shift", "next_day", "nth_day", "first_months", "quarter", "half", "year_to")
_COMPILED = [(kind, re.compile(rx, re.IGNORECASE if kind in _NOCASE else 0))
             for kind, rx in PATTERNS]
OCCASION_NOUNS = {"visit", "summit", "trip", "talks", "meeting", "forum", "tour", "exercise", "exercises", "drills",
                  "patrol", "session", "conference", "ceremony"}


@dataclass(frozen=True)
class DateSpan:
    """A date expression: text[start:end], resolved to the days it covers (first..last), or unresolved."""

    start: int
    end: int
    kind: str
    grain: str  # day | month | quarter | half | year
    first: dt.date | None
    last: dt.date | None

    @property
    def period(self) -> str | None:
        """The contract's PERIOD form."""
        if not self.first:
            return None
        if self.grain == "year":
            return f"{self.first.year}"
        if self.grain == "quarter":
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        if self.grain == "half":
            return f"{self.first.year}-H{1 if self.first.month <= 6 else 2}"
        a, b = f"{self.first:%Y-%m}", f"{self.last:%Y-%m}"
        return a if a == b else f"{a}/{b}"


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def scan(text: str) -> list[tuple[int, int, str, dict]]:
    """Non-overlapping date expressions in text order; earlier patterns (more specific) win overlaps."""
    found: list[tuple[int, int, str, dict]] = []
    taken: list[tuple[int, int]] = []
    for kind, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            groups = {k: v for k, v in m.groupdict().items() if v}
            if kind == "fiscal" and "fy1" in groups and int(groups["fy2"][-2:]) != (int(groups["fy1"]) + 1) % 100:
                continue
            if kind == "fiscal" and len(groups.get("fy2", "")) == 4 and not re.search(r"(?i)FY|year", m.group(0)):
                continue  # "for 2024-2025" is two calendar years unless called a financial year
            if kind in ("day", "day_range", "us_day", "us_range", "day_range2"):
                if int(groups["d1"]) > 31 or int(groups.get("d2", 1)) > 31 or int(groups["d1"]) == 0:
                    continue
            found.append((s, e, kind, groups))
            taken.append((s, e))
    return sorted(found)


def document_year(spans: list[tuple[int, int, str, dict]], published: str | None) -> int | None:
    """The year a yearless date means: the publication year, else the year most dated statements carry."""
    if published:
        return int(published[:4])
    weights: Counter[int] = Counter()
    for _, _, kind, g in spans:
        if "y" in g:
            weights[int(g["y"])] += 1 if kind == "year" else 3
    if not weights:
        return None
    best = max(weights.values())
    return max(year for year, w in weights.items() if w == best)


class DateIndex:
    """Every date expression of a document, resolved in reading order."""

    def __init__(self, doc: Doc, published: str | None):
        self.doc = doc
        self.published = dt.date.fromisoformat(published) if published else None
        raw = scan(doc.text)
        self.year = document_year(raw, published)
        self.occasion: DateSpan | None = None
        self.spans: list[DateSpan] = []
        last: DateSpan | None = None
        occasions: list[tuple[DateSpan, bool]] = []
        days: list[DateSpan] = []  # the days told in the report's first part
        sentence_year: dict[int, int] = {}
        for start, end, kind, g in raw:
            sent = doc.char_span(start, end, alignment_mode="expand")
            sent_id = sent.sent.start if sent is not None else -1
            span = self._resolve(start, end, kind, g, last, sentence_year.get(sent_id), sent)
            if "y" in g and kind not in ("year",):
                sentence_year[sent_id] = int(g["y"])
            previous = self.spans[-1] if self.spans else None
            if previous is not None and previous.kind == "weekday" and span.grain == "day" and span.first \
                    and re.fullmatch(r",?\s*(the\s+)?", doc.text[previous.end:start]):
                # 'on Tuesday, 12 December 2023': the weekday is the date that follows, not the Tuesday before
                # the report was published
                self.spans[-1] = replace(previous, first=span.first, last=span.first)
            self.spans.append(span)
            if span.first and span.grain == "day":
                last = span
                # the occasion a report is about is told in its first part; a visit recalled further down
                # ('three months after Biden visited Hanoi on 10-11 September') is background
                if start <= max(0.4 * len(doc.text), 600):
                    days.append(span)
                    if sent is not None and _mentions_occasion(sent.sent):
                        occasions.append((span, _ends_occasion(sent.sent)))
        self.occasion = _occasion(occasions, days)
        if self.occasion is None:
            # the first day told, passing over a dateline ('HANOI, 13 December 2023' is when it was written)
            dated = [s for s in self.spans if s.first and s.grain == "day" and s.kind != "year"]
            self.occasion = next((s for s in dated if not _dateline(doc, s)), dated[0] if dated else None)

    # -- resolution ------------------------------------------------------------------------------

    def _year_for(self, month: int, day: int, sentence_year: int | None) -> int | None:
        if sentence_year:
            return sentence_year
        if self.published:
            year = self.published.year
            candidate = _safe(year, month, min(day, 28))
            # A yearless date well after publication is last year's ("in December", written in January).
            if candidate and candidate > self.published + dt.timedelta(days=45):
                return year - 1
            return year
        return self.year

    def _stat_year(self, g: dict, last_month: int, sentence_year: int | None) -> int | None:
        """The year of a yearless part of a year ('the first half'): 'last year' says so; otherwise a part not
        yet over at publication is the previous year's, as statistics only report finished periods."""
        if "y" in g:
            return int(g["y"])
        rel = g.get("rel", "").lower()
        if rel == "last":
            base = self.published.year if self.published else self.year
            return base - 1 if base else None
        if sentence_year and rel != "this":
            return sentence_year
        if self.published:
            year = self.published.year
            return year - 1 if _month_end(year, last_month) > self.published + dt.timedelta(days=45) else year
        return self.year

    def _resolve(self, start, end, kind, g, last, sentence_year, span) -> DateSpan:
        def out(grain, first, lastday):
            return DateSpan(start, end, kind, grain, first, lastday)

        if kind in ("day", "us_day", "iso"):
            month = int(g["mn"]) if "mn" in g else _month(g["m1"])
            day = int(g["d1"])
            year = int(g["y"]) if "y" in g else self._year_for(month, day, sentence_year)
            d = _safe(year, month, day) if year else None
            return out("day", d, d)
        if kind in ("day_range", "us_range", "day_range2"):
            m1 = _month(g["m1"])
            m2 = _month(g["m2"]) if "m2" in g else m1
            year = int(g["y"]) if "y" in g else self._year_for(m2, int(g["d2"]), sentence_year)
            if not year:
                return out("day", None, None)
            a = _safe(year - (1 if m1 > m2 else 0), m1, int(g["d1"]))
            b = _safe(year, m2, int(g["d2"]))
            return out("day", a, b) if a and b and a <= b else out("day", None, None)
        if kind in ("month", "month_range"):
            m1 = _month(g["m1"])
            m2 = _month(g["m2"]) if "m2" in g else m1
            year = int(g["y"]) if "y" in g else self._year_for(m2, 1, sentence_year)
            if not year:
                return out("month", None, None)
            return out("month", dt.date(year - (1 if m1 > m2 else 0), m1, 1), _month_end(year, m2))
        if kind == "first_months":
            n = MONTH_COUNTS.get(g["nm"].lower()) or int(g["nm"])
            year = self._stat_year(g, n, sentence_year)
            return out("month", dt.date(year, 1, 1), _month_end(year, n)) if year else out("month", None, None)
        if kind == "year_to":
            m = _month(g["m1"])
            year = int(g["y"]) if "y" in g else self._year_for(m, 1, sentence_year)
            return out("month", dt.date(year, 1, 1), _month_end(year, m)) if year else out("month", None, None)
        if kind == "quarter":
            q = int(g["qn"]) if "qn" in g else {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
                                                 "3rd": 3, "4th": 4}[g["q"].lower()]
            year = self._stat_year(g, 3 * q, sentence_year)
            if not year:
                return out("quarter", None, None)
            return out("quarter", dt.date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
        if kind == "half":
            h = int(g["hn"]) if "hn" in g else (1 if g["h"].lower() == "first" else 2)
            year = self._stat_year(g, 6 * h, sentence_year)
            if not year:
                return out("half", None, None)
            return out("half", dt.date(year, 6 * h - 5, 1), _month_end(year, 6 * h))
        if kind == "fiscal":
            year = int(g["fy1"]) if "fy1" in g else 2000 + int(g["fyy"]) - 1
            return out("month", dt.date(year, 4, 1), _month_end(year + 1, 3))
        if kind == "year":
            year = int(g["y"])
            return out("year", dt.date(year, 1, 1), dt.date(year, 12, 31))
        if kind == "weekday":
            if not self.published or g.get("wrel", "").lower() == "this":
                return out("day", None, None)
            target = WEEKDAYS[g["wd"].lower()]
            back = (self.published.weekday() - target) % 7
            if g.get("wrel", "").lower() == "next":
                d = self.published + dt.timedelta(days=(target - self.published.weekday()) % 7 or 7)
            else:
                d = self.published - dt.timedelta(days=back or (7 if g.get("wrel", "").lower() == "last" else 0))
            return out("day", d, d)
        if kind == "deictic":
            return self._deictic(g["deictic"].lower(), out)
        if kind == "shift":
            n = NUMBERS.get(g["n"].lower(), None) if not g["n"].isdigit() else int(g["n"])
            anchor = self._anchor(span, last)
            if n is None or anchor is None:
                return out("day", None, None)
            delta = dt.timedelta(days=n * UNITS[g["unit"].lower()])
            sign = -1 if g["dir"].lower() in ("earlier", "before", "previously") else 1
            base = anchor.first if sign < 0 else anchor.last
            d = base + sign * delta
            return out("day", d, d)
        if kind == "next_day":
            phrase = g["nextday"].lower()
            if last is None:
                return out("day", None, None)
            if phrase in ("following day", "next day", "day after"):
                d = last.last + dt.timedelta(days=1)
            elif phrase in ("day before", "previous day"):
                d = last.first - dt.timedelta(days=1)
            else:
                d = last.last if last.first == last.last else None
            return out("day", d, d)
        if kind == "nth_day":
            occ = self.occasion or last
            if occ is None or occ.first is None:
                return out("day", None, None)
            n = ORDINALS[g["nth"].lower()]
            d = occ.last if n == -1 else occ.first + dt.timedelta(days=n - 1)
            if d > occ.last:
                return out("day", None, None)
            return out("day", d, d)
        return out("day", None, None)

    def _anchor(self, span: Span | None, last: DateSpan | None) -> DateSpan | None:
        """What 'a week earlier' counts from: the occasion when the sentence speaks of it, else the last date."""
        if span is not None and self.occasion is not None and _mentions_occasion(span.sent):
            return self.occasion
        return last or self.occasion

    def _deictic(self, phrase: str, out) -> DateSpan:
        p = self.published
        if p is None:
            return self._deictic_year(phrase, out)
        if phrase in ("today", "tonight", "this evening", "this morning", "this afternoon"):
            return out("day", p, p)
        if phrase == "yesterday":
            return out("day", p - dt.timedelta(days=1), p - dt.timedelta(days=1))
        if phrase == "tomorrow":
            return out("day", p + dt.timedelta(days=1), p + dt.timedelta(days=1))
        if phrase in ("last week",):
            monday = p - dt.timedelta(days=p.weekday() + 7)
            return out("week", monday, monday + dt.timedelta(days=6))
        if phrase in ("this week",):
            monday = p - dt.timedelta(days=p.weekday())
            return out("week", monday, monday + dt.timedelta(days=6))
        if phrase == "last month":
            first = (p.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
            return out("month", first, _month_end(first.year, first.month))
        if phrase in ("this month", "earlier this month"):
            return out("month", p.replace(day=1), _month_end(p.year, p.month))
        if phrase == "last year":
            return out("year", dt.date(p.year - 1, 1, 1), dt.date(p.year - 1, 12, 31))
        if phrase in ("this year", "earlier this year"):
            return out("year", dt.date(p.year, 1, 1), dt.date(p.year, 12, 31))
        if phrase == "next year":
            return out("year", dt.date(p.year + 1, 1, 1), dt.date(p.year + 1, 12, 31))
        return out("day", None, None)

    def _deictic_year(self, phrase: str, out) -> DateSpan:
        """Without a publication date, 'last year' still counts from the year the document speaks of."""
        shift = {"last year": -1, "this year": 0, "earlier this year": 0, "next year": 1}.get(phrase)
        if shift is None or not self.year:
            return out("day", None, None)
        year = self.year + shift
        return out("year", dt.date(year, 1, 1), dt.date(year, 12, 31))

    # -- questions -------------------------------------------------------------------------------

    def within(self, start: int, end: int) -> list[DateSpan]:
        return [s for s in self.spans if start <= s.start and s.end <= end]


_ENDING_VERBS = {"wrap", "end", "conclude", "finish", "leave", "close", "complete"}


def _dateline(doc, span: "DateSpan") -> bool:
    """A line of its own, a place and a date at most ('HANOI, 13 December 2023', 'London, 11 January 2023')."""
    line_start = doc.text.rfind("\n", 0, span.start) + 1
    line_end = doc.text.find("\n", span.end)
    line = doc.text[line_start:line_end if line_end >= 0 else len(doc.text)]
    return len(line.split()) <= 6 and not line.rstrip().endswith(".")


def _occasion(candidates: list[tuple["DateSpan", bool]], days: list["DateSpan"]) -> "DateSpan | None":
    """The first day told in a sentence about the visit, summit or talks, in the report's first part (a visit
    recalled further down is background). 'Lula wrapped up a state visit to China on Saturday' dates the
    visit's end: then the earliest day the report gives within the week before is the occasion's day."""
    if not candidates:
        return None
    first, ending = candidates[0]
    if ending and first.first:
        earlier = [d for d in days if d.first and 0 < (first.first - d.first).days <= 7]
        if earlier:
            return min(earlier, key=lambda d: d.first)
    return first


def _ends_occasion(sent: Span) -> bool:
    return any(t.pos_ == "VERB" and t.lemma_.lower() in _ENDING_VERBS for t in sent)


def _mentions_occasion(sent: Span) -> bool:
    return any((t.lemma_.lower() in OCCASION_NOUNS or t.lower_ in OCCASION_NOUNS) and t.pos_ in ("NOUN", "PROPN")
               for t in sent)
