"""Events: acts between actors, coded in CAMEO (with PLOVER, QuadClass and Goldstein from the codebook).

Triggers are verbs and nouns listed in vocab/triggers.yaml ('held talks', 'talks were held', 'Putin's
visit to China', 'a treaty was signed', 'condemned', 'threats of sanctions'). Source and target come
from dependency roles. Negated, hypothetical, planned and expected acts are not events. One event per
distinct act: a later mention of the same act without its own date is folded into the dated one.
"""
from __future__ import annotations

import datetime as dt
import functools

from spacy.tokens import Span, Token

from ..model import Actor, Event, Place
from ..vocab import load
from . import register
from .arguments import (RELATIVE, Memory, actors_of, agent_of, antecedent_object, direct_object, direct_objects,
                        noun_phrase, prep_object, subject_of)
from .context import Context, sentence_evidence, paragraph_break
from .dates import OCCASION_NOUNS, DateSpan
from .lists import is_list_item

MODALS = {"will", "would", "could", "may", "might", "should", "shall", "must", "can", "'ll", "wo", "ca"}
# Governors under which an act is wished, planned, prevented or only possible, not done.
UNREAL_HEADS = {"expect", "plan", "intend", "hope", "want", "seek", "aim", "propose", "prepare", "ready", "willing",
                "able", "prevent", "avoid", "refuse", "fail", "try", "attempt", "offer", "consider", "due", "scheduled",
                "set", "likely", "unlikely", "possible", "need", "urge", "call", "ask", "decide", "agree", "threaten",
                "promise", "pledge", "vow", "would", "look", "expected", "planned", "supposed", "going", "wish"}
NEGATIVE_DETS = {"no", "neither", "nor", "without"}
# Verbs after which a to-infinitive did happen ('went on to sign', 'began to patrol').
GOING_ON = {"begin", "start", "continue", "go", "proceed", "manage", "move"}
PLACE_PREPS = ("in", "at")
TRAVEL_NOUNS = {"visit", "trip", "tour"}
# Verbs that say an act happened ('the talks took place', 'the exercise began').
OCCURRENCE_VERBS = {"take", "begin", "start", "open", "end", "close", "conclude", "continue", "run", "last"}
# Verbs whose object noun names the act ('paid a visit', 'made a trip', 'began a patrol').
LIGHT_VERBS = {"pay", "make", "undertake", "begin", "start", "conclude", "complete", "end", "wrap", "conduct",
               "stage", "launch", "hold", "carry"}
# Verbs of going somewhere: 'travelled to Sochi for talks with Putin' makes the traveller a party to the talks.
MOTION_VERBS = {"travel", "fly", "arrive", "come", "go", "head", "visit", "leave", "return"}
PHONE_WORDS = {"phone", "telephone", "telephonic", "video", "videoconference", "videolink"}
# Nouns naming the container of the real object ('signed a series of agreements').
CONTAINER_NOUNS = {"series", "number", "set", "range", "raft", "host", "slew", "batch", "pair", "couple", "dozens",
                   "hundreds", "scores", "thousands", "wave", "barrage", "salvo", "volley"}
# Nouns of violent acts: condemning one is condemning whoever carried it out ('condemned Iran's attack').
ATTACK_NOUNS = {"attack", "attacks", "strike", "strikes", "invasion", "aggression", "offensive", "bombing",
                "occupation", "annexation", "shelling", "incursion", "assault", "launch", "launches", "test", "tests"}
# Verbs of violent or military acts whose doer a later 'the attack', 'the launch' refers to.
ACT_VERBS = {"fire", "launch", "attack", "strike", "bomb", "shell", "invade", "test", "seize", "shoot", "detonate"}
# Words after which a sentence without a date of its own continues the day of the one before.
SAME_DAY = {"then", "afterwards", "afterward", "subsequently"}


@functools.lru_cache(maxsize=1)
def triggers() -> tuple[dict, dict]:
    t = load().triggers
    return t["verbs"], t["nouns"]


