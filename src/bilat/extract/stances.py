"""Stances: who supports or opposes what. One stance per target: a list after a colon ('opposed to the
following: A; B; C') or a coordination ('condemned A, B and C') gives one stance each; joint holders
('both sides', 'the two capitals') hold it together. A position restated later is counted once."""
from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from ..model import Actor, Stance
from ..vocab import load
from . import register
from .actors import unique_actors
from .arguments import Memory, actors_of, antecedent_object, direct_objects, noun_phrase, prep_object, subject_of
from .context import Context, sentence_evidence
from .events import _asserted

_LEAD_WORDS = {"the", "a", "an", "any", "all", "its", "their", "his", "her", "such", "this", "these", "further",
               "following"}
_MAX_LABEL_WORDS = 24
# Calling for one of these of X is taking a side against X ('the lifting of sanctions'); 'an end to' and 'a
# cessation of' hostilities are called for as such.
_REMOVALS = {"lifting", "removal", "repeal", "abolition", "withdrawal", "scrapping", "easing", "reversal"}
# 'commit themselves to oppose X', 'pledged to support Y': committing to a side is taking it
_COMMITTING = frozenset({"commit", "pledge", "vow", "undertake", "resolve", "promise", "agree"})


@functools.lru_cache(maxsize=1)
def cues() -> dict:
    data = load().stances
    verbs, adjectives, nouns, phrases = {}, {}, {}, []
    for polarity in ("support", "oppose"):
        for v in data[polarity]["verbs"]:
            verbs[v] = polarity
        for adj, prep in data[polarity]["adjectives"].items():
            adjectives[adj] = (polarity, prep)
        for n in data["nouns"][polarity]:
            nouns[n] = polarity
        phrases += [(p.lower(), polarity) for p in data[polarity]["phrases"]]
    return {"verbs": verbs, "adjectives": adjectives, "nouns": nouns, "phrases": phrases,
            "reporting": set(data["reporting"]), "blockers": set(data["blockers"]),
            "noun_preps": tuple(data["noun_preps"]), "modals": frozenset(data["normative_modals"]),
            "anaphors": set(data["organisation_anaphors"]), "call_verbs": set(data.get("call_for", []))}


@register("stances")
def extract_stances(ctx: Context) -> list[Stance]:
    c = cues()
    memory = Memory()
    found: list[tuple[Stance, Span]] = []
    for sent in ctx.doc.sents:
        for token in sent:
            lemma = token.lemma_.lower()
            if token.lower_ in c["adjectives"] and token.pos_ in ("ADJ", "VERB") and _predicative(token):
                # 'X is opposed to Y' (the parser often makes it a passive verb): a state, not an act
                adjective = _adjective_stances(ctx, token, *c["adjectives"][token.lower_], memory)
                if not adjective and token.pos_ == "VERB" and lemma in c["verbs"] and not any(
                        c2.lemma_ == "be" for c2 in token.children):
                    adjective = _verb_stances(ctx, token, c["verbs"][lemma], memory)  # 'has opposed X'
                found += adjective
            elif token.pos_ == "VERB" and lemma in c["call_verbs"] and prep_object(token, ("for",)) is not None:
                # 'called for restraint', 'an article calling for a capital markets union'
                found += _call_for_stances(ctx, token, memory)
            elif token.pos_ == "VERB" and lemma in c["verbs"]:
                found += _verb_stances(ctx, token, c["verbs"][lemma], memory)
            elif token.pos_ == "NOUN" and lemma in c["nouns"]:
                found += _noun_stances(ctx, token, c["nouns"][lemma], memory)
        found += _evaluative_stances(ctx, sent, memory)
        _note_subject(ctx, sent, memory)
    return _once_each(found)


# -- cue kinds -------------------------------------------------------------------------------------

def _predicative(token: Token) -> bool:
    return token.dep_ in ("acomp", "ROOT", "xcomp", "conj", "ccomp") and any(
        c.dep_ in ("auxpass", "aux", "cop") or c.lemma_ == "be" for c in token.children) or token.dep_ == "acomp"


