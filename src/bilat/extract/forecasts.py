"""Forecasts: what the author or a quoted actor expects to happen.

A forecast is anchored on a clause whose verb group is future or predictive ("will grow", "is likely to",
"can be expected to"). Only sentences holding such a marker are looked at, token by token. A lead-in that
announces a list of expected developments ("the following developments should be expected: A; B; C")
makes every list element its own forecast. The cues are data: vocab/forecasts.yaml.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Forecast
from ..vocab import load
from . import register
from .arguments import is_joint
from .lists import is_bullet, marker_end
from .context import Context, sentence_evidence, span_evidence

_CLAUSE_DEPS = ("ccomp", "xcomp", "conj", "advcl", "parataxis")
_SPLIT_OFF = ("conj", "cc", "parataxis")
_TRAILING = ",;:.–—-"
_YEAR = re.compile(r"(?<![\w-])(?:19|20)\d\d(?![\w-])")
_PAST_YEAR = re.compile(r"\b(?:since|in early|in late|from)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Cues:
    phrases: dict  # first word -> tuple of token tuples
    expect_verbs: frozenset
    adjectives: frozenset
    participles: frozenset
    copulas: frozenset
    modals: frozenset
    hedges: tuple
    reported_modals: frozenset
    reporting: frozenset
    evidence_verbs: frozenset
    intent: frozenset
    wish: frozenset
    blocked_marks: frozenset
    obligation_subjects: frozenset
    provision_nouns: frozenset
    provision_verbs: frozenset
    connectives: tuple
    first_person: frozenset
    outlook_heads: tuple
    rate_openers: frozenset
    horizons: tuple  # (phrase pattern, label), longest first


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    data = load().forecasts
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in data["future_markers"]:
        words = tuple(phrase.lower().split())
        phrases.setdefault(words[0], []).append(words)
    horizons = sorted(data["horizons"].items(), key=lambda kv: -len(kv[0]))
    return Cues(
        phrases={k: tuple(v) for k, v in phrases.items()},
        expect_verbs=frozenset(data["expect_verbs"]),
        adjectives=frozenset(data["predictive_adjectives"]),
        participles=frozenset(data["predictive_participles"]),
        copulas=frozenset(data["copulas"]),
        modals=frozenset(data["modal_markers"]),
        hedges=tuple(data["hedges"]),
        reported_modals=frozenset(data["reported_modals"]),
        reporting=frozenset(data["reporting_verbs"]),
        evidence_verbs=frozenset(data["evidence_verbs"]),
        intent=frozenset(data["intent_verbs"]),
        wish=frozenset(data["wish_verbs"]),
        blocked_marks=frozenset(data["blocked_marks"]),
        obligation_subjects=frozenset(data["obligation_subjects"]),
        provision_nouns=frozenset(data["provision_nouns"]),
        provision_verbs=frozenset(data["provision_verbs"]),
        connectives=tuple(sorted((c.split() for c in data["connectives"]), key=len, reverse=True)),
        first_person=frozenset(data["first_person"]),
        outlook_heads=tuple(data["outlook_heads"]),
        rate_openers=frozenset(data["rate_openers"]),
        horizons=tuple((re.compile(rf"(?<![\w-]){re.escape(p)}(?![\w-])"), label) for p, label in horizons),
    )


@register("forecasts")
def extract_forecasts(ctx: Context) -> list[Forecast]:
    c = cues()
    out: list[Forecast] = []
    consumed: set[int] = set()
    in_outlook = False
    sents = list(ctx.doc.sents)
    for idx, sent in enumerate(sents):
        if sent.start in consumed:
            continue
        if _is_heading(sent):
            in_outlook = _is_outlook_heading(sent, c)
            continue
        if sent.text.rstrip().endswith("?"):
            continue
        listed, used = _list_forecasts(ctx, sents, idx, c)
        if listed:
            out.extend(listed)
            consumed.update(used)
            continue
        out.extend(_clause_forecasts(ctx, sent, c, in_outlook))
    return _dedupe(out)


# ---- sections ---------------------------------------------------------------------------------------------

def _is_heading(sent: Span) -> bool:
    """A short line without closing punctuation and without a finite verb: a section title."""
    text = sent.text.strip()
    if not text or text[-1] in ".!?:;\"”" or len(sent) > 12:
        return False
    return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent)


def _is_outlook_heading(sent: Span, c: Cues) -> bool:
    low = sent.text.lower()
    return any(re.search(rf"\b{re.escape(h)}\b", low) for h in c.outlook_heads)


# ---- markers ----------------------------------------------------------------------------------------------

def _is(tok: Token, words: frozenset) -> bool:
    """Whether a verb is one of words; the lemmatiser slips on some forms ('hoped' -> 'hop')."""
    low = tok.lower_
    if tok.lemma_ in words or low in words:
        return True
    return any(low.endswith(suffix) and low[:-len(suffix)] in words for suffix in ("d", "ed", "s", "es", "ing"))


def _anchor(token: Token) -> Token:
    """The verb a marker belongs to: auxiliaries hang on the verb they help."""
    while token.dep_ in ("aux", "auxpass") and token.head.i != token.i:
        token = token.head
    return token


def _phrase_at(sent: Span, i: int, c: Cues) -> tuple[str, ...] | None:
    words = c.phrases.get(sent[i].lower_)
    if not words:
        return None
    for phrase in words:
        if tuple(t.lower_ for t in sent[i:i + len(phrase)]) == phrase:
            if len(phrase) == 1 and sent[i].tag_ != "MD":
                continue  # "will" as a noun ("political will")
            return phrase
    return None


def _hedged(modal: Token, c: Cues) -> bool:
    verb = _anchor(modal)
    lo, hi = min(modal.i, verb.i), max(modal.i, verb.i) + 1
    between = " ".join(t.lower_ for t in modal.doc[lo:hi])
    adverbs = " ".join(t.lower_ for t in verb.children if t.dep_ == "advmod")
    return any(re.search(rf"\b{re.escape(h)}\b", between + " | " + adverbs) for h in c.hedges)


def _markers(sent: Span, c: Cues, in_outlook: bool) -> list[tuple[Token, str]]:
    """(anchor verb, kind) for every predictive verb group of a sentence; kind says how it predicts."""
    found: list[tuple[Token, str]] = []
    for i, tok in enumerate(sent):
        if _phrase_at(sent, i, c):
            found.append((_anchor(tok), "future"))
        elif _predicative(tok, c):
            found.append((_anchor(tok) if tok.dep_ != "acomp" else tok.head, "future"))
        elif tok.tag_ == "MD" and tok.lower_ in c.modals and not _negated(tok):
            if _hedged(tok, c) or (in_outlook and tok.lower_ != "would"):
                found.append((_anchor(tok), "future"))
            elif tok.lower_ in c.reported_modals:
                found.append((_anchor(tok), "reported"))
        elif _is(tok, c.expect_verbs) and tok.tag_ in ("VBP", "VBZ") and not _negated(tok):
            found.append((tok, "expect"))
    return found


def _predicative(tok: Token, c: Cues) -> bool:
    """'is now likely', 'are widely expected to': the adjective or participle with a present-tense or modal
    copula; 'was expected' stays a past expectation."""
    if tok.lower_ in c.adjectives and tok.dep_ == "acomp":
        verb = tok.head
        return _is(verb, c.copulas) and _present_or_modal(verb)
    if tok.lower_ in c.participles and tok.tag_ == "VBN" and any(t.dep_ == "auxpass" for t in tok.children):
        # 'is set to rise' and 'should be expected' predict; 'is set at 5%' does not
        predicts = any(t.dep_ == "xcomp" or t.tag_ == "MD" for t in tok.children)
        return predicts and _present_or_modal(tok)
    return False


def _present_or_modal(verb: Token) -> bool:
    group = [verb, *(t for t in verb.children if t.dep_ in ("aux", "auxpass"))]
    if any(t.tag_ in ("VBD",) for t in group):
        return False
    return any(t.tag_ in ("VBZ", "VBP", "MD") for t in group)


def _negated(tok: Token) -> bool:
    verb = _anchor(tok)
    return any(t.dep_ == "neg" for t in verb.children) and tok.lower_ in ("could", "can", "might", "may")


# ---- filters ----------------------------------------------------------------------------------------------

def _ancestors(tok: Token):
    while tok.head.i != tok.i:
        yield tok, tok.head
        tok = tok.head


def _complement_of(child: Token, head: Token) -> bool:
    """Whether child is a complement clause of head. The parser often hangs a second 'and that ...' clause
    on the main verb as a conjunct; the 'that' shows it is a complement all the same."""
    if child.dep_ in ("ccomp", "xcomp"):
        return True
    return child.dep_ == "conj" and any(t.dep_ == "mark" and t.lower_ == "that" for t in child.children)


def _reporter(anchor: Token, c: Cues) -> Token | None:
    """The verb that attributes the clause to someone ("X said that ..."), if any."""
    for child, head in _ancestors(anchor):
        if child.dep_ not in _CLAUSE_DEPS:
            return None
        if _complement_of(child, head) and _is(head, c.reporting):
            return head
    return None


def _is_prediction(anchor: Token, kind: str, sent: Span, c: Cues) -> bool:
    if anchor.dep_ in ("relcl", "acl", "csubj", "pcomp"):
        return False  # a relative clause describes its noun; the sentence's claim lies elsewhere
    if any(t.dep_ == "mark" and t.lower_ in c.blocked_marks for t in anchor.children):
        return False
    if any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in c.obligation_subjects for t in anchor.children):
        return False
    if _provision(anchor, c):
        return False
    if _inside_aim(anchor, c) or _wished_scenario(anchor, c):
        return False
    if kind == "reported":
        return _reporter(anchor, c) is not None and _has_time(anchor, c)
    return True


def _provision(anchor: Token, c: Cues) -> bool:
    """'The agreement will allow forces to train', 'Under the plan, a foundation will pay ...': what a
    document provides for is its content, not an expectation (unless it says when it will happen)."""
    for t in anchor.children:
        if t.dep_ in ("nsubj", "nsubjpass") and t.lemma_.lower() in c.provision_nouns \
                and anchor.lemma_.lower() in c.provision_verbs:
            return True
        if t.dep_ == "prep" and t.lower_ == "under" and any(
                o.dep_ == "pobj" and o.lemma_.lower() in c.provision_nouns for o in t.children):
            return not _has_time(anchor, c)  # 'under the accord X will deploy ... in 2025' says when: expected
    return False


def _own_commitment(ctx: Context, anchor: Token, c: Cues) -> bool:
    """'X said both sides will deepen ties', 'the minister said Russia would respond': a speaker promising for
    their own side states a commitment (a stance or plan), not an expectation."""
    reporter = _reporter(anchor, c)
    subject = _subject(anchor)
    if reporter is None or subject is None:
        return False
    if is_joint(subject) or subject.lower_ in c.first_person:
        return True  # 'both sides will ...', 'we will ...' (the joint phrases are roles.yaml's, as everywhere)
    if subject.pos_ == "PRON":
        return True  # a pronoun in reported speech mostly stands for the speaker

    speaker = _subject(reporter)
    if speaker is None:
        return False
    own = _country_of(ctx, speaker.subtree)
    return own is not None and own in _countries(ctx, subject.subtree)


def _country_of(ctx: Context, tokens) -> str | None:
    for t in tokens:
        person = ctx.people.at(t) if ctx.people else None
        if person and person.country:
            return person.country
    for t in tokens:
        mention = ctx.actors.at(t)
        if mention and mention.actor.country:
            return mention.actor.country
    return None


def _countries(ctx: Context, tokens) -> set[str]:
    out = set()
    for t in tokens:
        mention = ctx.actors.at(t)
        if mention and mention.actor.country and mention.spec.kind != "person":
            out.add(mention.actor.country)
    return out


def _inside_aim(anchor: Token, c: Cues) -> bool:
    for child, head in _ancestors(anchor):
        if child.dep_ != "ccomp" and _complement_of(child, head) and _is(head, c.intent):
            return True
        if child.dep_ not in _CLAUSE_DEPS:
            return False
    return False


def _wished_scenario(anchor: Token, c: Cues) -> bool:
    if not any(t.dep_ == "advcl" and any(m.lower_ == "if" for m in t.children) for t in anchor.children):
        return False
    return any(_is(head, c.wish) for _, head in _ancestors(anchor))


def _has_time(anchor: Token, c: Cues) -> bool:
    """Whether the clause says when: a date that is not a rate ("a year"), or a horizon phrase."""
    tokens = [t for t in anchor.subtree]
    # a date inside a relative clause dates that clause ('the complaint it had lodged in September 2019')
    described = {t.i for r in tokens if r.dep_ in ("relcl", "acl") and r.i != anchor.i for t in r.subtree}
    for t in tokens:
        if t.ent_type_ == "DATE" and t.ent_iob_ == "B" and t.lower_ not in c.rate_openers and t.i not in described:
            return True
    return _horizon("".join(t.text_with_ws for t in tokens if t.i not in described), c) is not None


# ---- clause text and holder -------------------------------------------------------------------------------

def _own_clause(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in tok.children)


def _clause_tokens(anchor: Token, anchors: set[int]) -> list[Token]:
    """The anchor's clause: its subtree without split-off clauses, their conjunctions or an attribution."""
    drop: set[int] = set()
    for child in anchor.children:
        if (child.dep_ in _SPLIT_OFF and (child.i in anchors or _own_clause(child) or child.dep_ == "cc")) \
                or _is_according(child):
            drop.update(t.i for t in child.subtree)
        if child.dep_ == "mark" and child.i < anchor.i:
            drop.add(child.i)
    return [t for t in anchor.subtree if t.i not in drop]