@register("events")
def extract_events(ctx: Context) -> list[Event]:
    verbs, nouns = triggers()
    memory = Memory()
    found: list[tuple[Event, Token, bool]] = []  # event, trigger, has its own date
    for sent in ctx.doc.sents:
        for token in sent:
            spec = None
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                spec = verbs.get(token.lemma_.lower())
                make = _verbal
            if spec is None and token.pos_ in ("NOUN", "PROPN"):
                spec = nouns.get(token.lower_) or nouns.get(token.lemma_.lower())
                make = _nominal
            if spec is None or not _asserted(token):
                continue
            for event, dated in make(ctx, token, spec, memory):
                found.append((event, token, dated))
        _remember(ctx, sent, memory)
    return _one_per_act(found)


# -- triggers ------------------------------------------------------------------------------------

def _code(token: Token, spec: dict, obj: Token | None, objs: list[Token] | None = None) -> str | None:
    objs = [o for o in (objs or [obj]) if o is not None]
    objs = objs + [_contained(o) for o in objs if _contained(o) is not None]
    table = spec.get("with")
    if table:
        for o in objs:
            code = table.get(o.lower_) or table.get(o.lemma_.lower())
            if code:
                return _by_phone(token, obj, code)
        return spec.get("cameo") if objs or not spec.get("cameo") else None
    needs = spec.get("needs_object")
    if needs and not any(o.lemma_.lower() in needs or o.lower_ in needs for o in objs):
        return None
    clause = spec.get("with_clause")
    if clause:
        for t in token.subtree:
            if t.lower_ in clause:
                return clause[t.lower_]
        if spec.get("only_with_clause"):
            return None
    return _by_phone(token, obj, spec.get("cameo"))


def _contained(obj: Token) -> Token | None:
    """'a series of agreements' -> agreements."""
    if obj.lemma_.lower() in CONTAINER_NOUNS:
        return prep_object(obj, ("of",))
    return None


def _by_phone(token: Token, obj: Token | None, code: str | None) -> str | None:
    """'held a phone call', 'held talks by telephone': consultation by telephone is 041."""
    if code is None or not code.startswith("040"):
        return code
    words = [t for t in obj.subtree] if obj is not None else []
    words += [t for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "over", "via") for t in c.subtree]
    return "041" if any(t.lower_ in PHONE_WORDS for t in words) else code


