"""Who an argument stands for: the actors behind the subject, object or possessor of a trigger.

'Xi Jinping and Putin' -> CHN, RUS; 'the Russian officials' -> RUSGOV; 'China's leaders' -> CHNGOV;
'both sides', 'the leaders', 'they' -> the pair the text is about; 'he' -> the last person named.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import Actor
from ..vocab import load
from .actors import group_nouns, unique_actors
from .context import Context

PLURAL_PRONOUNS = {"they", "them", "their", "theirs", "themselves", "both", "we", "our"}
PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers"}
THING_PRONOUNS = {"it", "its"}
RELATIVE = {"which", "that", "who", "whom", "whose"}
LEADERS = {"head_of_state", "head_of_government"}


def group_role(token: Token) -> str | None:
    """The CAMEO role of a group or title noun ('officials', 'the two Prime Ministers'): capitalised plurals
    keep their 's' as lemma, so the singular is tried too."""
    nouns = group_nouns()
    lower = token.lower_
    return nouns.get(lower) or nouns.get(token.lemma_.lower()) or (
        nouns.get(lower[:-1]) if lower.endswith("s") and token.tag_ in ("NNS", "NNPS") else None)


@functools.lru_cache(maxsize=1)
def _joint_phrases() -> tuple[str, ...]:
    return tuple(sorted((p.lower() for p in load().roles["joint_phrases"]), key=len, reverse=True))


@dataclass
class Memory:
    """What pronouns and 'the leaders' can point back to: the latest plural and personal subjects."""

    plural: list[Actor] = field(default_factory=list)
    person: Actor | None = None
    thing: Actor | None = None
    doers: list[Actor] = field(default_factory=list)  # of the violent act the last sentence told

    def note(self, actors: list[Actor], token: Token | None = None) -> None:
        if len(actors) >= 2:
            self.plural = actors
        elif len(actors) == 1:
            if token is not None and (token.ent_type_ == "PERSON" or token.lower_ in PERSON_PRONOUNS):
                self.person = actors[0]
            else:
                self.thing = actors[0]


def noun_phrase(token: Token) -> Span:
    doc = token.doc
    return doc[token.left_edge.i:token.right_edge.i + 1]


def is_joint(token: Token) -> bool:
    """'both sides', 'the two leaders', 'the delegations': a phrase that means the two parties together."""
    doc = token.doc
    start = token.left_edge.i
    text = doc[start:token.i + 1].text.lower()
    if any(text == p or text.endswith(" " + p) or text == p.removeprefix("the ") for p in _joint_phrases()):
        return True
    # any plural group noun counted as two: 'the two delegations', 'both navies', 'the two foreign ministers'
    return token.tag_ in ("NNS", "NNPS") and _counts_two(token) and (
        group_role(token) is not None)


def actors_of(ctx: Context, token: Token, memory: Memory | None = None, depth: int = 0) -> list[Actor]:
    """The actors an argument's head token stands for, following conjunctions ('X and Y')."""
    found = _head_actors(ctx, token, memory, depth)
    for conj in token.conjuncts if depth == 0 else ():
        if conj.i > token.i:
            found += _head_actors(ctx, conj, memory, depth + 1)
    return unique_actors(found)