def _is_according(tok: Token) -> bool:
    return tok.lower_ == "according" or (tok.dep_ == "prep" and tok.lower_ == "to" and tok.head.lower_ == "according")


def _trim(tokens: list[Token], c: Cues) -> tuple[int, int] | None:
    """Token range [lo, hi) of the clause, without leading connectives or dangling punctuation."""
    if not tokens:
        return None
    lo, hi = tokens[0].i, tokens[-1].i + 1
    doc = tokens[0].doc
    changed = True
    while changed and lo < hi:
        changed = False
        if doc[lo].is_punct and doc[lo].text not in "\"“‘'(":
            lo, changed = lo + 1, True
            continue
        if lo + 2 < hi and doc[lo + 1].text == ":" and doc[lo].lower_ in c.outlook_heads:
            lo, changed = lo + 2, True  # an inline 'Outlook:' label, not part of the prediction
            continue
        for words in c.connectives:
            if tuple(t.lower_ for t in doc[lo:lo + len(words)]) == tuple(words) and lo + len(words) < hi:
                lo, changed = lo + len(words), True
                break
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _TRAILING or doc[hi - 1].dep_ == "cc"):
        hi -= 1
    return (lo, hi) if lo < hi else None


def _text(span: Span) -> str:
    return span.doc.text[span.start_char:span.end_char]