def _verbal(ctx: Context, verb: Token, spec: dict, memory: Memory):
    if spec.get("stance") and verb.tag_ in ("VBZ", "VBP"):
        return []  # 'both sides oppose X' states a position (a stance), it reports no act
    obj = direct_object(verb)
    if obj is not None and obj.lower_ in ("that", "which") and verb.dep_ == "relcl" and spec.get("stance"):
        obj = verb.head  # 'a remark that Beijing rejected': the remark
    if obj is None:
        # 'a treaty was signed', 'the documents signed during the visit': the thing acted on is the
        # passive subject or the noun the participle modifies
        passive_subject, passive = subject_of(verb)
        obj = verb.head if verb.dep_ == "acl" else passive_subject if passive else None
    code = _code(verb, spec, obj, direct_objects(verb) or [obj])
    if code is None:
        return []
    if obj is not None and spec.get("with") and _counted_plural(obj) and not spec.get("counts_one_act"):
        return []  # 'held two joint operations in July' sums up several acts; each is reported on its own
    subj, passive = subject_of(verb)
    if subj is not None and subj.lower_ in RELATIVE - {"who"} and subj.head.i == verb.i:
        # 'companies which support ...' describes a kind of thing; it reports no act
        return []
    agent = agent_of(verb) if passive or verb.dep_ == "acl" else None
    if passive:
        sources = actors_of(ctx, agent, memory) if agent is not None else []
        target_token = subj if spec.get("object_is_actor", True) else None
    elif verb.dep_ == "acl" and agent is not None:
        # 'the Declaration of Principles signed in Khartoum on 23 March 2015 by Sisi, Hailemariam and Bashir':
        # the participle names who did it, and when
        sources, target_token = actors_of(ctx, agent, memory), None
    else:
        sources = actors_of(ctx, subj, memory) if subj is not None else []
        target_token = obj
    if verb.dep_ == "acl" and not _dated_by_occasion(ctx, verb) and not (agent is not None and sources):
        # 'the agreement signed on 4 February 2022 between ...' describes a document, it reports no act
        return []
    targets = []
    target_tokens = [target_token] if passive else [] if spec.get("places_only") or spec.get(
        "prep_target_only") else direct_objects(verb)
    for tok in target_tokens:
        if tok is None:
            continue
        if tok.lower_ in ("them", "it", "this", "these"):
            tok = antecedent_object(verb) or tok
        if tok.lower_ in ("that", "which") and verb.dep_ == "relcl" and spec.get("stance"):
            tok = verb.head
        if spec.get("stance") and code.startswith("11") and tok.lower_ in ATTACK_NOUNS:
            # 'condemned Iran's attack': against the attacker; 'condemned the invasion of Ukraine' names none;
            # 'North Korea fired a missile. Seoul condemned the launch': the doer of the act told just before
            owners = [a for c in tok.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                      for a in actors_of(ctx, c, memory)]
            if not owners and any(c.lower_ in ("the", "this", "that", "these") for c in tok.children):
                owners = list(memory.doers)
            targets += owners
            continue
        if spec.get("object_head_only"):
            targets += actors_of(ctx, tok, memory)
            continue
        with_prep = prep_object(tok, tuple(spec.get("target", ()))) if tok.pos_ == "NOUN" else None
        if with_prep is not None and not actors_of(ctx, tok, memory):
            tok = with_prep  # 'held talks with X': X, not whoever else the phrase names
        named = actors_of(ctx, tok, memory)
        # 'supported Brazil's wish to play a greater role at the UN': whose wish, not every actor inside it
        targets += named or (_actors_inside(ctx, tok)[:1] if spec.get("stance") else _actors_inside(ctx, tok))
    if spec.get("symmetric") and len(sources) >= 2:
        targets = []  # 'Rosneft and CNPC signed a contract for oil to China': the two sides are the subjects
    for prep in spec.get("target", []):
        if targets:
            break
        # 'held talks with X': the preposition may hang on the verb or on its object noun
        pobj = prep_object(verb, (prep,)) or (prep_object(obj, (prep,)) if obj is not None else None)
        if pobj is not None:
            targets = actors_of(ctx, pobj, memory) or _actors_inside(ctx, pobj)
    if not targets and spec.get("clause_target"):
        # 'demanded that the European Union open the way': the demand is made of the clause's subject
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        subject = subject_of(clause)[0] if clause is not None else None
        if subject is not None:
            targets = actors_of(ctx, subject, memory)
    if spec.get("places_only"):
        targets = [t for t in targets if t.level in ("state", "government") and t.org is None]
    if spec.get("requires_target") and not targets:
        return []  # 'welcomes all efforts', 'is in Astana' without a foreign capital: no act between actors
    if spec.get("needs_place") and not targets and not _place_object(verb, spec):
        return []
    return _events(ctx, verb, code, spec, sources, targets)