def _verb_stances(ctx, verb: Token, polarity: str, memory: Memory):
    if not _real_position(verb):
        return []
    subj, passive = subject_of(verb)
    if passive or subj is None:
        return []
    holders = actors_of(ctx, subj, memory)
    targets = []
    for obj in direct_objects(verb):
        obj = _named_as(obj.head if obj.lower_ == "what" else obj) or obj
        if obj.lower_ in ("that", "which", "whom", "who") and verb.dep_ == "relcl":
            obj = verb.head  # 'a remark that Beijing rejected': the remark; 'Assad, whom both backed': Assad
        elif obj.lower_ in ("them", "it", "this", "these", "that"):
            obj = antecedent_object(verb) or obj
        if obj.lemma_.lower() in cues()["nouns"]:
            return []  # 'reaffirmed its support for X': the noun says what is supported, and says it once
        if obj.lower_ in ("it", "them", "these", "this") and obj.pos_ == "PRON":
            continue  # a pronoun whose antecedent was not found says nothing about what is opposed
        if obj.lower_ in ("him", "her", "me", "us", "you") or (
                verb.lemma_.lower() in ("welcome", "receive", "greet") and ctx.people.at(obj) is not None):
            continue  # 'Steinmeier welcomed him at Bellevue Palace' greets a guest; it takes no side
        targets.append(obj)
    if not targets and direct_objects(verb):
        return []
    if not targets:
        pobj = prep_object(verb, ("to", "against", "for", "on"))
        targets = [pobj] if pobj is not None else []
    if not targets:
        # 'Russia supports using the yuan for payments': the clause is what is supported
        clause = next((c for c in verb.children if c.i > verb.i and (c.dep_ in ("xcomp", "ccomp") or (
            c.dep_ == "advcl" and c.tag_ == "VBG"))), None)
        named = _named_as(clause) if clause is not None else None
        if named is not None:
            return _stances(ctx, verb, holders, polarity, [named])  # 'oppose what they call sanctions'
        if clause is not None:
            return _stances(ctx, verb, holders, polarity, [clause])
    return _stances(ctx, verb, holders, polarity, targets, tail_of=verb)


def _named_as(clause: Token) -> Token | None:
    """'what they call unilateral coercive measures' -> measures: the name a 'what' clause gives."""
    if clause.pos_ not in ("VERB", "AUX") or not any(c.lower_ == "what" for c in clause.children):
        return None
    return next((c for c in clause.children if c.dep_ in ("oprd", "attr", "xcomp", "dobj") and c.lower_ != "what"),
                None)


def _adjective_stances(ctx, adj: Token, polarity: str, prep: str | None, memory: Memory):
    if not _real_position(adj):
        return []
    head = adj.head if adj.dep_ in ("acomp", "xcomp") else adj
    subj, _ = subject_of(head)
    if subj is None:
        return []
    holders = actors_of(ctx, subj, memory)
    pobj = prep_object(adj, (prep,)) if prep else None
    if pobj is None:
        return []
    return _stances(ctx, adj, holders, polarity, [pobj], to_clause_end=True)


def _call_for_stances(ctx, verb: Token, memory: Memory):
    """'China called for restraint': support for what is called for. In 'published an article calling for X'
    the ones who published it call for X."""
    if not _real_position(verb):
        return []
    subj, passive = subject_of(verb)
    if verb.dep_ == "acl" and verb.head.dep_ == "dobj":
        subj, passive = subject_of(verb.head.head)
    if subj is None or passive:
        return []
    pobj = prep_object(verb, ("for",))
    removed = prep_object(pobj, ("of",)) if pobj.lemma_.lower() in _REMOVALS else None
    if removed is not None:
        # 'called for the lifting of China's import restrictions': against the restrictions
        return _stances(ctx, verb, actors_of(ctx, subj, memory), "oppose", [removed])
    return _stances(ctx, verb, actors_of(ctx, subj, memory), "support", [pobj])


def _noun_stances(ctx, noun: Token, polarity: str, memory: Memory):
    """'Russia reaffirmed its support for the one-China principle'."""
    pobj = prep_object(noun, cues()["noun_preps"])
    if pobj is None:
        # 'concern over harassing phone calls': the preposition's object is a gerund clause
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in cues()["noun_preps"]), None)
        pobj = next((c for c in prep.children if c.dep_ == "pcomp"), None) if prep is not None else None
    if pobj is None or noun.dep_ not in ("dobj", "nsubj", "attr"):
        return []
    owner = [c for c in noun.children if c.dep_ == "poss"]
    holders = []
    if owner and not (owner[0].pos_ == "PRON" and noun.dep_ == "dobj"):
        holders = actors_of(ctx, owner[0], memory)
    if not holders and noun.dep_ == "dobj":
        subj, _ = subject_of(noun.head)
        holders = actors_of(ctx, subj, memory) if subj is not None else []
    if not _real_position(noun.head if noun.dep_ == "dobj" else noun):
        return []
    return _stances(ctx, noun, holders, polarity, [pobj])