def _head_actors(ctx: Context, token: Token, memory: Memory | None, depth: int) -> list[Actor]:
    lower = token.lower_
    if lower in RELATIVE and token.dep_.startswith("nsubj"):
        # 'companies which support ...': the relative pronoun stands for the noun the clause hangs on
        head = token.head
        if head.dep_ == "relcl" and depth < 3:
            return actors_of(ctx, head.head, memory, depth + 1)
        return []
    if token.tag_ in ("NNS", "NNPS") and group_role(token) is not None and any(
            c.dep_ == "prep" and c.lower_ in ("of", "from") for c in token.children):
        # 'leaders of the G7', 'the foreign ministers of Japan and Korea': the owners, not the text's pair
        owners = _owners(ctx, token)
        if owners:
            return owners
    if is_joint(token):
        local = _local_pair(ctx, token, memory) if _counts_two(token) else []
        if local:
            return local
        if memory is not None and len(memory.plural) >= 2 and lower not in ("delegations",):
            return list(memory.plural)
        return list(ctx.actors.dyad or ())
    if lower in PLURAL_PRONOUNS:
        if memory is not None and memory.plural:
            return list(memory.plural)
        return list(ctx.actors.dyad or ())
    if lower in PERSON_PRONOUNS:
        # 'Lula attended the summit, where he met ...': a person subject earlier in the sentence comes first
        main = subject_of(token.sent.root)[0]
        # ('On 24 January Lula attended ...': the parser may hang the subject on the fronted preposition)
        subjects = [t for t in reversed(token.sent[:token.i - token.sent.start]) if t.dep_ == "nsubj" or (
            t.dep_ == "pobj" and t.head.i == token.sent.start)]
        for prev in ([main] if main is not None and main.i < token.i else []) + subjects:
            earlier = ctx.people.at(prev)
            if earlier is not None and earlier.country:
                return [earlier.actor]
        # 'a tour that has taken Mr Kishida to Rome, where he met ...': else the first person named before it
        for prev in token.sent[:token.i - token.sent.start]:
            earlier = ctx.people.at(prev)
            if earlier is not None and earlier.country:
                return [earlier.actor]
        return [memory.person] if memory is not None and memory.person else []
    if lower in THING_PRONOUNS or lower in PLURAL_PRONOUNS - {"both", "we", "our"}:
        # 'Russia reaffirmed its commitment ..., and it opposes ...': this sentence's subject comes first
        earlier = _earlier_subject(ctx, token, memory, depth)
        if earlier:
            return earlier
    if lower in THING_PRONOUNS:
        return [memory.thing] if memory is not None and memory.thing else []
    person = ctx.people.at(token)
    if person is not None and person.country:
        return [person.actor]
    if person is not None and memory is not None and memory.thing is not None and memory.thing.country \
            and token.dep_.startswith("nsubj"):
        # 'Beijing condemned the discharge. Vice Foreign Minister Sun Weidong summoned ...': an official whose
        # country the text does not state acts for the state last named as a subject
        return [memory.thing]
    mention = ctx.actors.at(token)
    if mention is not None and mention.spec.kind != "person":
        return [mention.actor]
    role = group_role(token)
    if role is not None:
        person = _person_by_role(ctx, token)
        if person is not None:
            return [person]
        text = _group_text(token)
        return [Actor(text, owner.country, owner.org, f"{owner.country}{role}" if owner.country else owner.cameo,
                      "government" if role == "GOV" else owner.level) for owner in _owners(ctx, token)]
    return []


def _person_by_role(ctx: Context, token: Token) -> Actor | None:
    """'the Russian leader', 'his Chinese counterpart', 'the Kazakh foreign minister': the person of that
    country and office the text has named before, if there is exactly one."""
    from .people import role_patterns

    phrase = _group_text(token).lower()
    offices = {spec.get("office") for name, spec in role_patterns() if phrase.endswith(name)}
    if token.lemma_.lower() == "counterpart":
        offices = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister",
                   "economy_minister", "finance_minister", "trade_minister", "energy_minister"}
    offices.discard(None)
    countries = {a.country for a in _owners(ctx, token) if a.country}
    if not offices or len(countries) != 1:
        return None
    country = countries.pop()
    earlier = [p for p in ctx.people.people if p.country == country and p.first.start < token.i
               and (p.office in offices or "leader" in phrase and p.office in ("head_of_state", "head_of_government"))]
    if token.lemma_.lower() == "counterpart":
        # the counterpart holds the office of the other person in the sentence (leaders count as one office)
        named = [ctx.people.at(t) for t in token.sent if ctx.people.at(t) is not None]
        same = {p.office for p in named if p.country != country}
        if not same:
            subj, _ = subject_of(token.sent.root)
            other = _person_by_role(ctx, subj) if subj is not None and subj.i != token.i else None
            same = {p.office for p in ctx.people.people if other is not None and p.name == other.text}
        if same & LEADERS:
            same |= LEADERS
        earlier = [p for p in earlier if p.office in same]
    names = {p.name for p in earlier}
    return earlier[-1].actor if len(names) == 1 else None


def _group_text(token: Token) -> str:
    """'the Russian officials' (without a date or list hung on the phrase)."""
    start = min([token.i] + [c.left_edge.i for c in token.children if c.i < token.i and c.dep_ in (
        "det", "amod", "compound", "poss", "nummod", "predet")])
    return token.doc[start:token.i + 1].text


_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}


def _counts_two(token: Token) -> bool:
    """'the two delegations', 'both sides' name a pair ('the three leaders' a trio); 'the leaders' may be more."""
    return _count(token) is not None


def _count(token: Token) -> int | None:
    return next((_COUNTS[t.lower_] for t in token.subtree if t.i <= token.i and t.lower_ in _COUNTS), None)


def _local_pair(ctx: Context, token: Token, memory: Memory | None) -> list[Actor]:
    """'He proposed talks with Ukraine, and the two delegations met': when this sentence (up to the phrase)
    and the one before name exactly two states, 'the two sides' are those two, whatever the document's
    main pair is."""
    doc = token.doc
    sent = token.sent
    n = _count(token) or 2
    found = _states_named(ctx, memory, doc, sent.start, token.left_edge.i)
    if len(found) != n and sent.start > 0:
        found = _states_named(ctx, memory, doc, doc[sent.start - 1].sent.start, token.left_edge.i)
    return list(found.values()) if len(found) == n else []


