"""Agreements: documents signed, concluded, adopted or jointly issued, from running text ('the two presidents
signed a joint statement on ...') and from enumerated lists under a heading of documents signed.

Cues (kind nouns, signing verbs, list headings, party levels, domains) live in vocab/agreements.yaml.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import Actor, Agreement, Evidence, Place
from ..vocab import load
from . import register
from .lists import ITEM_MARKER
from .context import Context, paragraph_break

_LEAD_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.IGNORECASE)
_PARTY_STOPS = {"on", "regarding", "concerning", "about", "that", "which", "who", "to", "under", "signed", "at",
                "during", "after", "before", "following", "within", "as"}
_NAME_PREPS = {"for", "of", "in"}  # inside names ('Federal Service for ...') unless what follows is lower case
_TITLE_PREPS = {"on", "of", "between", "for", "regarding", "concerning", "about", "to", "by", "with"}
_SPECIFIC_PREPS = {"on", "of", "between", "for", "regarding", "concerning", "about", "by", "with"}
_SIGNING_NOUNS = {"signing", "conclusion", "adoption", "exchange"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_CAMEO_ROLE = {"government": "GOV", "ministry": "GOV", "agency": "GOV", "media": "MED", "company": "BUS"}
# a bare year is a target ('until 2030') unless the signing is placed in it
_SIGNED_IN_YEAR = re.compile(r"(?:^|\W)(?:back\s+)?in\s+$", re.I)
# 'WASHINGTON, 9 August 2025 - ': a dateline opening a sentence is neither party nor signing date
_DATELINE = re.compile(r"^\s*[A-Z][\w .'’()-]{1,40}?,\s[^\n]{1,40}?\s[-–—]{1,2}\s")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2}
# an undated signing in a news report belongs to the occasion when the report follows it this closely
_OCCASION_REPORT_DAYS = 14
_OCCASIONS = {"visit", "summit", "trip", "talks", "meeting", "tour", "forum", "session", "ceremony", "negotiations"}


@dataclass(frozen=True)
class Cues:
    kinds: tuple[tuple[str, tuple[str, ...], int], ...]  # kind, lower-case words, index of the head word
    signing: frozenset[str]
    release: frozenset[str]
    list_heads: tuple[str, ...]
    domains: tuple[tuple[str, re.Pattern], ...]
    levels: tuple[tuple[str, tuple[str, ...]], ...]
    joint: tuple[tuple[str, str], ...]  # phrase, level
    irrealis: frozenset[str]
    negators: frozenset[str]
    named_only: frozenset[str] = frozenset()
    verb_preps: tuple[tuple[str, frozenset[str]], ...] = ()
    anaphoric: frozenset[str] = frozenset()
    group_heads: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    data = load().agreements
    kinds = []
    for kind, nouns in data["kinds"].items():
        for noun in nouns:
            words = tuple(noun.lower().split())
            kinds.append((kind, words, words.index("of") - 1 if "of" in words else len(words) - 1))
    kinds.sort(key=lambda k: -len(k[1]))
    domains = tuple((label, re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + ")", re.I))
                    for label, words in data["domains"].items())
    levels = [(level, tuple(words)) for level, words in data["party_levels"].items()]
    levels += [(spec["level"], (role,)) for role, spec in load().roles["roles"].items() if spec.get("level")]
    joint = sorted(((p, level) for level, phrases in data["joint_parties"].items() for p in phrases),
                   key=lambda x: -len(x[0]))
    return Cues(tuple(kinds), frozenset(data["signing_verbs"]), frozenset(data.get("release_verbs", [])),
                tuple(h.lower() for h in data["list_heads"]), domains, tuple(levels), tuple(joint),
                frozenset(data.get("irrealis_heads", [])), frozenset(data.get("negators", [])),
                frozenset(w.lower() for w in data.get("named_only", [])),
                tuple((v, frozenset(ps)) for v, ps in data.get("signing_verb_preps", {}).items()),
                frozenset(data.get("anaphoric_nouns", [])), frozenset(data.get("group_heads", [])))


@dataclass
class Found:
    """An agreement as found, before duplicates are merged."""

    title: str
    kind: str
    head: Token
    parties: list[Actor]
    signed: str | None
    place: Place | None
    evidence: Evidence
    generic: bool
    from_list: bool = False
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if self.kind == "other" and _jointly_named(self.head):
            self.kind = "joint_statement"

    def to_agreement(self) -> Agreement:
        return Agreement(self.title, self.kind, self.parties, domains_of(self.title), self.signed, self.place,
                         self.evidence)


# -- vocabulary matching ---------------------------------------------------------------------------------

_STATEMENT_HEADS = {"statement", "communiqué", "communique"}


def _jointly_named(head: Token) -> bool:
    """'the Joint Vision Statement', 'a Joint Leaders' Statement on ...', 'a Statement on Joint Outcomes':
    a statement whose name calls it joint is a joint statement ('a statement on joint exercises' is not)."""
    if head.lemma_.lower() not in _STATEMENT_HEADS and head.lower_ not in _STATEMENT_HEADS:
        return False
    phrase = head.doc[head.left_edge.i:head.right_edge.i + 1]
    return any(t.lower_ == "joint" and (t.i < head.i or t.text == "Joint") for t in phrase)

def agreement_nouns(span: Span) -> list[tuple[Token, str, int]]:
    """Agreement noun phrases of a span as (head token, kind, first token index), in text order; the longest
    name wins where two overlap ('joint statement' over 'statement')."""
    out, i = [], span.start
    doc = span.doc
    while i < span.end:
        hit = _kind_at(doc, i, span.end)
        if hit is None:
            i += 1
            continue
        kind, words, head = hit
        out.append((doc[i + head], kind, i))
        i += len(words)
    return out


@functools.lru_cache(maxsize=1)
def _kinds_by_first_word() -> dict[str, list]:
    """Kind phrases indexed by their first word (a one-word phrase also by itself as a lemma), keeping the
    vocabulary's order, so each token is checked against the few phrases that can start there."""
    index: dict[str, list] = {}
    for entry in cues().kinds:
        index.setdefault(entry[1][0], []).append(entry)
    return index


