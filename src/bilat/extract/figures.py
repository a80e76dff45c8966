"""Economic figures: an indicator (whose exports, to whom), its period, a value with unit and a change in percent.

A sentence is read left to right as a stream of indicator phrases, quantities and dates. An indicator phrase
opens a figure; quantities fill its value and change; a second quantity of a kind already filled, or a new
date after a dated figure, opens a sibling figure with the same indicator (gapping: "fell 16% in March, and
in April by 13.5%"). Sentences without an indicator may continue the figure of the sentences before
("it stood at ...", "growth slowed after ..."). The vocabulary lives in vocab/figures.yaml.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span

from ..model import Evidence, Figure
from ..vocab import load
from . import register
from .context import Context

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
STATE_KINDS = ("state", "demonym", "capital")
TRADE = ("exports", "imports", "trade", "trade_balance")
FLOWS = ("exports", "supply", "production")  # indicators whose reporter can be the seller a sentence names
CARRY_SENTENCES = 3
INDIAN_SCALES = {"lakh crore": 1e12, "crore": 1e7, "lakh": 1e5}
SCALES = (("tn", 1e12), ("bn", 1e9), ("mn", 1e6), ("k", 1e3))  # how far back a figure can be continued by "it", "growth", "the total"


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    """figures.yaml compiled into the lookups and sentence-level patterns the extractor uses."""

    indicator_rx: re.Pattern
    indicator_of: dict
    quantity_rx: re.Pattern
    currency_of: dict
    physical_of: dict
    scale_of: dict
    number_words: dict
    fractions: dict
    multiples: dict
    up: frozenset
    down: frozenset
    yoy_rx: re.Pattern
    mom_rx: re.Pattern
    approx_rx: re.Pattern
    comparison_rx: re.Pattern
    background_rx: re.Pattern
    prior_rx: re.Pattern
    level_rx: re.Pattern
    reference_rx: re.Pattern
    forecast_aux: frozenset
    forecast_words: frozenset
    percent_levels: frozenset
    reporter_preps: dict
    partner_preps: dict
    pair_preps: frozenset
    source_nouns: frozenset
    trigger_words: frozenset
    economies: frozenset
    totals: frozenset
    agents: frozenset
    thresholds: frozenset


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    v = load().figures
    indicator_of = {p.lower(): ind for ind, phrases in v["indicators"].items() for p in phrases}
    currency_of = {f.lower(): c for c, forms in v["currencies"].items() for f in forms}
    physical_of = {f.lower(): u for u, forms in v["physical"].items() for f in forms}
    scale_of = {f.lower(): s for s, forms in v["scales"].items() for f in forms}
    words = {str(k).lower(): float(n) for k, n in v["number_words"].items()}
    fractions = {k.lower(): float(n) for k, n in v["fractions"].items()}
    wordnum = rf"\b(?:{_alt(words)})(?:[- ](?:{_alt(words)}))?\b"
    number = rf"(?:{NUM}|{wordnum})"
    scale = rf"(?:{_alt(scale_of)})"
    symbols = [f for f in currency_of if not f[0].isalpha()]
    codes = [f for f in currency_of if f[0].isalpha()]
    quantity = (
        rf"(?P<pre>{_alt(symbols + [c for c in codes if len(c) <= 3 and c != 'won'])})\s?(?P<n1>{number})(?:\s*(?P<s1>{scale})\b)?"
        rf"|(?P<n2>{number})\s*(?:(?P<s2>{scale})\s+)?(?P<phys>{_alt(physical_of)})\b"
        rf"|(?P<n3>{number})(?:\s*(?P<s3>{scale}))?\s+(?P<post>{_alt(codes)})\b"
        rf"|(?P<n4>{number})\s*(?P<pct>%|per\s?cent\b|pct\b)(?!\s*(?:age)?\s*points?)"
        rf"|\bby\s+(?:(?:{_alt(v['approximate'])})\s+)?(?P<frac>\b(?:{_alt(fractions)}))\b"
        rf"|\b(?P<mult>{_alt(v['multiples'])})\b"
    )

    def phrases(key):
        return re.compile(rf"\b(?:{_alt(v[key])})\b", re.IGNORECASE)

    trigger = set(words) | {w.split()[-1] for w in fractions} | set(v["multiples"])
    return Lexicon(
        indicator_rx=re.compile(rf"\b(?:{_alt(indicator_of)})\b", re.IGNORECASE),
        indicator_of=indicator_of,
        quantity_rx=re.compile(quantity, re.IGNORECASE),
        currency_of=currency_of, physical_of=physical_of, scale_of=scale_of, number_words=words,
        fractions=fractions, multiples={k: float(n) for k, n in v["multiples"].items()},
        up=frozenset(v["change_up"]), down=frozenset(v["change_down"]),
        yoy_rx=phrases("yoy"), mom_rx=phrases("mom"),
        approx_rx=re.compile(rf"\b(?:{_alt(v['approximate'])})\s*(?:by\s+)?(?:a\s+|an\s+)?(?:record\s+)?(?:US)?(?:R\$|Rs\.?|[$€£¥₹₩])?\s*$",
                             re.IGNORECASE),
        comparison_rx=re.compile(rf"\b(?:{_alt(v['comparison_preps'])})\s+(?:the\s+)?$", re.IGNORECASE),
        background_rx=re.compile(rf"\b(?:{_alt(v['background_words'])})\s+(?:\S+\s+){{0,2}}\S*$", re.IGNORECASE),
        prior_rx=re.compile(rf"\b(?:{_alt(v['prior_preps'])})\s+(?:(?:{_alt(v['approximate'])})\s+)?\S*$", re.IGNORECASE),
        level_rx=re.compile(rf"\b(?:{_alt(v['level_preps'])})\s+(?:(?:{_alt(v['approximate'])})\s+)?$", re.IGNORECASE),
        reference_rx=re.compile(rf"\b(?:{_alt(v['references'])})\b", re.IGNORECASE),
        forecast_aux=frozenset(v["forecast_aux"]), forecast_words=frozenset(v["forecast_words"]),
        percent_levels=frozenset(v["percent_levels"]),
        reporter_preps={k: frozenset(p) for k, p in v["reporter_preps"].items()},
        partner_preps={k: frozenset(p) for k, p in v["partner_preps"].items()},
        pair_preps=frozenset(v["pair_preps"]), source_nouns=frozenset(v["source_nouns"]),
        trigger_words=frozenset(trigger), economies=frozenset(v["economies"]),
        totals=frozenset(v["totals"]), agents=frozenset(v["agents"]), thresholds=frozenset(v["thresholds"]),
    )


# -- the items of a sentence -------------------------------------------------------------------------


@dataclass
class Quantity:
    start: int
    end: int
    kind: str  # value | change | level
    number: float
    unit: str | None = None
    approximate: bool = False
    basis: str | None = None
    background: bool = False
    signed: bool = False  # a multiple ("halved") carries its own sign


@dataclass
class Indicator:
    start: int
    end: int
    name: str
    reporter: str | None = None
    partner: str | None = None
    pronoun: bool = False  # "its imports": the reporter is the figure before's
    total: bool = False  # "overall exports": a total, with no partner
    negative: bool = False  # "a deficit of $5bn": a balance below zero


@dataclass
class Draft:
    indicator: str
    reporter: str | None
    partner: str | None
    period: str | None = None
    explicit_period: bool = False
    value: Quantity | None = None
    change: Quantity | None = None
    level: Quantity | None = None
    background: bool = False
    stated: Indicator | None = None

    def filled(self) -> bool:
        return bool(self.value or self.change or self.level)

    def sibling(self) -> "Draft":
        return Draft(self.indicator, self.reporter, self.partner, stated=self.stated)


@dataclass
class Carry:
    """What the sentences before leave for the next: the last figure stated as a fact of the main period."""

    draft: Draft | None = None
    sentence: int = -99
    pair: tuple[str, str] | None = None
    period: str | None = None


def _number(text: str, lex: Lexicon) -> float | None:
    text = text.lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    parts = re.split(r"[- ]", text)
    if all(p in lex.number_words for p in parts):
        return sum(lex.number_words[p] for p in parts)
    return None


def _quantities(sent_text: str, base: int, lex: Lexicon) -> list[Quantity]:
    out = []
    for m in lex.quantity_rx.finditer(sent_text):
        q = _quantity(m, lex)
        if q is None:
            continue
        q.start, q.end = base + m.start(), base + m.end()
        number_at = next(m.start(g) for g in ("n1", "n2", "n3", "n4", "frac", "mult") if m.group(g))
        before = sent_text[max(0, number_at - 30):number_at]
        q.approximate = bool(lex.approx_rx.search(before))
        if q.kind == "change" and m.group("n4") and lex.level_rx.search(before):
            q.kind = "level"
        out.append(q)
    return out


def _quantity(m: re.Match, lex: Lexicon) -> Quantity | None:
    g = m.groupdict()
    if g["frac"] or g["mult"]:
        key = (g["frac"] or g["mult"]).lower()
        number = lex.fractions.get(key, lex.multiples.get(key))
        return Quantity(0, 0, "change", number, "%", signed=bool(g["mult"]))
    raw = g["n1"] or g["n2"] or g["n3"] or g["n4"]
    number = _number(raw, lex)
    if number is None:
        return None
    if g["pct"]:
        return Quantity(0, 0, "change", number, "%")
    scale = lex.scale_of.get(re.sub(r"\s+", " ", g["s1"] or g["s2"] or g["s3"] or "").lower())
    if scale in INDIAN_SCALES:  # "₹5.4 lakh crore", "₹35,000 crore": restated in the contract's scale words
        number, scale = _rescale(number * INDIAN_SCALES[scale])
    if g["phys"]:
        base = lex.physical_of[g["phys"].lower()]
    else:
        base = lex.currency_of.get((g["pre"] or g["post"]).lower()) or lex.currency_of.get(g["pre"] or g["post"])
    if base is None:
        return None
    if raw.isdigit() and 1900 <= number <= 2100 and not scale:
        return None  # "in 2023 roubles" is a year, not an amount
    return Quantity(0, 0, "value", number, f"{base} {scale}" if scale else base)


def _rescale(amount: float) -> tuple[float, str | None]:
    for word, factor in SCALES:
        if amount >= factor:
            return round(amount / factor, 6), word
    return amount, None


def _indicators(ctx: Context, sent: Span, lex: Lexicon) -> list[Indicator]:
    out = []
    for m in lex.indicator_rx.finditer(sent.text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        if span is None or not _is_indicator_use(span):
            continue
        ind = Indicator(start, end, lex.indicator_of[m.group(0).lower()])
        ind.negative = "deficit" in m.group(0).lower()
        _locate(ctx, sent, span, ind, lex)
        out.append(ind)
    return out


def _is_indicator_use(span: Span) -> bool:
    """'trade' in 'trade war', 'export controls', 'trade minister' names no quantity."""
    last = span[-1]
    return not (last.dep_ == "compound" and last.head.i > last.i and last.head.lower_ not in
                ("volume", "turnover", "value", "flows", "growth", "figures", "data", "surplus", "deficit", "balance"))


def _state_at(ctx: Context, i: int) -> str | None:
    if i < 0 or i >= len(ctx.doc):
        return None
    return _economy(ctx.actors.at(ctx.doc[i]))


def _economy(m) -> str | None:
    """The code a figure's reporter or partner takes: a state's ISO3, or a bloc that keeps trade statistics."""
    if m is None:
        return None
    if m.spec.kind in STATE_KINDS:
        return m.actor.country
    if m.spec.kind == "org" and m.actor.org in lexicon().economies:
        return m.actor.org
    return None


def _mention_start(ctx: Context, i: int) -> int:
    m = ctx.actors.at(ctx.doc[i])
    return m.span.start if m is not None else i


def _locate(ctx: Context, sent: Span, span: Span, ind: Indicator, lex: Lexicon) -> None:
    """Reporter and partner from the words around the indicator: 'China's exports to Russia',
    'Russian imports from China', 'China-Russia trade', 'trade between China and Russia'."""
    before = _states_before(ctx, sent, span.start, lex)
    if len(before) >= 2 and ind.name in ("trade", "trade_balance"):
        ind.reporter, ind.partner = before[0], before[1]
    elif before:
        ind.reporter = before[-1]
    elif any(ctx.doc[k].lower_ in ("its", "their") for k in range(max(sent.start, span.start - 3), span.start)):
        ind.pronoun = True
    ind.total = any(ctx.doc[k].lower_ in lex.totals for k in range(max(sent.start, span.start - 3), span.start))
    _states_after(ctx, sent, span.end, ind, lex)
    if ind.name in ("imports", "exports"):
        _commodity_origin(ctx, sent, span.end, ind)
    ind.total = ind.total and ind.partner is None


def _commodity_origin(ctx: Context, sent: Span, i: int, ind: Indicator) -> None:
    """'imports of Russian crude', 'bought 1.7 million barrels a day of Russian oil': the adjective of the goods
    names the seller."""
    for j in range(i, min(sent.end - 1, i + 10)):
        tok = ctx.doc[j]
        if tok.is_punct and tok.lower_ not in ("-", "'s"):
            return
        if tok.lower_ != "of":
            continue
        m = ctx.actors.at(ctx.doc[j + 1])
        if m is not None and m.spec.kind == "demonym" and m.actor.country:
            if ind.name == "imports" and ind.partner is None and m.actor.country != ind.reporter:
                ind.partner = m.actor.country
            elif ind.name == "exports" and ind.reporter is None and m.actor.country != ind.partner:
                ind.reporter = m.actor.country
            return


def _states_before(ctx: Context, sent: Span, i: int, lex: Lexicon) -> list[str]:
    """States written just before the indicator, possessive, adjectival or hyphenated ('China-Russia'), also
    through a noun of agents ('Indian refiners bought')."""
    found, j = [], i - 1
    skip = {"'s", "’s", "'", "-", "–", "—", "/", "and", "total", "bilateral", "annual", "overall", "monthly", "'s"}
    skip |= lex.totals | lex.agents
    while j >= sent.start and i - j <= 6:
        tok = ctx.doc[j]
        country = _state_at(ctx, j)
        if country:
            if country not in found:
                found.insert(0, country)
            j = _mention_start(ctx, j) - 1
            continue
        if tok.lower_ in skip or (tok.pos_ == "ADJ" and not found):
            j -= 1
            continue
        break
    return found


def _states_after(ctx: Context, sent: Span, i: int, ind: Indicator, lex: Lexicon) -> None:
    """'to Russia', 'from China', 'with the United States', 'between China and Russia', also after the
    quantity: 'a deficit of about $57 billion with Russia'."""
    end = min(sent.end, i + 9)
    for j in range(i, end):
        word = ctx.doc[j].lower_
        if word in lex.pair_preps:
            states = _states_in(ctx, j + 1, min(sent.end, j + 8))
            if len(states) >= 2:
                ind.reporter, ind.partner = states[0], states[1]
                return
        target = "partner" if word in lex.partner_preps.get(ind.name, ()) else (
            "reporter" if word in lex.reporter_preps.get(ind.name, ()) else None)
        if target:
            states = _states_in(ctx, j + 1, min(sent.end, j + 4))
            if states:
                if getattr(ind, target) is None:
                    setattr(ind, target, states[0])
                # "exports from China to Russia": keep reading for the partner
                continue
        if ctx.doc[j].is_punct and word not in ("-", "'s"):
            return


def _states_in(ctx: Context, start: int, end: int) -> list[str]:
    out = []
    for m in ctx.actors.in_span(start, end):
        code = _economy(m)
        if code and code not in out:
            out.append(code)
    return out


def _source_state(ctx: Context, sent: Span, lex: Lexicon) -> str | None:
    """The state whose statistics the sentence cites: 'Chinese customs data', 'according to China's customs'."""
    for m in ctx.actors.in_span(sent.start, sent.end):
        if m.spec.kind not in STATE_KINDS or not m.actor.country:
            continue
        window = ctx.doc[m.span.end:min(sent.end, m.span.end + 4)]
        if any(t.lower_ in lex.source_nouns for t in window):
            return m.actor.country
    return None