def _evaluative_stances(ctx, sent: Span, memory: Memory):
    """'Both sides emphasised that "X and Y are having a negative impact on ..."': the reporter opposes X, Y."""
    low = sent.text.lower()
    hits = [(p, pol) for p, pol in cues()["phrases"] if p in low]
    if not hits:
        return []
    phrase, polarity = hits[0]
    for token in sent:
        if token.lemma_.lower() in cues()["reporting"] and token.pos_ == "VERB":
            clause = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if clause is None or phrase not in noun_phrase_text(clause):
                continue
            subj, _ = subject_of(token)
            inner, _ = subject_of(clause)
            if subj is None or inner is None:
                continue
            holders = actors_of(ctx, subj, memory)
            return _stances(ctx, token, holders, polarity, [inner])
    return []


def noun_phrase_text(token: Token) -> str:
    return token.doc[token.left_edge.i:token.right_edge.i + 1].text.lower()


# -- targets ---------------------------------------------------------------------------------------

def _stances(ctx, cue: Token, holders: list[Actor], polarity: str, targets: list[Token], to_clause_end=False,
             tail_of: Token | None = None):
    holders = unique_actors(holders)
    if not holders or not targets:
        return []
    out = []
    spans = _target_spans(cue, targets, to_clause_end)
    if tail_of is not None and len(spans) == 1:
        spans = [_with_tail(tail_of, spans[0])]
    # 'the Syrian president whom both had backed': the target is the president, not the clause saying so
    spans = [s.doc[s.start:cue.left_edge.i] if cue.dep_ == "relcl" and s.start < cue.i < s.end else s
             for s in spans]
    for span in spans:
        label = _anaphor(ctx, span) + _label(span)
        if not label:
            continue
        target_actor = _target_actor(ctx, span, holders)
        out.append((Stance(holders, polarity, label, target_actor, sentence_evidence(ctx, cue)), span))
    return out


def _target_spans(cue: Token, targets: list[Token], to_clause_end: bool) -> list[Span]:
    """One span per thing taken a side on: list elements after a colon, else conjuncts, else the phrase."""
    doc = cue.doc
    sent = cue.sent
    if len(targets) > 1 and any(t.text in ("-", "–") for t in targets):
        # 'backed non-interference': the parser splits the hyphenated word into three objects
        return [doc[min(t.left_edge.i for t in targets):max(t.right_edge.i for t in targets) + 1]]
    first = targets[0]
    colon = next((t for t in sent if t.i > cue.i and t.text == ":"), None)
    if colon is not None and colon.i <= first.right_edge.i + 1 and colon.i > first.i - 1 or (
            colon is not None and first.lower_ in ("following", "actions", "issues", "steps", "moves", "policies")):
        return _split_list(doc[colon.i + 1:sent.end])
    # 'condemned the attacks, including the one on X' lists targets; 'the attacks, in which three people,
    # including two nationals, died' only describes them: an 'including' inside a clause lists nothing
    including = next((t for t in first.subtree if t.lower_ in ("including", "notably", "particularly")
                      and not _inside_clause(t, first)), None)
    if including is not None:
        spans = [noun_phrase(t) for t in including.children if t.dep_ == "pobj"]
        spans += [noun_phrase(t) for s in spans for t in s.root.conjuncts if t.i > s.root.i]
        spans += [noun_phrase(t) for t in targets[1:]]
        return [_without_conjuncts(s) for s in spans]
    heads, seen = [], set()
    for t in targets:
        for h in (t, *[c for c in t.conjuncts if c.i > t.i]):
            # 'A, in particular its B' elaborates A; it is not a second target
            if h.i not in seen and not any(w.lower_ in ("particular", "especially", "notably", "including")
                                           for w in h.doc[h.left_edge.i:h.i]):
                seen.add(h.i)
                heads.append(h)
    if len(heads) > 1:
        return [_without_conjuncts(noun_phrase(h)) for h in heads]
    span = noun_phrase(first)
    if to_clause_end:
        end = span.end
        while end < sent.end and doc[end].text not in (";", ":") and not (doc[end].is_punct and end == sent.end - 1):
            end += 1
        span = doc[span.start:end]
    return [span]


def _inside_clause(token: Token, top: Token) -> bool:
    node = token.head
    while node.i != top.i and node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX"):
            return True
        node = node.head
    return False


def _with_tail(verb: Token, span: Span) -> Span:
    """'supports Russia in its work as chair of BRICS': the verb's 'in'/'as' phrase after the object says
    what exactly is supported."""
    end = span.end
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "as", "on") and child.i == end:
            tail = [t for t in child.subtree]
            dated = next((t.i for t in tail if t.ent_type_ in ("DATE", "TIME")), None)
            if dated is None or dated > child.i + 1:
                end = dated if dated is not None else child.right_edge.i + 1  # the tail stops at its date
    return span.doc[span.start:end]