def _kind_at(doc, i: int, end: int):
    token = doc[i]
    candidates = _kinds_by_first_word().get(token.lower_, [])
    lemma = token.lemma_.lower()
    if lemma == token.lower_ and token.text[:1].isupper() and lemma.endswith("s"):
        lemma = lemma[:-1]  # the parser leaves names unlemmatised: 'the Abraham Accords'
    if lemma != token.lower_:
        candidates = sorted(candidates + [e for e in _kinds_by_first_word().get(lemma, []) if len(e[1]) == 1],
                            key=cues().kinds.index)
    for kind, words, head in candidates:
        n = len(words)
        if i + n > end:
            continue
        if all(_word_is(doc[i + j], w, j == n - 1) for j, w in enumerate(words)):
            if words[head] in cues().named_only and not _in_name(doc[i + head]):
                continue
            if doc[i + head].pos_ in ("NOUN", "PROPN"):
                return kind, words, head
    return None


def _in_name(token: Token) -> bool:
    """A capitalised word inside a sentence: part of a document's name ('the Camp David Principles')."""
    return token.text[:1].isupper() and not token.is_sent_start


def _word_is(token: Token, word: str, last: bool) -> bool:
    low = token.lower_
    return low == word or (last and (token.lemma_.lower() == word or (
        token.text[:1].isupper() and low.endswith("s") and low[:-1] == word)))


def domains_of(title: str) -> list[str]:
    return [label for label, rx in cues().domains if rx.search(title)]


# -- lists of signed documents ---------------------------------------------------------------------------

@dataclass
class ListBlock:
    heading: tuple[int, int] | None  # char span of the heading line
    items: list[tuple[int, int]]  # char spans of item lines


def list_blocks(text: str) -> list[ListBlock]:
    """Runs of enumerated lines (blank lines allowed between them) with the line before the run as heading."""
    blocks: list[ListBlock] = []
    last_text_line: tuple[int, int] | None = None
    current: ListBlock | None = None
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        if ITEM_MARKER.match(line):
            if current is None:
                current = ListBlock(last_text_line, [])
                blocks.append(current)
            current.items.append((start, end))
        else:
            current = None
            last_text_line = (start, end)
    return blocks


def _is_signed_heading(ctx: Context, heading: Span | None) -> bool:
    if heading is None:
        return False
    low = heading.text.lower()
    if any(h in low for h in cues().list_heads):
        return True
    last = list(heading.sents)[-1]
    return last.text.rstrip().endswith(":") and any(_done_signing(t) for t in last if t.lemma_ in cues().signing)


# -- did the signing happen? -------------------------------------------------------------------------------

def signing_verb(noun: Token) -> Token | None:
    """The signing verb whose object (or passive subject) the agreement noun is."""
    n = noun
    if n.dep_ == "conj":
        # 'adopted a protocol on requirements for meat shipped to China and a work plan on ...': the parser
        # may hang the second document on a noun deep inside the first; it shares the first one's verb
        heads = {h.i for h, _, _ in agreement_nouns(n.sent)}
        first = next((a for a in n.ancestors if a.i in heads), None)
        if first is not None:
            n = first
    while n.dep_ in ("conj", "appos") and n.head.pos_ in ("NOUN", "PROPN"):
        n = n.head
    if n.dep_ in ("dobj", "obj", "nsubjpass") and n.head.lemma_ in cues().signing:
        return n.head
    # 'agreed on a roadmap'
    if n.dep_ == "pobj" and n.head.dep_ == "prep" and any(
            n.head.head.lemma_ == v and n.head.lower_ in ps for v, ps in cues().verb_preps):
        return n.head.head
    # 'put their signatures to an agreement', 'affixed their signature on the treaty'
    if n.dep_ == "pobj" and n.head.lower_ in ("to", "on"):
        above = n.head.head
        if above.lemma_.lower() == "signature" and above.head.pos_ == "VERB":
            return above.head
        if above.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() == "signature" for c in above.children):
            return above
    # 'witnessed the signing of an agreement on ...': the clause around the nominal decides
    if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.lemma_.lower() in _SIGNING_NOUNS:
        nominal = n.head.head
        if nominal.head.pos_ in ("VERB", "AUX") and nominal.dep_ in ("dobj", "pobj", "nsubjpass", "nsubj"):
            return nominal.head if nominal.dep_ != "pobj" else nominal.head.head
    return None


def participle_signing(noun: Token) -> Token | None:
    """'the agreement signed on 4 February 2022': a signing participle modifying the noun."""
    for t in noun.subtree:
        # the participle often hangs on the last noun of the title ('... of the territory signed on ...')
        if t.i > noun.i and t.dep_ in ("acl", "relcl") and t.lemma_ in cues().signing and (
                t.tag_ == "VBN" or (t.dep_ == "relcl" and t.tag_ == "VBD" and t.head == noun)):
            return t
    return None


def _done_signing(verb: Token) -> bool:
    """Past or present, asserted: not negated, not modal, not wished for, planned or conditional."""
    c = cues()
    if verb.tag_ in ("VB", "VBG") and not any(a.lower_ in ("did", "do", "does") for a in verb.children):
        return False
    h = verb
    for _ in range(3):
        for child in h.children:
            if child.dep_ in ("aux", "auxpass") and (child.lemma_ in c.irrealis or child.tag_ in ("TO", "MD")):
                return False
            if child.dep_ == "neg" or child.lower_ in c.negators:
                return False
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "until", "whether", "once"):
                return False
        if h.dep_ in ("xcomp", "ccomp", "conj", "acomp", "advcl") and h.head is not h:
            if h.head.lemma_ in c.irrealis:
                return False
            if h.dep_ == "advcl":
                break
            h = h.head
        else:
            break
    return True


def _negated_noun(noun: Token) -> bool:
    return any(ch.lower_ in cues().negators for ch in noun.lefts)


# -- titles -------------------------------------------------------------------------------------------------

def np_title(ctx: Context, noun: Token, verb: Token | None) -> tuple[int, int]:
    """Token range of the agreement's noun phrase: determiner, modifiers and complements, without relative
    clauses, signing participles, coordinated agreements, or a trailing date or place."""
    left, right = noun.left_edge.i, noun.right_edge.i
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" and noun.head.i < noun.i:
        left = noun.head.left_edge.i  # 'the India-UK Vision 2035, a roadmap for ...'
    doc = ctx.doc
    heads = {h.i for h, _, _ in agreement_nouns(noun.sent)}
    for t in doc[noun.i + 1:right + 1]:
        # a relative clause deeper in the phrase ('... across the Tumen River, which forms ...'), the verb's
        # own date or place that the parse put inside the noun's span, or a second document coordinated
        # deep inside it ('a protocol on meat shipped to China and a work plan on ...')
        if t.dep_ == "relcl" or (verb is not None and t.head == verb and t.dep_ == "prep"
                                 and _date_or_place(ctx, t)) or (t.dep_ == "conj" and t.i in heads) or (
                t.dep_ == "acl" and t.lemma_ in cues().signing and t.tag_ == "VBN"):
            right = min(right, t.left_edge.i - 1)
    for child in noun.rights:
        if child.dep_ in ("relcl", "appos") or (child.dep_ == "acl" and child.lemma_ in cues().signing) or (
                child.dep_ == "conj" and _names_agreement(child)):
            right = min(right, child.left_edge.i - 1)
        elif child.dep_ == "prep" and _date_or_place(ctx, child):
            right = min(right, child.left_edge.i - 1)
    if verb is not None and right == noun.right_edge.i:
        right = _extend_with_verb_complement(ctx, verb, right)
    doc = ctx.doc
    for t in doc[noun.i + 1:right + 1]:
        # 'an agreement on visa exemption in Astana': where it was signed is not part of its name
        if t.lower_ in ("in", "at", "on") and t.dep_ == "prep" and t.right_edge.i >= right and _date_or_place(ctx, t):
            right = t.i - 1
            break
    while right > noun.i and (doc[right].is_punct or doc[right].dep_ == "cc"):
        right -= 1
    while left < noun.i and (doc[left].is_punct or doc[left].lower_ in cues().negators):
        left += 1
    return left, right + 1