# -- cues around a quantity ----------------------------------------------------------------------------


# "..., and in April by 13.5%", "rose 46.9% and 12.7%": the change word is not repeated
_GAPPED = re.compile(r"(?:\bby\s+(?:\w+\s+)?|%\s*(?:,\s*)?(?:and|while|but)?\s*)$")


def _sign(ctx: Context, q: Quantity, lex: Lexicon, bounds: tuple[int, int]) -> int | None:
    """+1 or -1 from the nearest change word before or just after the number, else None."""
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return None
    lo, hi = bounds
    after = [ctx.doc[k] for k in range(span.end, min(hi, span.end + 3))]
    before = [ctx.doc[k] for k in range(span.start - 1, max(lo, span.start - 7) - 1, -1)]
    for tok in after[:1] + before + after[1:]:
        word, lemma = tok.lower_, tok.lemma_.lower()
        if word in lex.up or lemma in lex.up:
            return 1
        if word in lex.down or lemma in lex.down:
            return -1
    return None


def _is_forecast(ctx: Context, q: Quantity, lex: Lexicon) -> bool:
    """A number governed by 'will', 'expected', 'target', 'aim' is a plan or a forecast, not a figure."""
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return False
    tok, steps = span.root, 0
    if _level_to_reach(tok):
        return True
    while steps < 6:
        if tok.lemma_.lower() in lex.forecast_words or tok.lower_ in lex.forecast_words:
            return True
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in lex.forecast_aux for c in tok.children):
            return True
        if tok.head is tok:
            return False
        tok, steps = tok.head, steps + 1
    return False