def _subject(verb: Token) -> Token | None:
    while True:
        for t in verb.children:
            if t.dep_ in ("nsubj", "nsubjpass"):
                return t
        if verb.dep_ in ("conj", "xcomp") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None


def _name(ctx: Context, tokens, fallback: Token | None) -> str | None:
    """A holder's name: the person named there, else the actor, else the noun phrase as written."""
    tokens = list(tokens)
    for t in tokens:
        person = ctx.people.at(t) if ctx.people else None
        if person:
            return person.name
    for t in tokens:
        if t.ent_type_ == "PERSON":
            ent = next(e for e in t.doc.ents if e.start <= t.i < e.end)
            return _text(ent)
    if fallback is not None:
        named = _proper_name(ctx, fallback)
        if named:
            return named
    head_phrase = tokens if fallback is None else [t for t in tokens if fallback.left_edge.i <= t.i <= fallback.i]
    for t in head_phrase:  # 'analysts in Delhi' are not Delhi
        mention = ctx.actors.at(t)
        if mention:
            return mention.span.text
    if fallback is None:
        return None
    span = fallback.doc[fallback.left_edge.i:fallback.i + 1]
    return _text(span) if len(span) <= 6 else fallback.text


def _proper_name(ctx: Context, head: Token) -> str | None:
    """A name the parser sees but NER missed: the head noun itself or its apposition ('the envoy, Ivan
    Petrov, said'), when it is not a state or organisation."""
    for tok in [head, *(t for t in head.children if t.dep_ == "appos")]:
        if tok.pos_ == "PROPN" and ctx.actors.at(tok) is None:
            first = min((t.i for t in tok.children if t.dep_ == "compound" and t.pos_ == "PROPN"), default=tok.i)
            return _text(tok.doc[first:tok.i + 1])
    return None