def title_tail(ctx: Context, noun: Token, right: int) -> str:
    """What still names the document after a date or place cut from its phrase: 'an agreement on 30 April
    establishing a joint fund' -> 'establishing a joint fund'."""
    parts = []
    for child in noun.rights:
        if child.i > right + 1 and (
                (child.dep_ == "acl" and child.tag_ in ("VBG", "VB") and child.lemma_ not in cues().signing)
                or (child.dep_ == "prep" and child.lower_ in ("on", "for", "regarding", "concerning")
                    and not _date_or_place(ctx, child))):
            end = child.right_edge.i
            for t in ctx.doc[child.i:end + 1]:
                if t.dep_ == "relcl" or (t.is_punct and t.text in ",;("):
                    end = t.i - 1
                    break
            parts.append(ctx.doc[child.i:end + 1].text)
    return " ".join(parts)


def _names_agreement(token: Token) -> bool:
    return bool(agreement_nouns(token.doc[token.i:token.i + 1])) or any(
        _kind_at(token.doc, i, token.i + 1) for i in range(max(0, token.i - 3), token.i + 1))


def _extend_with_verb_complement(ctx: Context, verb: Token, right: int) -> int:
    """'signed a statement on X' parsed with 'on X' on the verb: the complement still names the document."""
    for child in verb.rights:
        if child.dep_ == "prep" and child.i == right + 1 and child.lower_ in _TITLE_PREPS - {"with", "by"}:
            if not _date_or_place(ctx, child):
                return child.right_edge.i
    return right


def _date_or_place(ctx: Context, prep: Token) -> bool:
    nxt = prep.doc[prep.i + 1] if prep.i + 1 < len(prep.doc) else None
    if nxt is not None and prep.lower_ in ("on", "in", "at", "during"):
        # the date must be the preposition's own object, not a date deeper in the complement
        if any(d.first and d.start <= nxt.idx < d.end + 1 for d in ctx.dates.within(prep.idx, prep.right_edge.idx
                                                                                     + len(prep.right_edge))):
            return True
    if prep.lower_ in ("in", "at"):
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        return any(_placelike(ctx, o) for o in objs)
    return False


def _placelike(ctx: Context, token: Token) -> bool:
    m = ctx.actors.at(token)
    if m is not None:
        return m.spec.kind in ("state", "capital")
    return token.ent_type_ in ("GPE", "LOC", "FAC") or (token.pos_ == "PROPN" and not any(
        c.dep_ == "prep" for c in token.children))


def _is_generic(span: Span, kind_start: int, kind_end: int) -> bool:
    """'the joint statement', 'a contract': no complement or name that would tell two documents apart."""
    for t in span:
        if kind_start <= t.i < kind_end:
            continue
        if t.lower_ in _SPECIFIC_PREPS or t.pos_ in ("PROPN", "NUM") or (t.is_alpha and t.text[0].isupper()
                                                                          and t.i != span.start):
            return False
    return True


def item_title(text: str) -> str:
    """A list item's title: its first sentence ('HIV roadmap (Atlanta, 20 May). In the presence of ...'),
    without the list marker, emphasis marks or a leading article."""
    title = ITEM_MARKER.sub("", text, count=1).strip()
    title = re.split(r"(?<=[.!?])\*{0,2}\s+(?=[A-Z*])", title, maxsplit=1)[0]
    title = title.replace("**", "").replace("__", "")
    title = _LEAD_ARTICLE.sub("", title)
    return title.rstrip(" .;,:*").strip()


def dateline_end(ctx: Context, sent: Span) -> int:
    """Char offset where a sentence's text starts after its dateline (the sentence start when it has none)."""
    m = _DATELINE.match(sent.text)
    if m and any(d.start < sent.start_char + m.end() for d in ctx.dates.within(sent.start_char,
                                                                               sent.start_char + m.end())):
        return sent.start_char + m.end()
    return sent.start_char


# -- parties ------------------------------------------------------------------------------------------------

def dyad_parties(ctx: Context, level: str) -> list[Actor]:
    if not ctx.actors.dyad:
        return []
    first = {}
    for m in ctx.actors.mentions:
        first.setdefault(m.actor.country, m.span.start)
    # in the order the text introduces them, so that output does not depend on mention counts
    return [_state_party(a.country, level, a.text)
            for a in sorted(ctx.actors.dyad, key=lambda a: first.get(a.country, len(ctx.doc)))]


def _state_party(country: str, level: str = "state", fallback: str | None = None) -> Actor:
    """A state as a party at a signatory level, named as the states gazetteer first names it."""
    states = load().states
    name = states[country].names[0] if country in states else (fallback or country)
    return Actor(name, country, None, country + _CAMEO_ROLE.get(level, ""), level)


def party_phrase(ctx: Context, start: int, limit: int) -> list[Actor]:
    """The parties named from token `start` on ('the government of X and the government of Y on ...')."""
    doc = ctx.doc
    end = start
    while end < limit and not _ends_party_phrase(doc, end, limit):
        end += 1
    return parties_in(ctx, start, end)