_RAISING = {"raise", "lift", "increase", "boost", "double", "triple", "bring", "expand", "grow", "push", "take"}


def _level_to_reach(tok) -> bool:
    """'raising trade to $100bn', 'to lift services to $15bn': the level a gerund or infinitive aims at is
    a goal ('trade rose to $240bn' reports one)."""
    prep = tok.head
    verb = prep.head
    return (tok.dep_ == "pobj" and prep.lower_ == "to" and verb.lemma_.lower() in _RAISING
            and (verb.tag_ == "VBG" or verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children)))


def _basis(text: str, lex: Lexicon) -> str | None:
    if lex.mom_rx.search(text):
        return "mom"
    if lex.yoy_rx.search(text):
        return "yoy"
    return None


# -- dates ---------------------------------------------------------------------------------------------


@dataclass
class Dated:
    start: int
    end: int
    period: str
    comparison: bool


def _dates(ctx: Context, sent: Span, lex: Lexicon) -> list[Dated]:
    out = []
    for d in ctx.dates.within(sent.start_char, sent.end_char):
        if d.grain in ("day", "week") or not d.period:
            continue
        before = ctx.text[max(sent.start_char, d.start - 25):d.start]
        compared = lex.comparison_rx.search(before)
        if compared and "/" in d.period and re.match(r"(?i)from|between", compared.group(0)):
            compared = None  # "from January to April" is a span, not a comparison
        if compared and compared.group(0).split()[0].lower() in ("over", "from", "since", "on") and not re.search(
                r"\d", ctx.text[sent.start_char:d.start]):
            compared = None  # "Over the first five months ..., trade reached": no figure yet to compare
        out.append(Dated(d.start, d.end, d.period, bool(compared)))
    return out