def _nominal(ctx: Context, noun: Token, spec: dict, memory: Memory):
    code = _code(noun, spec, None)
    if code is None:
        return []
    if spec.get("needs_phone"):
        if not any(t.lower_ in PHONE_WORDS for t in noun.subtree if t.i < noun.i):
            return []  # 'calls for restraint', 'a conversation': only a phone call is an act between states
        code = "041"
    verbs, _ = triggers()
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.lemma_.lower() in verbs:
        return []  # 'held their meeting': the verb's event already says it
    sources: list[Actor] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod"):
            sources += actors_of(ctx, child, memory)
    if not sources:
        by = prep_object(noun, ("by",))
        if by is not None:
            sources = actors_of(ctx, by, memory)
    if not sources and noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS:
        # 'Modi paid a visit to Moscow': the one who pays the visit makes it
        subj, passive = subject_of(noun.head)
        if subj is not None and not passive:
            sources = actors_of(ctx, subj, memory)
    if not sources and spec.get("symmetric") and noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX") \
            and (noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in MOTION_VERBS
                 or noun.head.lower_ in ("during", "in") and noun.head.i < noun.i
                 or noun.head.lower_ == "after" and not any(  # 'after the talks' points back to talks told
                     c.lower_ in ("the", "this", "that", "these", "their", "its") for c in noun.children)):
        # 'travelled to Sochi for talks with Putin', 'in a phone call with Xi, Biden said': the subject takes part
        subj, passive = subject_of(noun.head.head)
        if subj is not None and not passive:
            sources = actors_of(ctx, subj, memory)
    if not sources and noun.lemma_.lower() in TRAVEL_NOUNS:
        # 'Xi left Moscow at the end of a state visit to Russia': the traveller is the clause's subject
        verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None:
            subj, passive = subject_of(verb)
            if subj is not None and not passive:
                sources = actors_of(ctx, subj, memory)
    targets: list[Actor] = []
    for prep in spec.get("target", []):
        pobj = prep_object(noun, (prep,))
        if pobj is not None:
            found = actors_of(ctx, pobj, memory) or _actors_inside(ctx, pobj)
            if prep == "between" and len(found) >= 2 and not sources:
                sources, found = found[:1], found[1:]
            targets = found
            if targets:
                break
    if not targets and noun.lemma_.lower() in TRAVEL_NOUNS:
        # 'Xi is in Kazakhstan for a state visit': where the clause puts the traveller
        verb = next((a for a in noun.ancestors if a.pos_ in ("VERB", "AUX")), None)
        place = prep_object(verb, ("in", "to")) if verb is not None else None
        keys = {a.key for a in sources}
        if place is not None:
            targets = [a for a in actors_of(ctx, place, memory) if a.key not in keys]
    if not targets and spec.get("with_clause"):
        # 'threats to impose sanctions on Chinese banks', 'threats of sanctions against Chinese banks':
        # the first actor named after the threat is its target
        keys = {s.key for s in sources}
        after = [a for a in _actors_inside(ctx, noun, after_only=True) if a.key not in keys]
        targets = after[:1]
    if not sources and not targets and spec.get("symmetric") and ctx.actors.dyad and any(
            c.lower_ == "joint" for c in noun.subtree if c.i < noun.i):
        sources, targets = [ctx.actors.dyad[0]], [ctx.actors.dyad[1]]  # 'the joint exercise' of the pair
    if not sources and not targets and spec.get("symmetric") and ctx.actors.dyad and noun.dep_ == "nsubj" \
            and noun.head.lemma_.lower() in OCCURRENCE_VERBS:
        sources, targets = [ctx.actors.dyad[0]], [ctx.actors.dyad[1]]  # 'the negotiations took place on 21 March'
    if not sources and not (spec.get("symmetric") and len(targets) >= 2):
        return []
    if spec.get("needs_place") and not targets and not _place_object(noun, spec):
        return []
    return _events(ctx, noun, code, spec, sources, targets, nominal=True)


def _other_side(ctx: Context, keys: set[str]) -> Actor | None:
    """The one state of the text's main pair that the named actors (some of them in the pair) are not."""
    pair = {a.key for a in ctx.actors.dyad or ()}
    other = [a for a in ctx.actors.dyad or () if a.key not in keys]
    return other[0] if len(other) == 1 and keys & pair else None


def _events(ctx, trigger: Token, code: str, spec: dict, sources: list[Actor], targets: list[Actor],
            nominal: bool = False):
    symmetric = bool(spec.get("symmetric"))
    pairs = None
    if symmetric and len(sources) >= 3 and not targets:
        # 'the three leaders adopted a joint statement': one act between each pair of them
        pairs = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1:]]
    if symmetric and len(sources) >= 2 and not targets:
        sources, targets = sources[:1], sources[1:2]
    if not targets and sources and ctx.actors.dyad and (symmetric or code.startswith("04") or (
            spec.get("dyad_target") and len(sources) == 1)):
        # In a text about a pair, 'the visit', 'held talks', 'lifted its duties' with one side named means with
        # (or on) the other side.
        other = _other_side(ctx, {s.key for s in sources})
        targets = [other] if other is not None else targets
    if not sources and symmetric and len(targets) >= 2:
        sources, targets = targets[:1], targets[1:2]
    if not sources and len(targets) == 1 and ctx.actors.dyad and code.startswith("04") and not symmetric:
        # 'The Prime Minister was received with military honours': in a text about a pair, the host is the
        # other side
        other = _other_side(ctx, {targets[0].key})
        sources = [other] if other is not None else sources
    if not sources and symmetric and ctx.actors.dyad and not nominal and (
            _joint_context(trigger) or _dated_by_occasion(ctx, trigger)):
        sources, targets = [ctx.actors.dyad[0]], [ctx.actors.dyad[1]]
    dates, dated = _event_dates(ctx, trigger, nominal, {a.key for a in sources + targets})
    if dates and (dates[1] - dates[0]).days > 100:
        # 'the third meeting this year', 'in 2023': too coarse to date an act; left undated, it joins the
        # dated report of the same act if there is one
        dates, dated = None, False
    place = _place(ctx, trigger)
    out = []
    for source, target in pairs or [(s, t) for s in sources for t in targets]:
        if not source.key or not target.key or source.key == target.key:
            continue
        out.append((_event(ctx, trigger, code, source, target, dates, place, 2 if pairs else len(sources) + len(targets)),
                    dated))
    return out