def _states_named(ctx: Context, memory: Memory | None, doc, start: int, end: int) -> dict[str, Actor]:
    found: dict[str, Actor] = {}
    for i in range(start, end):
        t = doc[i]
        person = ctx.people.at(t)
        mention = ctx.actors.at(t)
        if person is not None and person.country:
            found.setdefault(person.country, person.actor)
        elif mention is not None and mention.spec.kind in ("state", "demonym", "capital") and mention.actor.country:
            found.setdefault(mention.actor.country, mention.actor)
        elif t.lower_ in PERSON_PRONOUNS and memory is not None and memory.person is not None \
                and memory.person.country:
            found.setdefault(memory.person.country, memory.person)
    return found


def _earlier_subject(ctx: Context, token: Token, memory: Memory | None, depth: int) -> list[Actor]:
    plural = token.lower_ in PLURAL_PRONOUNS
    for prev in reversed(token.sent[:token.i - token.sent.start]):
        if prev.dep_ in ("nsubj", "nsubjpass") and prev.lower_ not in RELATIVE and prev.pos_ != "PRON" and depth < 3:
            found = actors_of(ctx, prev, memory, depth + 1)
            if found and (len(found) >= 2) == plural:
                return found
    return []


def _owners(ctx: Context, token: Token) -> list[Actor]:
    """The states owning a group noun: 'Russian officials', 'China's leaders', 'the government of Japan',
    'Chinese and Russian bombers' (both)."""
    owners = []
    for child in token.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod"):
            owners += _mention_actors(ctx, child)
    if not owners:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                # 'leaders of the G7', 'leaders from (across) the Arab League'
                objs = [o for o in child.children if o.dep_ == "pobj"]
                objs += [o for c in child.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
                for obj in objs:
                    owners += _mention_actors(ctx, obj)
    return unique_actors(owners)


def _mention_actors(ctx: Context, token: Token) -> list[Actor]:
    out = []
    for t in (token, *token.conjuncts):
        m = ctx.actors.at(t)
        if m is not None and m.actor.key and m.spec.kind != "person":
            out.append(m.actor)
    return out


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(subject head, passive?) of a verb; a conjoined verb ('... and Putin supported them') has its own
    subject, else shares its head's; an open complement ('ready to support') takes its governor's."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child, False
        if child.dep_ in ("nsubjpass", "csubjpass"):
            return child, True
    if verb.dep_ == "ROOT" and verb.tag_ in ("VBD", "VBZ", "VBP"):
        # 'On 9 April Lavrov held talks', 'On 3 May the ministers met': the parser may take the subject
        # for the object of the fronted preposition that carries the date
        for child in verb.children:
            if child.dep_ == "prep" and child.i < verb.i:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN") and obj.ent_type_ not in ("DATE", "TIME") \
                            and any(t.like_num or t.ent_type_ == "DATE" for t in child.subtree):
                        return obj, False
    if verb.dep_ == "conj" and verb.head.dep_ == "ccomp" and verb.head.head.tag_ == verb.tag_:
        # 'X confirms that T is ..., and opposes Y': the parser hangs 'opposes' on the embedded clause,
        # but it is X's second verb
        return subject_of(verb.head.head)
    if verb.dep_ == "ROOT":
        # 'The Russian side reaffirms X, confirms Y, and opposes Z': the parser may hang the first verb,
        # with the subject, under the root as a clause
        lead = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < verb.i), None)
        if lead is not None:
            found = next((c for c in lead.children if c.dep_ == "nsubj"), None)
            if found is not None:
                return found, False
    if verb.dep_ in ("conj", "xcomp", "advcl", "dep") and verb.head.i != verb.i and (
            verb.dep_ != "dep" or verb.tag_.startswith("VB")):
        subj, passive = subject_of(verb.head)
        return subj, passive
    if verb.dep_ == "acl":
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and verb.head.head.i != verb.head.i:
            # 'China supports efforts to unite ...': the one who supports the efforts makes them
            return subject_of(verb.head.head)
        return None, True  # 'the documents signed ...', 'the delegation led by ...'

    if verb.dep_ == "relcl":
        return verb.head, False
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        # 'France responded by expelling two diplomats': the one who responded expels
        return subject_of(verb.head.head)
    return None, False


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def prep_object(token: Token, preps) -> Token | None:
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def direct_object(verb: Token) -> Token | None:
    objects = direct_objects(verb)
    return objects[0] if objects else None


def direct_objects(verb: Token) -> list[Token]:
    """All objects, with their conjuncts: the parser may split 'A, B and C' into several objects."""
    out = []
    for child in verb.children:
        if child.dep_ in ("dobj", "obj", "attr", "oprd"):
            out.append(child)
            out.extend(c for c in child.conjuncts if c.i > child.i)
    return out


def antecedent_object(verb: Token) -> Token | None:
    """For 'X reiterated the principles ..., and Y supported them': the nearest earlier object."""
    for token in reversed(verb.sent[:verb.i - verb.sent.start]):
        if token.dep_ in ("dobj", "obj") and token.pos_ in ("NOUN", "PROPN"):
            return token
    return None