def _months(period: str) -> tuple[int, int] | None:
    """A period as a span of absolute month numbers, for comparing periods."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q(\d)|-H(\d))?(?:/(\d{4})-(\d{2}))?", period)
    if not m:
        return None
    y = int(m.group(1))
    if m.group(5):
        return y * 12 + int(m.group(2)) - 1, int(m.group(5)) * 12 + int(m.group(6)) - 1
    if m.group(2):
        return (y * 12 + int(m.group(2)) - 1,) * 2
    if m.group(3):
        q = int(m.group(3))
        return y * 12 + 3 * q - 3, y * 12 + 3 * q - 1
    if m.group(4):
        h = int(m.group(4))
        return y * 12 + 6 * h - 6, y * 12 + 6 * h - 1
    return y * 12, y * 12 + 11


def _comparison_basis(period: str | None, against: str) -> str | None:
    a, b = _months(period or ""), _months(against)
    if not a or not b or a[1] - a[0] != b[1] - b[0]:
        return None
    if a[0] - b[0] == 12:
        return "yoy"
    if a[0] - b[0] == 1 and a[0] == a[1]:
        return "mom"
    return None


# -- a sentence ----------------------------------------------------------------------------------------


def _stream(ctx: Context, sent: Span, lex: Lexicon) -> list[tuple[int, str, object]]:
    items: list[tuple[int, str, object]] = []
    quantities = _quantities(sent.text, sent.start_char, lex)
    for q in quantities:
        items.append((q.start, "quantity", q))
    for ind in _indicators(ctx, sent, lex):
        if not any(q.start <= ind.start < q.end for q in quantities):
            items.append((ind.start, "indicator", ind))
    for d in _dates(ctx, sent, lex):
        items.append((d.start, "date", d))
    return sorted(items, key=lambda it: it[0])


def _classify(ctx: Context, sent: Span, items, lex: Lexicon) -> None:
    """Give each percentage its sign and basis and drop quantities that are forecasts or lack a cue."""
    last_sign, last_change = None, None
    for n, (pos, kind, q) in enumerate(items):
        if kind != "quantity":
            continue
        if _is_forecast(ctx, q, lex):
            q.kind = "skip"
            continue
        prev_end = max((it[2].end for it in items[:n] if it[1] == "quantity"), default=sent.start_char)
        q.background = bool(lex.background_rx.search(ctx.text[max(prev_end, q.start - 30):q.start]))
        if lex.prior_rx.search(ctx.text[max(prev_end, q.start - 20):q.start]) and prev_end > sent.start_char:
            q.kind = "skip"  # "rose to $5bn from $4bn": the number it changed from
            continue
        if q.kind != "change":
            continue
        nxt = next((it[2].start for it in items[n + 1:] if it[1] == "quantity"), sent.end_char)
        q.basis = _basis(ctx.text[q.end:nxt], lex)
        if q.signed:
            continue
        lo = ctx.doc.char_span(prev_end, prev_end + 1, alignment_mode="expand")
        hi = ctx.doc.char_span(max(q.end, nxt - 1), max(q.end, nxt), alignment_mode="expand")
        sign = _sign(ctx, q, lex, (lo.start if lo is not None else sent.start,
                                         hi.end if hi is not None else sent.end))
        gapped = _GAPPED.search(ctx.text[max(sent.start_char, q.start - 20):q.start])
        if sign is None and gapped and last_sign is not None:
            sign = last_sign
            if last_change is not None and last_change.basis is None:  # "..., and in April by 13.5%, year on year"
                last_change.basis = q.basis
        if sign is None:
            q.kind = "level"  # a bare percentage is a share or a rate, kept only for indicators measured so
            continue
        last_sign, last_change = sign, q
        q.number = sign * q.number


def _sentence_drafts(ctx: Context, sent: Span, carry: Carry, index: int, lex: Lexicon) -> list[Draft]:
    items = _stream(ctx, sent, lex)
    if not any(kind == "quantity" for _, kind, _ in items):
        return []
    _classify(ctx, sent, items, lex)
    drafts: list[Draft] = []
    cur: Draft | None = None
    pending: Dated | None = None
    group: list[Indicator] = []
    held: list[Quantity] = []
    respectively = "respectively" in sent.text.lower()
    for _, kind, item in items:
        if kind == "indicator":
            group = group + [item] if group and cur is not None and not cur.filled() and cur.stated in group else [item]
            cur = _open(ctx, sent, item, carry, index, lex)
            _share(cur, [d for d in drafts if d.stated in group])
            if pending is not None:
                cur.period, cur.explicit_period = pending.period, True
            for q in held:  # "the $190bn recorded in 2022, when trade grew 29.3%": the number names its indicator later
                setattr(cur, q.kind, q)
            held = []
            drafts.append(cur)
        elif kind == "date":
            if item.comparison:
                if cur is not None and cur.change is not None and cur.change.basis is None:
                    cur.change.basis = _comparison_basis(cur.period, item.period)
                continue
            if cur is None:
                pending = item
            elif cur.filled() and cur.explicit_period:
                cur = cur.sibling()
                cur.period, cur.explicit_period = item.period, True
                drafts.append(cur)
            else:
                cur.period, cur.explicit_period = item.period, True
                pending = item
        elif item.kind in ("value", "change", "level"):
            if respectively and len(group) > 1:
                cur = _respective(group, drafts, item) or cur
            if cur is None and _indicator_follows(items, item):
                held.append(item)
                continue
            if cur is None:
                cur = _continued(ctx, sent, carry, index, lex, item)
                if cur is None:
                    continue
                if pending is not None:
                    cur.period, cur.explicit_period = pending.period, True
                drafts.append(cur)
            if getattr(cur, item.kind) is not None:
                cur = cur.sibling()
                drafts.append(cur)
            setattr(cur, item.kind, item)
            cur.background = cur.background or item.background
    return [d for d in drafts if _keep(d, lex)]


def _share(new: Draft, siblings: list[Draft]) -> None:
    """'China's exports to and imports from Russia': coordinated indicators share the states either names."""
    for d in siblings:
        for a, b in ((d, new), (new, d)):
            if a.stated.reporter is None and b.stated.reporter and b.stated.reporter != a.partner:
                a.reporter = b.stated.reporter
            if a.stated.partner is None and b.stated.partner and b.stated.partner != a.reporter:
                a.partner = b.stated.partner