def _event(ctx, trigger, code, source, target, dates, place, n_actors) -> Event:
    vocab = load()
    entry = vocab.cameo.get(code) or vocab.cameo[code[:3]]
    first, last = dates if dates else (None, None)
    return Event(
        source=source, target=target, cameo=entry.code, plover=vocab.plover_of(entry.code),
        quad_class=entry.quad_class, goldstein=entry.goldstein,
        date=first.isoformat() if first else None,
        date_end=last.isoformat() if last and last != first else None,
        location=place, evidence=sentence_evidence(ctx, trigger),
        confidence=0.8 if n_actors == 2 else 0.6, mode=entry.plover_mode,
    )


# -- is it a real, past or present act? -------------------------------------------------------

def _asserted(token: Token, allowed_modals: frozenset = frozenset(), allowed_heads: frozenset = frozenset()) -> bool:
    sent = token.sent
    if sent.text.rstrip().endswith("?"):
        return False
    node, via_conj = token, False
    for _ in range(6):
        for child in node.children:
            if child.dep_ == "neg" or child.lower_ in NEGATIVE_DETS and child.dep_ in ("det", "advmod", "neg"):
                return False
            if child.dep_ in ("aux", "auxpass") and child.lower_ in MODALS and child.lower_ not in allowed_modals:
                return False
            if child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether"):
                return False
        if node.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children) \
                and node.head.lemma_.lower() not in GOING_ON | allowed_heads:
            return False  # 'is in Moscow to meet Putin': a purpose, not yet an act
        if node.lemma_.lower() in UNREAL_HEADS - allowed_heads and node.i != token.i and not via_conj:
            return False
        if node.dep_ in ("xcomp", "ccomp", "advcl", "pcomp", "acl", "pobj", "prep", "conj", "relcl", "dobj",
                         "nsubj", "nsubjpass", "attr", "appos") and node.head.i != node.i:
            if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
                # a conjoined clause with its own subject stands alone ('X spoke, and Y agreed')
                if any(c.dep_.startswith("nsubj") for c in node.children):
                    return True
            via_conj = node.dep_ == "conj"  # 'prevent X and oppose Y': opposing is not prevented
            node = node.head
            continue
        break
    return True


def _joint_context(trigger: Token) -> bool:
    return any(t.lower_ in ("both", "two", "jointly", "mutual", "bilateral", "sides", "parties") for t in trigger.sent)


# -- arguments, dates, places -------------------------------------------------------------------

def _actors_inside(ctx: Context, token: Token, after_only: bool = False) -> list[Actor]:
    """Actors named anywhere in an object phrase ('the principles of the Chinese proposal' -> CHN)."""
    span = noun_phrase(token)
    if after_only:
        span = token.doc[token.i + 1:span.end]
    # a relative clause says something else about the thing ('the Riyadh Declaration, in which the Arab
    # states reaffirmed that Taiwan is part of China' names no party to the declaration)
    described = {t.i for c in token.subtree if c.dep_ == "relcl" and c.i != token.i for t in c.subtree}
    # In order of first mention, one actor per key; a person beats a bare mention of their country
    # ('Russian President Vladimir Putin' is Putin, not 'Russian').
    first: dict[str, tuple[int, Actor, bool]] = {}
    for i in range(span.start, span.end):
        if i in described:
            continue
        person = ctx.people.at(ctx.doc[i])
        mention = ctx.actors.at(ctx.doc[i])
        if person is not None and person.country:
            actor, is_person = person.actor, True
        elif mention is not None and mention.actor.key and mention.spec.kind != "person":
            actor, is_person = mention.actor, False
        else:
            continue
        known = first.get(actor.key)
        if known is None or (is_person and not known[2]):
            first[actor.key] = (known[0] if known else i, actor, is_person)
    return [actor for _, actor, _ in sorted(first.values(), key=lambda x: x[0])]