def _ends_party_phrase(doc, i: int, limit: int) -> bool:
    t = doc[i]
    if "\n" in t.text or t.text in (";", ":", "(", ")", ".", "–", "—") or t.lower_ in _PARTY_STOPS:
        return True
    if t.pos_ in ("VERB", "AUX") and not t.text[0].isupper():
        return True
    if t.lower_ in ("in", "at") and i + 1 < limit and _placelike_start(doc, i + 1):
        return True
    if t.lower_ in _NAME_PREPS:
        nxt = doc[i + 1] if i + 1 < limit else None
        if nxt is not None and nxt.lower_ == "the" and i + 2 < limit:
            nxt = doc[i + 2]
        return nxt is None or not nxt.text[:1].isupper()
    if t.text == ",":
        nxt = doc[i + 1] if i + 1 < limit else None
        return nxt is None or not (nxt.lower_ in ("the", "and") or nxt.text[:1].isupper())
    return False


def _placelike_start(doc, i: int) -> bool:
    t = doc[i]
    return t.ent_type_ in ("GPE", "LOC", "FAC") and t.ent_iob_ == "B"


def parties_in(ctx: Context, start: int, end: int) -> list[Actor]:
    """Split a stretch naming parties at 'and' or commas where each side stands on its own, then resolve."""
    doc = ctx.doc
    dated = [(d.start, d.end) for d in ctx.dates.spans]
    while start < end and (doc[start].lower_ in ("on", "in", "since", ",") or any(
            s <= doc[start].idx < e for s, e in dated)):
        start += 1
    if start >= end:
        return []
    segments, seg_start = [], start
    for i in range(start, end):
        if doc[i].lower_ in ("and", ",", "&") and doc[i].lower_ != "&" and i + 1 < end:
            nxt = doc[i + 1]
            if (nxt.lower_ in ("the", "and") or nxt.text[:1].isupper()) and _resolves(ctx, seg_start, i):
                segments.append((seg_start, i))
                seg_start = i + 1 + (1 if nxt.lower_ == "and" else 0)
    segments.append((seg_start, end))
    out: list[Actor] = []
    for s, e in segments:
        for actor in resolve_party(ctx, s, e):
            if actor.key is None or actor.key not in {a.key for a in out}:
                out.append(actor)
    return out


def _resolves(ctx: Context, start: int, end: int) -> bool:
    return any(a.key for a in resolve_party(ctx, start, end))


def resolve_party(ctx: Context, start: int, end: int) -> list[Actor]:
    """One party phrase as an Actor: the country of its entity (else person, else state word), the level of
    its earliest level word (else entity or person level, else 'state' for a bare state)."""
    doc = ctx.doc
    while start < end and (doc[start].is_punct or doc[start].lower_ in ("and", "both")):
        start += 1
    while end > start and doc[end - 1].is_punct and doc[end - 1].text != ")":
        end -= 1
    if start >= end:
        return []
    span = doc[start:end]
    low = span.text.lower()
    for phrase, level in cues().joint:
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
            return dyad_parties(ctx, level)
    group = group_parties(ctx, span)
    if group is not None:
        return group
    mentions = ctx.actors.in_span(start, end)
    people = [ctx.people.at(t) for t in span if ctx.people.at(t) is not None]
    entity = next((m for m in mentions if m.spec.kind == "entity"), None)
    person = next((m for m in mentions if m.spec.kind == "person"), None)
    place = next((m for m in mentions if m.spec.kind in ("state", "demonym", "capital", "org")), None)
    base = entity.actor if entity else (people[0].actor if people else (person.actor if person else
                                                                        (place.actor if place else None)))
    if base is None:
        return []
    level = _level_of(span, entity, people[0] if people else None, person, place)
    text = span.text.strip()
    cameo = base.cameo if entity or people or person else (
        (base.country + _CAMEO_ROLE.get(level, "")) if base.country else base.cameo)
    return [Actor(text, base.country, base.org, cameo, level)]


def _level_of(span: Span, entity, person_record, person_mention, place) -> str | None:
    low = span.text.lower()
    best: tuple[int, str] | None = None
    for level, words in cues().levels:
        for w in words:
            m = re.search(rf"(?<![\w-]){re.escape(w)}s?(?![\w-])", low)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), level)
    for where, level in ((entity, entity.actor.level if entity else None),
                         (person_mention, person_mention.actor.level if person_mention else None)):
        if where is not None and level:
            pos = where.span.start_char - span.start_char
            if best is None or pos < best[0]:
                best = (pos, level)
    if best is not None:
        return best[1]
    if person_record is not None:
        return person_record.actor.level
    return place.actor.level if place is not None else None


def verb_parties(ctx: Context, verb: Token, noun: Token) -> list[Actor]:
    """Who signed: 'between X and Y' on the noun or verb, else the verb's subject (or passive agent), plus
    'with Y'."""
    for t in list(noun.subtree) + [c for c in verb.children if c.dep_ == "prep"]:
        if t.lower_ == "between" and t.dep_ == "prep":
            parties = party_phrase(ctx, t.i + 1, t.sent.end)
            if parties:
                return parties
    parties = noun_parties(ctx, noun)
    if parties:
        return parties
    parties = []
    subj = _subject_of(verb)
    if subj is None and verb.dep_ == "relcl" and _is_occasion(verb.head) and any(
            c.lower_ in ("which", "that") and c.dep_.startswith("nsubj") for c in verb.children):
        subj = verb.head  # 'the China-GCC summit, which adopted an action plan': the summit's participants
    sent = verb.sent
    after_dateline = dateline_end(ctx, sent)
    if subj is not None:
        start = subj.left_edge.i
        while start <= subj.right_edge.i and ctx.doc[start].idx < after_dateline:
            start += 1
        parties = parties_in(ctx, start, subj.right_edge.i + 1)
        if not any(a.key for a in parties) and subj.idx < after_dateline < verb.idx:
            # the dateline took the subject: the parties are what stands between it and the verb
            first = next(t.i for t in sent if t.idx >= after_dateline)
            parties = parties_in(ctx, first, verb.i)
        if not any(a.key for a in parties):
            parties = _unnamed_parties(ctx, subj)
    withs = [t for t in noun.subtree if t.lower_ == "with" and t.dep_ == "prep"]
    for child in [c for c in verb.children if c.dep_ in ("prep", "agent")] + withs:
            if child.lower_ in ("with", "by"):
                extra = parties_in(ctx, child.i + 1, child.right_edge.i + 1)
                parties += [a for a in extra if a.key not in {p.key for p in parties}]
    return parties


def _unnamed_parties(ctx: Context, subj: Token) -> list[Actor]:
    """'they', or people the gazetteer does not know ('Charles de Gaulle and Konrad Adenauer'): in a text
    about two states, those two."""
    words = list(subj.subtree)
    if any(t.lower_ in ("they", "both") for t in words) or any(t.ent_type_ == "PERSON" for t in words):
        return dyad_parties(ctx, "state")
    return []