def _respective(group: list[Indicator], drafts: list[Draft], q: Quantity) -> Draft | None:
    """'exports and imports rose 46.9% and 12.7% respectively': the n-th number goes to the n-th indicator."""
    owners = [next(d for d in drafts if d.stated is ind) for ind in group]
    for d in owners:
        if getattr(d, q.kind) is None:
            return d
    return None


def _open(ctx: Context, sent: Span, ind: Indicator, carry: Carry, index: int, lex: Lexicon) -> Draft:
    reporter, partner = ind.reporter, ind.partner
    recent = carry.draft if carry.draft is not None and index - carry.sentence <= CARRY_SENTENCES * 3 else None
    pair = carry.pair or _dyad(ctx)
    if ind.pronoun and reporter is None:
        reporter = _antecedent(ctx, sent, ind) or (recent.reporter if recent is not None else None)
    if ind.total:
        reporter = reporter or _source_state(ctx, sent, lex) or (recent.reporter if recent is not None else None)
    elif ind.name in ("exports", "imports", "trade", "trade_balance"):
        if reporter is None and partner is not None:
            reporter = _source_state(ctx, sent, lex)
            if reporter is None and pair and partner in pair and not _many_states(sent):
                reporter = pair[1] if pair[0] == partner else pair[0]
        elif reporter is None and partner is None and ind.name in ("exports", "imports") and _flow_in_sentence(
                ctx, sent, ind, lex):
            reporter, partner = _flow_in_sentence(ctx, sent, ind, lex)
        elif reporter is None and partner is None and pair and not _many_states(sent):
            if ind.name in ("trade", "trade_balance") or recent is not None:
                reporter, partner = pair
                source = _source_state(ctx, sent, lex)
                if source == partner:  # "bilateral trade ..., according to India's commerce ministry"
                    reporter, partner = partner, reporter
    elif reporter is None and ind.name not in ("price",):
        reporter = _source_state(ctx, sent, lex)
    if ind.name in FLOWS:
        reporter = reporter or _first_country(ctx, sent.start, ctx.doc.char_span(ind.start, ind.end, alignment_mode="expand").start)
        if ind.name != "production":
            partner = partner or _destination(ctx, sent, ind, lex, exclude=reporter, any_party=ind.name == "supply")
    if reporter == partner:
        partner = None
    return Draft(ind.name, reporter, partner, stated=ind)