def _resolve_pronoun(ctx: Context, pronoun: Token, c: Cues) -> str | None:
    """A pronoun holder stands for the last person (he/she) or actor (it/they) named before it."""
    if pronoun.lower_ in c.first_person:
        return None
    want_person = pronoun.lower_ in ("he", "she", "him", "her")
    start = pronoun.sent.start
    prev = ctx.doc[start - 1].sent.start if start > 0 else start
    for i in range(pronoun.i - 1, prev - 1, -1):
        tok = ctx.doc[i]
        person = ctx.people.at(tok) if ctx.people else None
        if person:
            return person.name
        mention = ctx.actors.at(tok)
        if mention and not want_person and tok.dep_ in ("nsubj", "nsubjpass"):
            return mention.span.text
    return None


def _holder_of(ctx: Context, verb: Token, c: Cues) -> str | None:
    subject = _subject(verb)
    if subject is None or _is(verb, c.evidence_verbs):
        return None
    if subject.pos_ == "PRON":
        return _resolve_pronoun(ctx, subject, c)
    return _name(ctx, subject.subtree, subject)


def _according_holder(ctx: Context, sent: Span) -> str | None:
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < sent.end and sent.doc[tok.i + 1].lower_ == "to":
            to = sent.doc[tok.i + 1]
            objs = [t for t in to.children if t.dep_ == "pobj"]
            if objs:
                relcls = {t.i for r in objs[0].subtree if r.dep_ == "relcl" for t in r.subtree}
                return _name(ctx, (t for t in objs[0].subtree if t.i not in relcls), objs[0])
    return None