def title_states(ctx: Context, noun: Token, left: int, parties: list[Actor]) -> list[Actor]:
    """States named in front of the kind noun ('the Japan-Australia Reciprocal Access Agreement') are parties."""
    have = {a.key for a in parties}
    out = list(parties)
    for m in ctx.actors.in_span(left, noun.i):
        c = m.actor.country
        if m.spec.kind in ("state", "demonym") and c and c not in have:
            have.add(c)
            out.append(Actor(m.span.text, c, None, c, "state"))
    return out


def group_parties(ctx: Context, span: Span) -> list[Actor] | None:
    """'the three leaders', 'the leaders', 'the heads of state': the states the text has gathered.
    With a number, that many of the most mentioned states; without, the states of the paragraph so far
    (else the opening paragraph). None when the phrase names no such group."""
    words = [t.lower_ for t in span]
    heads = cues().group_heads
    if not words or len(words) > 4 or words[0] not in ("the", "all", "their", *_NUMBER_WORDS) or words[-1] not in heads and " ".join(words[-3:]) not in heads and " ".join(words[-2:]) not in heads:
        return None
    n = next((_NUMBER_WORDS[w] for w in words if w in _NUMBER_WORDS), None)
    states = load().states
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in ctx.actors.mentions:
        c = m.actor.country
        if c and m.spec.kind != "org":
            counts[c] = counts.get(c, 0) + 1
            first.setdefault(c, m.span.start)
    if n is not None:
        chosen = sorted(counts, key=lambda c: -counts[c])[:n]
        if len(chosen) < n:
            return []
    else:
        para = ctx.text.rfind("\n\n", 0, span.start_char) + 1
        # at a summit of a grouping ('the BRICS summit ... the leaders adopted'), the grouping signs
        before = ctx.text.rfind("\n\n", 0, max(0, para - 2)) + 1
        org = [m for m in ctx.actors.mentions
               if m.spec.kind == "org" and before <= m.span.start_char < span.start_char]
        if org:
            a = org[-1].actor
            return [Actor(a.text, a.country, a.org, a.cameo, "organisation")]
        chosen = _states_between(ctx, para, span.start_char)
        if len(chosen) < 2:
            lead = next((p for p in _paragraphs(ctx.text) if len(_states_between(ctx, *p)) >= 2), None)
            chosen = _states_between(ctx, *lead) if lead else []
        if len(chosen) < 2:
            return []
    chosen = sorted(chosen, key=lambda c: first.get(c, 0))
    return [Actor(states[c].names[0] if c in states else c, c, None, c, "state") for c in chosen]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for block in text.split("\n\n"):
        out.append((pos, pos + len(block)))
        pos += len(block) + 2
    return out


def _states_between(ctx: Context, start: int, end: int) -> list[str]:
    out: list[str] = []
    for m in ctx.actors.mentions:
        c = m.actor.country
        if start <= m.span.start_char < end and c and m.spec.kind != "org" and c not in out:
            out.append(c)
    return out


def noun_parties(ctx: Context, noun: Token) -> list[Actor]:
    """'a joint statement by X and Y on ...', 'the Joint Statement of X and Y on ...'."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "of", "between"):
            found = party_phrase(ctx, child.i + 1, noun.sent.end)
            if child.lower_ != "of" or all(_is_state_phrase(ctx, a) for a in found) and len(found) > 1:
                if found:
                    return found
    return []


def _is_state_phrase(ctx: Context, actor: Actor) -> bool:
    return actor.level in ("state", "government")


def _subject_of(verb: Token) -> Token | None:
    h = verb
    for _ in range(3):
        subj = next((c for c in h.children if c.dep_ in _SUBJECT_DEPS), None)
        if subj is not None and subj.lower_ not in ("that", "which", "who"):
            return subj
        if h.dep_ in ("conj", "xcomp") and h.head is not h:
            h = h.head
        else:
            return None
    return None


# -- dates and places ---------------------------------------------------------------------------------------

def best_date(ctx: Context, start: int, end: int, skip: list[tuple[int, int]] = ()) -> str | None:
    """The finest resolved date in a char range, outside ranges that belong to other documents."""
    spans = [d for d in ctx.dates.within(start, end)
             if d.first and not any(s <= d.start < e for s, e in skip)
             and (d.grain != "year" or _SIGNED_IN_YEAR.search(ctx.text[max(0, d.start - 40):d.start]))]
    for grain in ("day", "week", "month", "year"):
        for d in spans:
            if d.grain == grain:
                return d.first.isoformat()
    return None


def occasion_of(ctx: Context):
    """The document's occasion, passing over a dateline ('PYONGYANG, 20 June 2024 - ... on 19 June'): the
    report's own date is not the day of the visit when the sentence gives another."""
    occ = ctx.dates.occasion
    if occ is None:
        return None
    span = ctx.doc.char_span(occ.start, occ.end, alignment_mode="expand")
    if span is None:
        return occ
    sent = span.sent
    cut = dateline_end(ctx, sent)
    if occ.start < cut:
        later = [d for d in ctx.dates.within(cut, sent.end_char) if d.first and d.grain == "day"]
        if later:
            return later[0]
    return occ


def occasion_date(ctx: Context, span: Span) -> str | None:
    """The occasion's first day, when the text ties the signing to the visit, summit or talks."""
    occ = occasion_of(ctx)
    if occ is None or occ.first is None:
        return None
    if any(_is_occasion(t) for t in span):
        return occ.first.isoformat()
    return None


def _occasion_first(ctx: Context) -> str | None:
    """A list of documents signed without a date of its own belongs to the document's occasion."""
    occ = occasion_of(ctx)
    return occ.first.isoformat() if occ is not None and occ.first else None


def earlier_date(ctx: Context, start: int) -> str | None:
    """The last day stated earlier in the same paragraph: 'They then signed ...'."""
    para = ctx.text.rfind("\n", 0, start) + 1
    days = [d for d in ctx.dates.within(para, start) if d.first and d.grain == "day"]
    return days[-1].first.isoformat() if days else None


def place_near(ctx: Context, tokens) -> Place | None:
    for t in tokens:
        if t.lower_ in ("in", "at") and t.dep_ == "prep":
            for obj in (c for c in t.children if c.dep_ == "pobj"):
                place = _place_of(ctx, obj)
                if place:
                    return place
    return None


def _place_of(ctx: Context, obj: Token) -> Place | None:
    m = ctx.actors.at(obj)
    if m is not None and m.spec.kind in ("capital", "state"):
        return Place(m.span.text, m.actor.country)
    if obj.ent_type_ == "GPE":
        ent = next((e for e in obj.doc.ents if e.start <= obj.i < e.end), None)
        if ent is not None:
            return Place(ent.text, None)
    return None