def _many_states(sent: Span) -> bool:
    """'around 60 countries saw their trade with China grow': the reporter is many states, not the pair's other."""
    many = ("many", "several", "other", "some", "most", "dozens", "numerous")
    return any(t.lemma_.lower() in ("country", "nation", "economy") and t.tag_ == "NNS" and any(
        c.lower_ in many or (c.like_num and c.lower_ not in ("two", "2")) for c in t.children) for t in sent)


def _antecedent(ctx: Context, sent: Span, ind: Indicator) -> str | None:
    """Whose 'its' is: the last state named earlier in the sentence other than as the object of a preposition
    ('China's exports to Russia rose, while its imports'); else, when an unknown name is the subject
    ('Kazatomprom said its output'), the state that is the subject of the sentence before."""
    i = ctx.doc.char_span(ind.start, ind.end, alignment_mode="expand").start
    mentions = ctx.actors.in_span(sent.start, i)
    states = [_economy(m) for m in mentions if _economy(m) and m.span.root.dep_ != "pobj"]
    if states:
        return states[-1]
    if mentions:
        return next((m.actor.country for m in mentions if m.actor.country), None)
    if any(t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN" for t in ctx.doc[sent.start:i]):
        prev = _previous_sentence(ctx, sent)
        for m in ctx.actors.in_span(prev.start, prev.end) if prev is not None else []:
            if _economy(m) and m.span.root.dep_ in ("nsubj", "nsubjpass"):
                return _economy(m)
    return None


def _flow_in_sentence(ctx: Context, sent: Span, ind: Indicator, lex: Lexicon) -> tuple[str, str] | None:
    """An export with no state by its noun: 'Gazprom said it had sent 22.7 bcm of gas to China' names the
    seller before and the buyer after a preposition."""
    i = ctx.doc.char_span(ind.start, ind.end, alignment_mode="expand").start
    seller = _source_state(ctx, sent, lex) or _first_country(ctx, sent.start, i)
    if seller is None:
        seller = next((m.actor.country for m in ctx.actors.in_span(sent.start, sent.end)
                       if m.actor.country and m.spec.kind == "entity"), None)
    preps = ("to", "into") if ind.name == "exports" else ("from",)
    buyer = None
    for j in range(sent.start, sent.end - 1):
        if ctx.doc[j].lower_ in preps:
            buyer = _state_at(ctx, j + 1) or _state_at(ctx, j + 2)
            if buyer and buyer != seller:
                break
            buyer = None
    if seller and buyer:
        return (seller, buyer) if ind.name == "exports" else (buyer, seller)
    return None


def _first_country(ctx: Context, start: int, end: int) -> str | None:
    """The country of the first actor named before the indicator: the seller in 'Gazprom signed ... the supply of'."""
    for m in ctx.actors.in_span(start, end):
        if m.actor.country and m.spec.kind in STATE_KINDS + ("entity",):
            return m.actor.country
    return None


def _destination(ctx: Context, sent: Span, ind: Indicator, lex: Lexicon, exclude: str | None,
                 any_party: bool) -> str | None:
    """'the supply of 100 million tonnes of oil to China': the state after a partner preposition further on."""
    preps = lex.partner_preps.get(ind.name, ())
    span = ctx.doc.char_span(ind.start, ind.end, alignment_mode="expand")
    for j in range(span.end, sent.end - 1):
        if ctx.doc[j].lower_ in preps:
            country = _state_at(ctx, j + 1) or _state_at(ctx, j + 2)
            if country and country != exclude:
                return country
    if not any_party:
        return None
    # a supply contract names the buyer as a party: "Gazprom and CNPC signed a contract for the supply of"
    others = [m.actor.country for m in ctx.actors.in_span(sent.start, sent.end)
              if m.actor.country and m.actor.country != exclude and m.spec.kind in STATE_KINDS + ("entity",)]
    return others[0] if others else None


def _dyad(ctx: Context) -> tuple[str, str] | None:
    """The document's two main states, the first-named first."""
    dyad = ctx.actors.dyad
    if not dyad:
        return None
    a, b = dyad[0].country, dyad[1].country
    first = {}
    for m in ctx.actors.mentions:
        if m.actor.country in (a, b) and m.actor.country not in first:
            first[m.actor.country] = m.span.start
    return (a, b) if first.get(a, 0) <= first.get(b, 0) else (b, a)


def _indicator_follows(items, q: Quantity) -> bool:
    later = [it for it in items if it[0] > q.start]
    return any(kind == "indicator" for _, kind, _ in later) and not any(
        kind == "quantity" and it.kind in ("value", "change") and it is not q for _, kind, it in later[:1])


def _continued(ctx: Context, sent: Span, carry: Carry, index: int, lex: Lexicon, q: Quantity) -> Draft | None:
    """A sentence without an indicator continues the figure before it when it refers back to it ('it stood at',
    'growth slowed'): the indicator the previous sentence names, else the last figure's."""
    if not _refers_back(ctx, sent, q, lex):
        return None
    topic = _previous_topic(ctx, sent, carry, index, lex)
    if topic is not None:
        return topic
    if carry.draft is None or index - carry.sentence > CARRY_SENTENCES:
        return None
    d = carry.draft
    return Draft(d.indicator, d.reporter, d.partner)


def _refers_back(ctx: Context, sent: Span, q: Quantity, lex: Lexicon) -> bool:
    """A reference word that points back: a noun phrase ('growth', 'the total'), or a pronoun 'it', 'this',
    'that' as the subject of the clause that states the quantity ('In December it reached $22bn'), not a
    determiner ('this year') nor a relative pronoun ('the tariffs that Washington imposed')."""
    span = ctx.doc.char_span(q.start, q.end, alignment_mode="expand")
    ancestors = set()
    if span is not None:
        ancestors = {t.i for t in span.root.ancestors} | {span.root.i}
    for m in lex.reference_rx.finditer(sent.text):
        if m.group(0).lower() not in ("it", "this", "that"):
            return True
        tok = ctx.doc.char_span(sent.start_char + m.start(), sent.start_char + m.end(), alignment_mode="expand")
        if tok is None:
            continue
        tok = tok[0]
        if tok.pos_ == "PRON" and tok.tag_ != "WDT" and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i in ancestors:
            return True
    return False


def _previous_topic(ctx: Context, sent: Span, carry: Carry, index: int, lex: Lexicon) -> Draft | None:
    """The last indicator the sentence just before names ('Trade picked up. In December it reached ...')."""
    prev = _previous_sentence(ctx, sent)
    if prev is None:
        return None
    found = _indicators(ctx, prev, lex)
    if not found:
        return None
    return _open(ctx, prev, found[-1], carry, index, lex)


def _previous_sentence(ctx: Context, sent: Span) -> Span | None:
    i = sent.start - 1
    while i >= 0 and ctx.doc[i].is_space:
        i -= 1
    return ctx.doc[i].sent if i >= 0 else None


def _keep(d: Draft, lex: Lexicon) -> bool:
    if d.reporter is None and (d.partner is None or d.indicator in TRADE) and d.indicator in TRADE + ("investment", "fdi"):
        return False  # a flow between no named states
    if d.level is not None and d.indicator not in lex.percent_levels and d.value is None:
        d.level = None
    if d.value is None and d.change is None and d.level is None:
        return False
    return True


def _merge(drafts: list[Draft]) -> list[Draft]:
    """One figure per indicator, reporter, partner and period within a sentence: complementary parts join."""
    out: list[Draft] = []
    for d in drafts:
        twin = next((o for o in out if _key(o) == _key(d) and _compatible(o, d)), None)
        if twin is None:
            out.append(d)
            continue
        twin.value = twin.value or d.value
        twin.change = twin.change or d.change
        twin.level = twin.level or d.level
        twin.background = twin.background and d.background
    return out


def _key(d) -> tuple:
    return (d.indicator, d.reporter, d.partner, d.period)


def _compatible(a: Draft, b: Draft) -> bool:
    return all(x is None or y is None for x, y in ((a.value, b.value), (a.change, b.change), (a.level, b.level)))


def _figure(ctx: Context, sent: Span, d: Draft) -> Figure:
    value = d.value or d.level
    quantities = [q for q in (d.value, d.change, d.level) if q is not None]
    number = round(value.number, 4) if value else None
    if number is not None and d.indicator == "trade_balance" and _deficit(sent, d):
        number = -abs(number)  # a balance is exports less imports: a deficit is below zero
    return Figure(
        indicator=d.indicator, reporter=d.reporter, partner=d.partner, period=d.period,
        value=number, unit=value.unit if value else None,
        change_pct=round(d.change.number, 4) if d.change else None,
        basis=d.change.basis if d.change else None,
        approximate=any(q.approximate for q in quantities),
        evidence=Evidence.of(ctx.text, sent.start_char, sent.end_char),
    )


def _deficit(sent: Span, d: Draft) -> bool:
    if d.stated is not None:
        return d.stated.negative
    text = sent.text.lower()
    return "deficit" in text and "surplus" not in text


# -- the document --------------------------------------------------------------------------------------


def _worth_reading(sent: Span, lex: Lexicon) -> bool:
    return any(ch.isdigit() for ch in sent.text) or any(t.lower_ in lex.trigger_words for t in sent)


@register("figures")
def extract_figures(ctx: Context) -> list[Figure]:
    lex = lexicon()
    carry = Carry()
    found: list[tuple[Draft, Figure]] = []
    stated: tuple[int, str] | None = None  # the last period a sentence stated: (sentence, period)
    for index, sent in enumerate(ctx.doc.sents):
        if not _worth_reading(sent, lex):
            stated = _stated_period(ctx, sent, lex, index) or stated
            continue
        drafts = _merge(_sentence_drafts(ctx, sent, carry, index, lex))
        for d in drafts:
            if d.period is None and _carries_period(carry, d, index):
                d.period = carry.period
            elif d.period is None and stated is not None and index - stated[0] <= 2 and not d.background:
                d.period = stated[1]  # "Trade grew in 2023, the office said. Imports fell 19% to €157bn."
        stated = _stated_period(ctx, sent, lex, index) or stated
        _year_before(ctx, drafts)
        drafts = _merge(drafts)
        for d in drafts:
            found.append((d, _figure(ctx, sent, d)))
        _remember(carry, drafts, index)
    return _dedupe(found, ctx, lex)


_YEAR_BEFORE = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:of\s+|in\s+)?(?:a\s+year\s+(?:earlier|before|ago)|the\s+"
                          r"(?:year|twelve\s+months)\s+before|the\s+previous\s+year|the\s+prior\s+year)\b", re.I)