def _counted_plural(noun: Token) -> bool:
    return noun.tag_ in ("NNS", "NNPS") and any(
        c.dep_ == "nummod" and (not c.like_num or c.text not in ("1", "one")) for c in noun.children)


def _place_object(token: Token, spec: dict) -> Token | None:
    return prep_object(token, tuple(spec.get("target", ())) + PLACE_PREPS)


def _place(ctx: Context, trigger: Token) -> Place | None:
    for prep in ("to", "in", "at"):
        pobj = prep_object(trigger, (prep,))
        if pobj is None:
            continue
        m = ctx.actors.at(pobj)
        if m is not None and m.spec.kind in ("capital", "state") and m.actor.country:
            return Place(m.span.text, m.actor.country)
        if pobj.ent_type_ in ("GPE", "LOC", "FAC"):
            return Place(noun_phrase(pobj).text if pobj.ent_type_ == "FAC" else pobj.text, None)
    return None


def _event_dates(ctx: Context, trigger: Token, nominal: bool,
                 keys: set[str] = frozenset()) -> tuple[tuple[dt.date, dt.date] | None, bool]:
    """(first, last) day of the act and whether its own words date it; `keys` are its actors."""
    sent = trigger.sent
    # a year or a quarter is too coarse to date an act ('the Beijing 2022 Olympics', 'this year')
    spans = [s for s in ctx.dates.within(sent.start_char, sent.end_char) if s.first and (s.last - s.first).days <= 100]
    if not spans and is_list_item(sent):
        lead = _lead_in(trigger.doc, sent)
        if lead is not None:
            spans = [s for s in ctx.dates.within(lead.start_char, lead.end_char) if s.first]
            if spans:
                return (spans[-1].first, spans[-1].last), True
    if nominal:
        phrase = noun_phrase(trigger)
        own = [s for s in spans if phrase.start_char <= s.start and s.end <= phrase.end_char + 3]
        after = [s for s in spans if 0 <= s.start - phrase.end_char <= 3]  # 'the visit (16-17 May)'
        chosen = own or after
        verb = next((a for a in trigger.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if not chosen and verb is not None and (trigger.dep_ in ("nsubj", "nsubjpass") or (
                trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in LIGHT_VERBS)
                or trigger.lemma_.lower() in TRAVEL_NOUNS or _purpose_of_travel(trigger)):
            # 'The exercise ended on 17 July', 'paid a visit on 8 July', 'left Moscow on 22 March at the end
            # of a visit': the clause's date is the act's
            chosen = [s for s in spans if not _inside_other_phrase(ctx, verb, s)]
        if chosen:
            return (chosen[0].first, chosen[0].last), True
        return None, False
    own = [s for s in spans if not _inside_other_phrase(ctx, trigger, s)]
    if own:
        best = min(own, key=lambda s: abs(s.start - trigger.idx))
        return (best.first, best.last), True
    previous = _previous_day(ctx, trigger)
    if previous is not None:
        return (previous.first, previous.first), True
    narrated = _narrated_day(ctx, trigger, keys)
    if narrated is not None:
        # a borrowed date: a report of the same act with its own date still absorbs this one
        return (narrated.first, narrated.last), False
    if _dated_by_occasion(ctx, trigger):
        # 'signed during the visit' takes the occasion's days; a borrowed date, so a report of the same
        # act with its own date still absorbs this one
        occ = ctx.dates.occasion
        return (occ.first, occ.last), False
    if trigger.tag_ in ("VBZ", "VBP") and ctx.published and not is_list_item(sent):
        # news in the present tense ('Putin is in Beijing', 'Xi holds talks') speaks of its own day; a weak
        # date, so a dated report of the same act still absorbs this one
        day = dt.date.fromisoformat(ctx.published)
        return (day, day), False
    return None, False


def _previous_day(ctx: Context, trigger: Token) -> DateSpan | None:
    """'The two leaders then held talks', 'The same evening Scholz hosted him': an undated sentence that goes
    on from the one before takes that sentence's day (when it names exactly one day)."""
    sent = trigger.sent
    words = [t.lower_ for t in sent]
    same = any(w in SAME_DAY for w in words) or any(
        words[i] == "same" and i + 1 < len(words) and words[i + 1] in ("day", "evening", "morning", "afternoon", "night")
        for i in range(len(words)))
    if not same or sent.start == 0 or ctx.dates.within(sent.start_char, sent.end_char):
        return None
    prev = trigger.doc[sent.start - 1].sent
    days = [s for s in ctx.dates.within(prev.start_char, prev.end_char) if s.first and s.first == s.last]
    return days[-1] if len({(s.first, s.last) for s in days}) == 1 else None


def _narrated_day(ctx: Context, trigger: Token, keys: set[str]) -> DateSpan | None:
    """'On 13 July Sisi received Abiy in Cairo. In a joint statement the two leaders agreed to ...': a story
    told in the simple past goes on in the same paragraph on the day of the sentence before, when that
    sentence names one day (or a few) and one of this act's actors, and this one names no time of its own.
    Past perfect ('had imposed'), present and modal clauses are background, not the next step of the story;
    another pair's act in the next sentence is another story."""
    sent = trigger.sent
    past = trigger.tag_ == "VBD" or trigger.tag_ == "VBN" and any(
        c.dep_ == "auxpass" and c.lower_ in ("was", "were") for c in trigger.children)  # 'Scholz was welcomed'
    if sent.start == 0 or not past or ctx.dates.within(sent.start_char, sent.end_char):
        return None
    if any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in {"have"} | MODALS
           for c in trigger.children):
        return None
    prev = trigger.doc[sent.start - 1].sent
    if paragraph_break(ctx, prev.end_char, sent.start_char):
        return None
    # a date in a relative clause of the sentence before ('the discharge, which began on 24 August') dates
    # that clause, not the story's day
    described = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in prev if t.dep_ in ("relcl", "acl")]
    told = [s for s in ctx.dates.within(prev.start_char, prev.end_char)
            if s.first and not any(a <= s.start < b for a, b in described)]
    if len({(s.first, s.last) for s in told}) != 1 or not keys & _actor_keys(ctx, prev):
        return None
    if (told[0].last - told[0].first).days > 7:  # 'in March', 'in 2019': too coarse to pass on
        return None
    return told[0]