# ---- forecasts from clauses -------------------------------------------------------------------------------

def _clause_forecasts(ctx: Context, sent: Span, c: Cues, in_outlook: bool) -> list[Forecast]:
    markers = [(a, k) for a, k in _markers(sent, c, in_outlook)
               if _is_prediction(a, k, sent, c) and not _own_commitment(ctx, a, c)]
    anchors = {a.i for a, _ in markers}
    out, seen = [], set()
    for anchor, kind in markers:
        if anchor.i in seen or _has_inner_anchor(anchor, anchors):
            continue
        seen.add(anchor.i)
        forecast = _forecast(ctx, sent, anchor, kind, anchors, c)
        if forecast:
            out.append(forecast)
    return out


def _has_inner_anchor(anchor: Token, anchors: set[int]) -> bool:
    """'Analysts expect that trade will fall' is one forecast, told by its innermost clause."""
    for tok in anchor.subtree:
        if tok.i != anchor.i and tok.i in anchors and tok.dep_ == "ccomp":
            return any(head.i == anchor.i for _, head in _ancestors(tok))
    return False


def _forecast(ctx: Context, sent: Span, anchor: Token, kind: str, anchors: set[int], c: Cues) -> Forecast | None:
    bounds = _trim(_clause_tokens(anchor, anchors), c)
    if bounds is None:
        return None
    span = ctx.doc[bounds[0]:bounds[1]]
    holder = _holder(ctx, sent, anchor, kind, c)
    if holder is None and kind == "expect" and not _author_expects(anchor, c):
        holder = _holder_of(ctx, anchor, c)
    clause = span_evidence(ctx, span.start_char, span.end_char)
    evidence = sentence_evidence(ctx, anchor) if holder else clause
    horizon = _horizon(clause.text, c, _year(ctx))
    return Forecast(text=clause.text, holder=holder, horizon=horizon, evidence=evidence)


def _year(ctx: Context) -> int | None:
    return int(ctx.published[:4]) if ctx.published and ctx.published[:4].isdigit() else None


def _author_expects(verb: Token, c: Cues) -> bool:
    subject = _subject(verb)
    return subject is None or subject.lower_ in c.first_person