def _year_before(ctx: Context, drafts: list[Draft]) -> None:
    """'..., half of the record ¥20tn gap of the year before': a value dated by the year before the sentence's."""
    dated = next((d.period for d in drafts if d.period and re.fullmatch(r"\d{4}", d.period)), None)
    if dated is None:
        return
    for d in drafts:
        if d.period is None and d.value is not None and _YEAR_BEFORE.search(ctx.text[d.value.end:d.value.end + 40]):
            d.period, d.background = str(int(dated) - 1), True


def _stated_period(ctx: Context, sent: Span, lex: Lexicon, index: int) -> tuple[int, str] | None:
    """The last period of statistics (a year, half, quarter or months) a sentence states as its own time."""
    dates = [d for d in _dates(ctx, sent, lex) if not d.comparison and not re.fullmatch(r"\d{4}-\d{2}", d.period)]
    if ctx.published:
        dates = [d for d in dates if (_months(d.period) or (0, 0))[0] <= int(ctx.published[:4]) * 12
                 + int(ctx.published[5:7]) - 1]
    return (index, dates[-1].period) if dates else None


def _carries_period(carry: Carry, d: Draft, index: int) -> bool:
    """An undated figure shares the period of the figures just before when it measures the same flows."""
    if carry.period is None or carry.draft is None or index - carry.sentence > CARRY_SENTENCES * 3:
        return False
    return _family(carry.draft.indicator) == _family(d.indicator)