def occasion_place(ctx: Context) -> Place | None:
    occ = ctx.dates.occasion
    if occ is None:
        return None
    span = ctx.doc.char_span(occ.start, occ.end, alignment_mode="expand")
    return place_near(ctx, span.sent) if span is not None else None


# -- finding agreements -----------------------------------------------------------------------------------

def _char_span(ctx: Context, start: int, end: int) -> Span | None:
    return ctx.doc.char_span(start, end, alignment_mode="expand")


def from_lists(ctx: Context, used: set[int]) -> list[Found]:
    found: list[Found] = []
    for block in list_blocks(ctx.text):
        heading = _char_span(ctx, *block.heading) if block.heading else None
        if not _is_signed_heading(ctx, heading):
            continue
        context = _heading_context(ctx, heading)
        for start, end in block.items:
            span = _char_span(ctx, start, end)
            if span is not None:
                found += from_item(ctx, span, context, used)
    return found


@dataclass
class HeadingContext:
    signed: str | None
    parties: list[Actor]
    place: Place | None


def _heading_context(ctx: Context, heading: Span) -> HeadingContext:
    last = list(heading.sents)[-1]
    signed = (best_date(ctx, last.start_char, last.end_char)
              or best_date(ctx, heading.start_char, heading.end_char)
              or occasion_date(ctx, heading) or earlier_date(ctx, heading.start_char)
              or _occasion_first(ctx))
    parties: list[Actor] = []
    low = heading.text.lower()
    for phrase, level in cues().joint:
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
            parties = dyad_parties(ctx, level)
            break
    if not parties:
        verb = next((t for t in last if t.lemma_ in cues().signing and t.pos_ == "VERB"), None)
        subj = _subject_of(verb) if verb is not None else None
        if subj is not None:
            parties = parties_in(ctx, subj.left_edge.i, subj.right_edge.i + 1)
    place = place_near(ctx, heading) or occasion_place(ctx)
    return HeadingContext(signed, parties, place)


def from_item(ctx: Context, item: Span, heading: HeadingContext, used: set[int]) -> list[Found]:
    """One list item under a heading of signed documents: its first agreement noun decides the kind; an
    agreement it names as signed earlier, with its own date, comes out as a document of its own."""
    nouns = agreement_nouns(item)
    if not nouns:
        return []
    # 'HIV roadmap (Atlanta). The ministry signed a memorandum of understanding on the roadmap': the document
    # the item says was signed, else its first
    signed_nouns = [n for n in nouns if (v := signing_verb(n[0])) is not None and _done_signing(v)]
    head, kind, kind_start = signed_nouns[0] if signed_nouns else nouns[0]
    used.update(n.i for n, _, _ in nouns)
    embedded = [(n, k, s) for n, k, s in nouns[1:] if _embedded_signed(ctx, n)]
    skip = [(n.left_edge.idx, n.right_edge.idx + len(n.right_edge)) for n, _, _ in embedded]
    evidence = Evidence.of(ctx.text, item.start_char, item.end_char)
    verb = signing_verb(head)
    title = item_title(item.text)
    if verb is not None and _done_signing(verb) and verb.i < head.i:
        left, right = np_title(ctx, head, verb)
        title = ctx.doc[left:right].text
        parties = verb_parties(ctx, verb, head)
    else:
        parties = _item_parties(ctx, item, head)
    if not parties:
        parties = _default_parties(ctx, title, kind, heading.parties)
    if not heading.parties and len({a.key for a in parties if a.key}) < 2:
        # a list of documents signed on a bilateral occasion: the two states unless the item names both sides
        have = {a.key for a in parties}
        parties = parties + [a for a in dyad_parties(ctx, "state") if a.key not in have]
    signed = best_date(ctx, item.start_char, item.end_char, skip) or heading.signed
    place = place_near(ctx, item) or heading.place
    out = [Found(title, kind, head, parties, signed, place, evidence, False, from_list=True)]
    for noun, k, s in embedded:
        out.append(_embedded(ctx, noun, k, s, evidence, parties))
    return out


def _item_parties(ctx: Context, item: Span, head: Token) -> list[Actor]:
    for t in item:
        if t.lower_ == "between":
            parties = party_phrase(ctx, t.i + 1, item.end)
            if parties:
                return parties
    return noun_parties(ctx, head)


def _default_parties(ctx: Context, title: str, kind: str, fallback: list[Actor]) -> list[Actor]:
    low = title.lower()
    for phrase, level in cues().joint:
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", low):
            return dyad_parties(ctx, level)
    if fallback:
        return list(fallback)
    return dyad_parties(ctx, "state") if kind == "joint_statement" else []


def _embedded_signed(ctx: Context, noun: Token) -> bool:
    part = participle_signing(noun)
    if part is None:
        return False
    return best_date(ctx, part.idx, part.right_edge.idx + len(part.right_edge)) is not None


def _embedded(ctx: Context, noun: Token, kind: str, kind_start: int, evidence: Evidence,
              parties: list[Actor]) -> Found:
    part = participle_signing(noun)
    left, right = np_title(ctx, noun, None)
    right = min(right, part.left_edge.i)
    title = ctx.doc[left:right].text.rstrip(" ,")
    signed = best_date(ctx, part.idx, part.right_edge.idx + len(part.right_edge))
    return Found(title, kind, noun, parties, signed, None, evidence, False, extra={"embedded": True})


# -- lists of signed documents in running text ---------------------------------------------------------

# Verbs that list what a set of documents holds: 'The documents signed include A and B', 'Among the texts
# were A and B', 'The one Brasilia singled out was A', 'First came A. It was followed by B'.
_LISTING_VERBS = {"include", "be", "comprise", "cover", "feature", "come", "follow"}
_DOCUMENT_NOUNS = {"document", "agreement", "instrument", "text", "accord", "deal", "memorandum", "memoranda",
                   "protocol", "treaty", "pact", "contract", "declaration"}


def _signs_several(sent: Span) -> bool:
    """'Fifteen instruments were signed', 'the documents signed on Friday', 'the sides signed 12 agreements':
    a sentence that says several documents were signed, without naming them."""
    for t in sent:
        if t.tag_ != "NNS" or t.lemma_.lower() not in _DOCUMENT_NOUNS:
            continue
        verb = signing_verb(t)
        if verb is not None and _done_signing(verb):
            return True
        part = participle_signing(t)
        if part is not None and part.head.i == t.i:
            return True
    return False