def _actor_keys(ctx: Context, span: Span) -> set[str]:
    """The states and people's states a sentence names."""
    keys = {m.actor.key for m in ctx.actors.in_span(span.start, span.end)}
    keys |= {p.country for p in (ctx.people.at(t) for t in span) if p is not None and p.country}
    return {k for k in keys if k}


def _purpose_of_travel(noun: Token) -> bool:
    """'travelled to Sochi on 4 September for talks with Putin'."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() in MOTION_VERBS


def _lead_in(doc, sent: Span) -> Span | None:
    """The sentence a list hangs from ('Two contracts were signed on the same day:')."""
    prev = doc[sent.start - 1].sent if sent.start > 0 else None
    while prev is not None and is_list_item(prev):
        prev = doc[prev.start - 1].sent if prev.start > 0 else None
    return prev


def _inside_other_phrase(ctx: Context, trigger: Token, span: DateSpan) -> bool:
    """A date inside a different noun phrase ('the 2022 treaty') does not date this act."""
    tok = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
    if tok is None:
        return False
    head = tok.root
    while head.head.i != head.i and head.i != trigger.i:
        if head.pos_ in ("VERB", "AUX") and head.dep_ == "relcl" and any(
                c.dep_.startswith("nsubj") for c in head.children) and not any(
                c.lower_ in ("where", "when") for c in head.children):
            return True  # 'communications, which Beijing had suspended in August 2022': that clause's own date
        if head.pos_ in ("VERB", "AUX"):
            ancestors = {a.i for a in trigger.ancestors}
            own_subject = any(c.dep_.startswith("nsubj") for c in head.children)
            return head.i not in ancestors and trigger.i not in {a.i for a in head.ancestors} \
                and (head.dep_ != "conj" or own_subject)
        head = head.head
    return False


def _dated_by_occasion(ctx: Context, trigger: Token) -> bool:
    """'signed during the visit', 'at the summit': the act belongs to the occasion the text is about."""
    occ = ctx.dates.occasion
    if occ is None or occ.first is None:
        return False
    for t in trigger.subtree:
        occasion = t.lemma_.lower() in OCCASION_NOUNS or t.lower_ in OCCASION_NOUNS
        if occasion and t.i != trigger.i and (t.head.dep_ == "prep" or t.head.lower_ in ("during", "at", "on", "after")):
            return True
    return False


def _remember(ctx: Context, sent: Span, memory: Memory) -> None:
    root = sent.root
    subj, _ = subject_of(root)
    if subj is not None and subj.lower_ not in ("it", "this", "that", "which"):
        actors = actors_of(ctx, subj, memory)
        memory.note(actors, subj)
    # who carried out the last violent or military act told ('fired a missile', 'launched strikes'), for a
    # later 'the launch', 'the attack'; forgotten after a sentence that tells none
    doers = []
    for verb in sent:
        if verb.pos_ == "VERB" and verb.lemma_.lower() in ACT_VERBS:
            doer, passive = subject_of(verb)
            if doer is not None and not passive:
                doers += actors_of(ctx, doer, memory)
    memory.doers = doers
    # 'Albanese joined Premier Li at the expo. In his speech he praised ...': 'he' is the subject before
    # anyone else the sentence names, else the first person it names ('a tour that has taken Mr Kishida to
    # Rome, where he met Prime Minister Meloni. He travels on ...')
    named = [p for p in (ctx.people.at(t) for t in sent) if p is not None and p.country]
    person = ctx.people.at(subj) if subj is not None else None
    if person is not None and person.country:
        memory.person = person.actor
    elif named:
        memory.person = named[0].actor


# -- one event per act ----------------------------------------------------------------------------

def _one_per_act(found: list[tuple[Event, Token, bool]]) -> list[Event]:
    kept: list[tuple[Event, Token, bool]] = []
    for event, trigger, dated in found:
        match = next((i for i, k in enumerate(kept) if _same_act(k, (event, trigger, dated))), None)
        if match is None:
            kept.append((event, trigger, dated))
        elif dated and not kept[match][2]:
            kept[match] = (event, trigger, dated)
    return [e for e, _, _ in kept]


def _act_class(code: str) -> str:
    """Codes that name one act from either side: hosting a visit is the visit (043 ~ 042)."""
    return {"043": "042"}.get(code[:3], code[:3])


def _two_sided(code: str) -> bool:
    """Acts the two sides do together, reported from either side: meetings and visits, agreeing, signing,
    joint exercises."""
    return code[:2] == "04" or code[:3] in ("030", "036", "057", "062")


def _within(outer: Event, inner: Event) -> bool:
    """A one-day leg inside a visit of several days."""
    if outer.date is None or outer.date_end is None or inner.date is None or inner.date_end is not None:
        return False
    return outer.date <= inner.date <= outer.date_end


def _same_act(a, b) -> bool:
    (ea, ta, da), (eb, tb, db) = a, b
    if {ea.source.key, ea.target.key} != {eb.source.key, eb.target.key}:
        return False
    if _act_class(ea.cameo) != _act_class(eb.cameo):
        return False
    if ea.source.key != eb.source.key and not _two_sided(ea.cameo):
        return False  # 'Kishida called for ...'; 'the Chinese side urged Japan ...': a demand each way
    if ta.sent == tb.sent:
        # 'Yoon travelled to Tokyo on 16 March, and Kishida paid a return visit on 7 May': two dates, two acts
        return not (da and db and ea.date and eb.date and (ea.date, ea.date_end) != (eb.date, eb.date_end)
                    and not _within(ea, eb) and not _within(eb, ea))
    if not da or not db:
        return True
    if _act_class(ea.cameo) == "042" and (_within(ea, eb) or _within(eb, ea)):
        return True  # 'arrived in Berlin for a three-day state visit' ... 'on 28 May he travelled to Münster'

    multi_day = ea.date_end is not None
    return ea.cameo == eb.cameo and ea.date == eb.date and ea.date_end == eb.date_end and multi_day