def _family(indicator: str) -> str:
    return "trade" if indicator in TRADE else indicator


def _remember(carry: Carry, drafts: list[Draft], index: int) -> None:
    main = [d for d in drafts if not d.background]
    if not main:
        return
    d = main[-1]
    carry.draft, carry.sentence, carry.period = d, index, d.period
    if d.reporter and d.partner:
        carry.pair = (d.reporter, d.partner)


def _dedupe(found: list[tuple[Draft, Figure]], ctx: Context, lex: Lexicon) -> list[Figure]:
    """The same fact stated twice in a document (a headline and its story) is one figure: the fuller one.
    An undated threshold ('exports top $100 billion') that a dated figure of the same flow passes is that
    figure's headline."""
    found = [(d, f) for d, f in found if not _passed_threshold(ctx, d, f, found, lex)]
    out: list[Figure] = []
    for _, f in found:
        twin = next((i for i, o in enumerate(out) if _same_fact(o, f)), None)
        if twin is None:
            out.append(f)
        elif _fullness(f) > _fullness(out[twin]):
            out[twin] = f
    return out


def _passed_threshold(ctx: Context, d: Draft, f: Figure, found, lex: Lexicon) -> bool:
    if f.period is not None or f.change_pct is not None or d.value is None:
        return False
    before = ctx.text[max(0, d.value.start - 25):d.value.start].lower().split()
    if not (set(before[-3:]) & (lex.thresholds | {"over", "above", "than"})):
        return False
    return any(g is not f and g.period is not None and g.value is not None and g.unit == f.unit
               and g.value >= f.value and (g.indicator, g.reporter, g.partner) == (f.indicator, f.reporter, f.partner)
               for _, g in found)


def _same_fact(a: Figure, b: Figure) -> bool:
    if (a.indicator, a.reporter, a.partner, a.period) != (b.indicator, b.reporter, b.partner, b.period):
        return False
    if a.value is not None and b.value is not None:
        if a.unit != b.unit or abs(a.value - b.value) > 0.01 * max(abs(a.value), abs(b.value)):
            return False
    if a.change_pct is not None and b.change_pct is not None and abs(a.change_pct - b.change_pct) > 0.5:
        return False
    return True


def _fullness(f: Figure) -> int:
    return (f.value is not None) + (f.change_pct is not None) + (f.basis is not None)