def from_prose_lists(ctx: Context, used: set[int]) -> list[Found]:
    """Documents named in a sentence that lists what was signed, or that goes on, in the same paragraph,
    from one saying that several documents were signed: the signing sentence plays the heading."""
    found: list[Found] = []
    sents = list(ctx.doc.sents)
    for k, sent in enumerate(sents):
        if sent.root.lemma_.lower() not in _LISTING_VERBS:
            continue
        heading = sent if _signs_several(sent) else None
        for j in range(k - 1, max(-1, k - 4), -1):
            # up to three sentences back in the same paragraph ('... exchanged further documents. First came
            # a plan ... It was followed by a memorandum ...')
            if heading is not None or paragraph_break(ctx, sents[j].end_char, sent.start_char):
                break
            if _signs_several(sents[j]):
                heading = sents[j]
        if heading is None and any(t.lower_ == "among" and any(
                c.tag_ == "NNS" and c.lemma_.lower() in _DOCUMENT_NOUNS for c in t.children) for t in sent):
            # 'Among the other texts were ...' goes back to the documents signed a few sentences before
            heading = next((sents[j] for j in range(k - 1, max(-1, k - 7), -1) if _signs_several(sents[j])), None)
        if heading is None:
            continue
        context = _heading_context(ctx, heading)
        nouns = agreement_nouns(sent)
        heads = {n.i for n, _, _ in nouns}
        for noun, kind, kind_start in nouns:
            if noun.i in used or (noun.tag_ == "NNS" and not _in_name(noun)) or signing_verb(noun) is not None:
                continue
            if any(a.i in heads for a in noun.ancestors if a.dep_ != "conj") and noun.dep_ != "conj":
                continue  # 'a protocol on CBERS-6, the satellite of the CBERS programme': inside another's name
            used.add(noun.i)
            left, right = np_title(ctx, noun, None)
            title = ctx.doc[left:right].text
            parties = _item_parties(ctx, ctx.doc[left:right], noun) or _default_parties(ctx, title, kind,
                                                                                         context.parties)
            have = {a.key for a in parties}
            if len(have) < 2:
                parties = parties + [a for a in _paragraph_pair(ctx, heading) or dyad_parties(ctx, "state")
                                     if a.key not in have]
            signed = best_date(ctx, ctx.doc[left].idx, ctx.doc[right - 1].idx + len(ctx.doc[right - 1])) \
                or best_date(ctx, heading.start_char, heading.end_char) or earlier_date(ctx, heading.start_char) \
                or _previous_paragraph_day(ctx, heading.start_char) or context.signed
            evidence = Evidence.of(ctx.text, sent.start_char, sent.end_char)
            found.append(Found(title, kind, noun, parties, signed, context.place, evidence, False, from_list=True))
    return found


def _previous_paragraph_day(ctx: Context, start: int) -> str | None:
    """'The centrepiece came on 8 December ...\n\nXi then held talks ... their ministers exchanged further
    documents': the story goes on on the last day the paragraph before stated (not across a heading)."""
    paras = [(a, b) for a, b in _paragraphs(ctx.text) if b < start]
    if not paras:
        return None
    a, b = paras[-1]
    if ctx.text[a:b].lstrip().startswith("#") or "\n" not in ctx.text[a:b] and len(ctx.text[a:b].split()) < 12:
        return None  # a heading between them starts another part of the story
    days = [d for d in ctx.dates.within(a, b) if d.first and d.grain == "day"]
    return days[-1].first.isoformat() if days else None


def _paragraph_pair(ctx: Context, sent: Span) -> list[Actor]:
    """The two states the paragraph names up to a sentence, when it names exactly two."""
    start = next((a for a, b in _paragraphs(ctx.text) if a <= sent.start_char <= b), 0)
    states = _states_between(ctx, start, sent.end_char)
    return [_state_party(c) for c in states] if len(states) == 2 else []


def from_text(ctx: Context, used: set[int]) -> list[Found]:
    found: list[Found] = []
    for sent in ctx.doc.sents:
        for noun, kind, kind_start in agreement_nouns(sent):
            if noun.i in used:
                continue
            f = from_mention(ctx, noun, kind, kind_start)
            if f is not None:
                found.append(f)
    return found


def from_mention(ctx: Context, noun: Token, kind: str, kind_start: int) -> Found | None:
    """A running-text mention the sentence says was signed: 'X and Y signed an agreement on Z'."""
    if (noun.tag_ in ("NNS", "NNPS") and not _in_name(noun)) or _negated_noun(noun):
        return None
    if any(c.dep_ == "nummod" and c.lower_ not in ("one", "1") for c in noun.children):
        return None  # '56 MoUs were signed': a count of documents, none of them named
    if noun.dep_ == "appos" and _names_agreement(noun.head):
        return None  # 'the Vision 2035, a roadmap for ...': one document
    verb = signing_verb(noun)
    dated_participle = False
    if verb is None:
        verb = participle_signing(noun)
        dated_participle = verb is not None and _embedded_signed(ctx, noun)
        if not dated_participle:
            return None
    if not dated_participle and not _done_signing(verb):
        return None
    left, right = np_title(ctx, noun, verb)
    title_span = ctx.doc[left:right]
    tail = title_tail(ctx, noun, right - 1)
    n_words = len(next(w for k, w, _ in cues().kinds if k == kind and _matches(ctx.doc, kind_start, w)))
    generic = _is_generic(title_span, kind_start, kind_start + n_words) and not tail
    parties = verb_parties(ctx, verb, noun)
    if verb.lemma_ in cues().release and kind != "joint_statement" and len({p.key for p in parties}) < 2:
        return None
    if kind == "other" and len({p.key for p in parties}) < 2:
        return None
    if not parties:
        parties = _default_parties(ctx, title_span.text, kind, [])
    parties = title_states(ctx, noun, left, parties)
    sent = noun.sent
    signed = _mention_date(ctx, verb, sent, title_span)
    place = place_near(ctx, [c for c in verb.children]) or (
        occasion_place(ctx) if signed and _is_occasion_day(ctx, signed) else None)
    if generic and _nameless(title_span, noun) and (dated_participle or _long_before(ctx, signed)):
        return None  # 'the treaty, signed in 2001, ...': background to the news, and nameless
    evidence = Evidence.of(ctx.text, sent.start_char, sent.end_char)
    title = title_span.text + (" " + tail if tail else "")
    anaphoric = generic and title_span[0].lower_ in ("the", "this", "that") and noun.lemma_.lower() in cues().anaphoric
    return Found(title, kind, noun, parties, signed, place, evidence, generic, extra={"anaphoric": anaphoric})