def _holder(ctx: Context, sent: Span, anchor: Token, kind: str, c: Cues) -> str | None:
    reporter = _reporter(anchor, c)
    if reporter is not None:
        return _holder_of(ctx, reporter, c)
    return _according_holder(ctx, sent)


def _horizon(text: str, c: Cues, since: int | None = None) -> str | None:
    """The horizon label of the first horizon phrase, else the year the clause names."""
    low = text.lower()
    for pattern, label in c.horizons:
        if pattern.search(low):
            return label
    for year in _YEAR.finditer(text):
        if not _PAST_YEAR.search(text[:year.start()]) and (since is None or int(year.group(0)) >= since):
            return year.group(0)
    return None


# ---- lists announced by a lead-in -------------------------------------------------------------------------

def _list_forecasts(ctx: Context, sents: list[Span], idx: int, c: Cues) -> tuple[list[Forecast], set[int]]:
    """'The following developments should be expected: A; B; C.' or a lead-in line followed by bullets.
    Returns the forecasts and the sentences (by start token) they used up."""
    sent = sents[idx]
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None or colon.i == sent.start:
        return [], set()
    lead = ctx.doc[sent.start:colon.i]
    if not _announces(lead, c):
        return [], set()
    used = {sent.start}
    if ctx.text[colon.idx + 1:sent.end_char].strip():
        items = _inline_items(ctx.text, colon.idx + 1, sent.end_char)
    else:
        items = _bullet_items(ctx, sents[idx + 1:], c, used)
    if len(items) < 2:
        return [], set()
    horizon = _horizon(_text(lead), c)
    holder = _lead_holder(ctx, lead, c)
    out = []
    for start, end in items:
        evidence = span_evidence(ctx, start, end)
        own_horizon = horizon or _horizon(evidence.text, c, _year(ctx))
        out.append(Forecast(text=evidence.text, holder=holder, horizon=own_horizon, evidence=evidence))
    return out, used


def _announces(lead: Span, c: Cues) -> bool:
    return any(k != "reported" for _, k in _markers(lead, c, False))


def _lead_holder(ctx: Context, lead: Span, c: Cues) -> str | None:
    for tok in lead:
        if _is(tok, c.expect_verbs) and tok.tag_ in ("VBP", "VBZ") and not _author_expects(tok, c):
            return _holder_of(ctx, tok, c)
    return None


def _inline_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Semicolon-separated elements of text[start:end], without a leading 'and' or a closing period."""
    items, pos = [], start
    for part in text[start:end].split(";"):
        a, b = pos, pos + len(part)
        pos = b + 1
        a, b = _strip_item(text, a, b)
        if a < b:
            items.append((a, b))
    return items if len(items) >= 2 else []


def _strip_item(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    for lead in ("and ", "or "):
        if text[a:a + len(lead)].lower() == lead:
            a += len(lead)
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".;,"):
        b -= 1
    return a, b


def _bullet_items(ctx: Context, following: list[Span], c: Cues, used: set[int]) -> list[tuple[int, int]]:
    """The bullet lines right after a lead-in line, each without its bullet. An item is the first sentence
    of its line: PDF text often runs the next paragraph onto the last item's line. The parser sometimes
    makes a lone bullet a sentence of its own; the item is then the sentence after it."""
    items, pending = [], False
    for sent in following:
        if _starts_line(ctx.text, sent.start_char):
            if is_bullet(sent.text):
                pending = True
                used.add(sent.start)
                continue
            body = _after_bullet(sent.text, c)
            if body is None:
                break
        elif pending:
            body = 0
        else:
            continue
        pending = False
        a, b = _strip_item(ctx.text, sent.start_char + body, sent.end_char)
        if a < b:
            items.append((a, b))
            used.add(sent.start)
    return items


def _starts_line(text: str, pos: int) -> bool:
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return pos == 0 or text[pos - 1] == "\n"


def _after_bullet(line: str, c: Cues) -> int | None:
    return marker_end(line)


def _dedupe(forecasts: list[Forecast]) -> list[Forecast]:
    seen, out = set(), []
    for f in forecasts:
        key = (f.evidence.start, f.evidence.end, f.text)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