def _anaphor(ctx, span: Span) -> str:
    """'the mechanism', 'the group': name the organisation it refers back to."""
    root = span.root
    if root.lower_ not in cues()["anaphors"] or not any(c.lower_ == "the" for c in root.children):
        return ""
    orgs = [m for m in ctx.actors.mentions if m.spec.kind == "org" and m.span.end <= span.start]
    return f"{orgs[-1].span.text}: " if orgs else ""


def _without_conjuncts(span: Span) -> Span:
    """'AUKUS, NATO's programme and the US's plans' as separate targets: cut each at its first conjunct."""
    root = span.root
    cut = span.end
    for child in root.children:
        if child.dep_ in ("conj", "cc") and child.i > root.i:
            cut = min(cut, child.left_edge.i)
    while cut > span.start + 1 and span.doc[cut - 1].is_punct:
        cut -= 1
    return span.doc[span.start:cut]


def _split_list(span: Span) -> list[Span]:
    parts, start = [], span.start
    doc = span.doc
    for t in span:
        if t.text == ";":
            parts.append(doc[start:t.i])
            start = t.i + 1
    parts.append(doc[start:span.end])
    out = []
    for part in parts:
        tokens = [t for t in part if not (t.is_punct and t.text in ".;")]
        while tokens and tokens[0].lower_ in ("and", "or"):
            tokens.pop(0)
        if tokens:
            out.append(doc[tokens[0].i:tokens[-1].i + 1])
    return out


def _label(span: Span) -> str:
    tokens = [t for t in span]
    while tokens and (tokens[0].lower_ in _LEAD_WORDS or tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].is_space or tokens[-1].is_punct and tokens[-1].text not in (")", "”", '"', "’")):
        tokens.pop()
    if not tokens:
        return ""
    text = span.doc[tokens[0].i:tokens[-1].i + 1].text
    words = text.split()
    return " ".join(words[:_MAX_LABEL_WORDS]) if len(words) > _MAX_LABEL_WORDS else text


def _target_actor(ctx, span: Span, holders: list[Actor]) -> Actor | None:
    keys = {h.key for h in holders}
    for m in ctx.actors.in_span(span.start, span.end):
        if m.actor.key and m.actor.key not in keys and m.spec.kind != "demonym":
            return m.actor
    return None


def _real_position(token: Token) -> bool:
    """Not negated, not hypothetical, not someone's attempt to get others to take a side."""
    if not _asserted(token, cues()["modals"], _COMMITTING):
        return False
    for ancestor in token.ancestors:
        if ancestor.lower_ in cues()["blockers"] or ancestor.lemma_.lower() in cues()["blockers"]:
            # 'Ukraine's attempts to get partners to support X' is not the speaker's position
            if any(c.dep_ == "poss" for c in ancestor.children) or ancestor.dep_.startswith("nsubj"):
                return False
        if ancestor.dep_ == "ROOT":
            break
    if token.tag_ == "VBG" and token.dep_ in ("pcomp",) and token.head.lower_ == "by":
        return False  # 'by promoting X' says how, not what they stand for
    return True


def _note_subject(ctx, sent: Span, memory: Memory) -> None:
    subj, _ = subject_of(sent.root)
    if subj is not None and subj.lower_ not in ("it", "this", "that", "which"):
        memory.note(actors_of(ctx, subj, memory), subj)


# -- a position stated twice is one stance --------------------------------------------------------

_WORD = re.compile(r"[\w-]+")
_STOP = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "its", "their", "by", "for", "with", "under", "both",
         "these", "this", "that", "which", "s"}


def _content(label: str) -> set[str]:
    words = {w.lower().removesuffix("s") for w in _WORD.findall(label)}
    return {w for w in words if w not in _STOP and len(w) > 1}


def _once_each(found: list[tuple[Stance, Span]]) -> list[Stance]:
    kept: list[tuple[Stance, Span]] = []
    for stance, span in found:
        dup = False
        for other, other_span in kept:
            if other.polarity != stance.polarity or other_span.sent == span.sent:
                continue
            if not {h.key for h in other.holders} & {h.key for h in stance.holders}:
                continue
            a, b = _content(other.target), _content(stance.target)
            if a and b and len(a & b) / min(len(a), len(b)) >= 0.5:
                dup = True
                break
        if not dup:
            kept.append((stance, span))
    return [s for s, _ in kept]