def _nameless(title: Span, noun: Token) -> bool:
    """'the treaty', 'the deal': definite, and nothing in front of the kind noun says what it is about ('the
    security cooperation agreement' and 'a new declaration' still introduce a document)."""
    if title[0].lower_ not in ("the", "this", "that", "its", "their"):
        return False
    return not any(t.pos_ == "NOUN" and t.dep_ in ("compound", "nmod", "amod") for t in title if t.i < noun.i)


def _long_before(ctx: Context, signed: str | None) -> bool:
    if not signed or not ctx.published:
        return False
    return int(ctx.published[:4]) - int(signed[:4]) >= 2


def _matches(doc, i: int, words: tuple[str, ...]) -> bool:
    return i + len(words) <= len(doc) and all(
        _word_is(doc[i + j], w, j == len(words) - 1) for j, w in enumerate(words))


def _mention_date(ctx: Context, verb: Token, sent: Span, title: Span) -> str | None:
    """The signing date: one stated in the sentence outside the title's own complements, else the
    occasion's, else the last day the paragraph stated."""
    skip = [(title.start_char, title.end_char), (sent.start_char, dateline_end(ctx, sent))]
    if verb.dep_ in ("acl", "relcl"):
        own = best_date(ctx, verb.idx, verb.right_edge.idx + len(verb.right_edge))
        if own is None and verb.dep_ == "relcl":
            # 'on 22 January 2019, when the two leaders signed ...': the clause hangs on its date
            own = next((d.first.isoformat() for d in ctx.dates.spans
                        if d.first and d.start <= verb.head.idx < d.end), None)
        if own is None and verb.dep_ == "relcl" and _is_occasion(verb.head):
            # 'On 9 December the crown prince hosted the summit, which adopted ...': the summit's day
            clause = (verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge))
            own = best_date(ctx, sent.start_char, sent.end_char, [clause])
        return own
    return (best_date(ctx, sent.start_char, sent.end_char, skip)
            or occasion_date(ctx, sent)
            or earlier_date(ctx, sent.start_char)
            or _reported_occasion(ctx, verb))


def _is_occasion(token: Token) -> bool:
    return token.lemma_.lower() in _OCCASIONS or token.lower_ in _OCCASIONS


def _reported_occasion(ctx: Context, verb: Token) -> str | None:
    """A news report of a visit or summit, published within days of it: an undated signing in the past
    tense happened there."""
    occ = occasion_of(ctx)
    if occ is None or occ.first is None or not ctx.published or verb.tag_ not in ("VBD", "VBN"):
        return None
    try:
        days = (dt.date.fromisoformat(ctx.published[:10]) - occ.last).days
    except ValueError:
        return None
    return occ.first.isoformat() if 0 <= days <= _OCCASION_REPORT_DAYS else None


def _is_occasion_day(ctx: Context, iso: str) -> bool:
    occ = occasion_of(ctx)
    return bool(occ and occ.first and occ.first.isoformat() <= iso <= occ.last.isoformat())


# -- one agreement per document -------------------------------------------------------------------------------

def merge(found: list[Found]) -> list[Found]:
    """A generic mention ('the joint statement') is the specific document of its kind the text names elsewhere;
    the same title twice is one document."""
    specific = [f for f in found if not f.generic]
    # a headline ('Czechs ink Dukovany nuclear contract with KHNP') announces a document the story then names:
    # the story's mention of the same kind and day is the document
    headlines = [f for f in specific if _in_headline(f) and any(
        o is not f and not _in_headline(o) and o.kind == f.kind and f.signed in (None, o.signed) for o in specific)]
    specific = [f for f in specific if f not in headlines]
    out: list[Found] = []
    for f in specific:
        twin = next((o for o in out if o.kind == f.kind and _same_title(o.title, f.title) and _compatible(o, f)),
                    None)
        if twin is None and f.title.lower().startswith("the ") and not f.from_list:
            # 'signed the contract for two reactors at Dukovany ...' then 'The contract for the completion of
            # Dukovany': a definite mention of the kind signed that day, once only, is that document
            same_day = [o for o in out if o.kind == f.kind and o.signed and o.signed == f.signed and _compatible(o, f)]
            twin = same_day[0] if len(same_day) == 1 else None
        if twin is None:
            out.append(f)
        else:
            _absorb(twin, f)
    for f in (f for f in found if f.generic):
        if f.extra.get("anaphoric"):
            # 'The pact was signed by ...': the document named last before it
            before = [o for o in out if o.evidence.start < f.evidence.start and _compatible(o, f)]
            if before:
                _fill(max(before, key=lambda o: o.evidence.start), f)
                continue
        same_kind = [o for o in out if o.kind == f.kind and _compatible(o, f)]
        if same_kind:
            _fill(same_kind[0], f)
        else:
            out.append(f)
    return sorted(out, key=lambda f: (f.evidence.start, f.head.i))


def _in_headline(f: Found) -> bool:
    """Found in the first line of the text when that line is a headline (no closing full stop)."""
    text = f.evidence.text.rstrip()
    return f.evidence.start == 0 and "\n" not in text and not text.endswith((".", "?", "!"))


def _norm(title: str) -> str:
    return re.sub(r"\W+", " ", _LEAD_ARTICLE.sub("", title.lower())).strip()


def _same_title(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return a == b or (len(min(a, b, key=len)) > 15 and (a in b or b in a))


def _compatible(a: Found, b: Found) -> bool:
    """Two mentions can be one document unless their signing days or their states differ."""
    if a.signed and b.signed and a.signed != b.signed:
        return False
    ka = {p.key for p in a.parties if p.key}
    kb = {p.key for p in b.parties if p.key}
    return not (ka and kb and not (ka <= kb or kb <= ka))


def _absorb(keep: Found, other: Found) -> None:
    """Keep the longer title with its evidence; fill gaps from the other mention."""
    if len(other.title) > len(keep.title):
        keep.title, keep.evidence, keep.head = other.title, other.evidence, other.head
    _fill(keep, other)


def _fill(keep: Found, other: Found) -> None:
    keep.signed = keep.signed or other.signed
    keep.place = keep.place or other.place
    have = {a.key for a in keep.parties if a.key}
    more = {a.key for a in other.parties if a.key}
    if not keep.parties or (have < more):
        keep.parties = other.parties  # the mention that names more of the parties ('with KHNP' -> both states)


@register("agreements")
def extract_agreements(ctx: Context) -> list[Agreement]:
    used: set[int] = set()
    found = from_lists(ctx, used)
    found += from_prose_lists(ctx, used)
    found += from_text(ctx, used)
    return [f.to_agreement() for f in merge(found)]
