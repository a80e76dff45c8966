"""Actor mentions: gazetteer matches (states, capitals, organisations, firms, office-holders), people by
their stated role, later mentions by surname, and the actors an argument of a verb or noun stands for."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..model import Actor
from ..nlp import get_nlp
from ..vocab import Officeholder, load

# Levels of agreement signatories and actors, from the kind of mention.
_OFFICE_LEVEL = {"head_of_state": "state", "head_of_government": "government", "security_council_secretary": "government"}
_PRONOUNS_PLURAL = {"they", "them", "their", "theirs"}
_PRONOUNS_SINGULAR = {"he", "him", "his", "she", "her", "it", "its"}


@dataclass(frozen=True)
class Spec:
    """What a gazetteer form stands for."""

    kind: str  # state | demonym | capital | org | entity | person | place
    actor: Actor
    person: Officeholder | None = None


@dataclass
class Mention:
    span: Span
    spec: Spec

    @property
    def actor(self) -> Actor:
        return self.spec.actor


@dataclass
class Person:
    """A person the text names, with what the text (or failing that the gazetteer) says of them."""

    name: str
    country: str | None
    role: str | None
    role_stated: bool
    org: str | None
    first: Span
    cameo: str | None = None
    level: str | None = None
    mentions: list[Span] = field(default_factory=list)

    @property
    def actor(self) -> Actor:
        return Actor(self.name, self.country, self.org, self.cameo, self.level)


class Gazetteer:
    """All surface forms as one PhraseMatcher over exact token text (case matters: 'US' is not 'us').

    Registered as the spaCy component 'bilat_actors': it writes its matches to doc.spans["bilat_actors"]."""

    def __init__(self, nlp: Language):
        vocab = load()
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.specs: dict[str, Spec] = {}
        forms: list[tuple[str, str]] = []

        def add(form: str, spec: Spec) -> None:
            key = f"{spec.kind}:{spec.actor.key}:{spec.actor.text}:{form}"
            if form and key not in self.specs:
                self.specs[key] = spec
                forms.append((key, form))
                if form.startswith("the "):  # sentence-initial 'The Kremlin'
                    forms.append((key, "The " + form[4:]))
                if "'" in form:  # texts write the typographic apostrophe as often as the straight one
                    forms.append((key, form.replace("'", "\u2019")))

        for state in vocab.states.values():
            c = state.iso3
            for name in state.names:
                add(name, Spec("state", Actor(name, c, None, c, "state")))
            for demonym in state.demonyms:
                add(demonym, Spec("demonym", Actor(demonym, c, None, c, "state")))
            for capital in state.capitals:
                add(capital, Spec("capital", Actor(capital, c, None, c + "GOV", "government")))
            for form, role in state.metonyms:
                add(form, Spec("capital", Actor(form, c, None, c + role, "government")))
        for org in vocab.organisations.values():
            for name in org.names:
                add(name, Spec("org", organisation_actor(name, org.code)))
        for entity in vocab.entities:
            cameo = (entity.country or "") + entity.role[:3] if entity.country else None
            for name in (entity.name, *entity.aliases):
                add(name, Spec("entity", Actor(name, entity.country, None, cameo, entity.kind)))
        for holder in vocab.people:
            actor = organisation_actor(holder.name, holder.country) or Actor(
                holder.name, holder.country, None, holder.country + "GOV", _OFFICE_LEVEL.get(holder.office, "ministry"))
            for name in (holder.name, *holder.aliases):
                if " " in name:  # surnames alone are resolved per document, after a full mention
                    add(name, Spec("person", actor, holder))
        # Seas, straits and peninsulas named after states ('the South China Sea', 'the Korean Peninsula'):
        # matched so that the longer name wins over the state's inside it, then left out of the mentions
        for names in vocab.places:
            for name in names:
                add(name, Spec("place", Actor(names[0], None, None, None, "place")))
        for (key, _), pattern in zip(forms, nlp.tokenizer.pipe(form for _, form in forms)):
            self.matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        spans = [Span(doc, start, end, label=match_id) for match_id, start, end in self.matcher(doc)]
        doc.spans[SPANS_KEY] = filter_spans(spans)
        return doc

    def mentions(self, doc: Doc) -> list[Mention]:
        """The actor mentions the component found (the parse decides which capitals name things)."""
        if SPANS_KEY not in doc.spans:
            self(doc)
        return [Mention(span, self.specs[span.label_]) for span in doc.spans[SPANS_KEY]
                if self.specs[span.label_].kind != "place" and not _modifier_of_thing(span)]


SPANS_KEY = "bilat_actors"


@Language.factory("bilat_actors")
def make_gazetteer(nlp: Language, name: str) -> Gazetteer:
    return Gazetteer(nlp)


def gazetteer() -> Gazetteer:
    return get_nlp().get_pipe("bilat_actors")


def holders_in_office(name_holders: list[Officeholder], on: str | None) -> Officeholder | None:
    """The gazetteer row for a person on a date (YYYY-MM-DD); the latest row when the date is unknown."""
    rows = sorted(name_holders, key=lambda h: h.start)
    if on:
        current = [h for h in rows if h.start[:len(on)] <= on and (h.end is None or on <= h.end)]
        if current:
            return current[-1]
    return rows[-1] if rows else None


class ActorIndex:
    """The actor mentions of one document and the questions extractors ask of them."""

    def __init__(self, doc: Doc, mentions: list[Mention]):
        self.doc = doc
        self.mentions = mentions
        self.by_token: dict[int, Mention] = {}
        for m in mentions:
            for i in range(m.span.start, m.span.end):
                self.by_token[i] = m
        self.dyad = self._main_pair()

    def _main_pair(self) -> tuple[Actor, Actor] | None:
        """The two states the document is mostly about: joint phrases ('both sides') stand for them."""
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        for m in self.mentions:
            if m.actor.country and m.spec.kind != "org":
                counts[m.actor.country] = counts.get(m.actor.country, 0) + 1
                if m.spec.kind == "state":
                    names.setdefault(m.actor.country, m.span.text)
        top = sorted(counts, key=lambda c: -counts[c])[:2]
        if len(top) < 2:
            return None
        return tuple(Actor(names.get(c, c), c, None, c, "state") for c in top)

    def at(self, token: Token) -> Mention | None:
        return self.by_token.get(token.i)

    def in_span(self, start: int, end: int) -> list[Mention]:
        seen, out = set(), []
        for i in range(start, end):
            m = self.by_token.get(i)
            if m is not None and id(m) not in seen:
                seen.add(id(m))
                out.append(m)
        return out


def unique_actors(actors: list[Actor]) -> list[Actor]:
    """One actor per key, keeping the first (most specific) surface form."""
    seen, out = set(), []
    for actor in actors:
        if actor.key and actor.key not in seen:
            seen.add(actor.key)
            out.append(actor)
    return out


def _modifier_of_thing(span: Span) -> bool:
    """'Jerusalem artichokes', 'the Paris Agreement', 'the Minsk agreements': a capital used as a modifier of
    a noun names a thing, not a government. States and demonyms as modifiers ('Russia policy') still count,
    and so does a capital before a person or a group of them ('Kremlin spokesman', 'Beijing officials')."""
    last = span[-1]
    return (last.dep_ in ("compound", "nmod") and last.head.pos_ in ("NOUN", "PROPN") and last.head.i >= span.end
            and span.label_.startswith("capital:") and last.head.lower_ not in group_nouns()
            and last.head.lemma_.lower() not in group_nouns())


@functools.lru_cache(maxsize=1)
def group_nouns() -> dict[str, str]:
    """Nouns for people acting for a state, with their CAMEO role: the group nouns of vocab/roles.yaml and the
    last words of its roles ('officials', 'military', 'spokesman', 'minister')."""
    roles = load().roles
    nouns = {k.lower(): v for k, v in roles["group_nouns"].items()}
    for role in roles["roles"]:
        nouns.setdefault(role.split()[-1].lower(), "GOV")
    nouns.setdefault("counterpart", "GOV")
    nouns.setdefault("host", "GOV")
    nouns.setdefault("hosts", "GOV")
    return nouns


def organisation_actor(name: str, code: str | None) -> Actor | None:
    """The actor for a name that stands for an organisation of vocab/organisations.csv ('NATO', or NATO's
    Secretary General), with the organisation's CAMEO code; None when `code` is no organisation's."""
    org = load().organisations.get(code or "")
    return Actor(name, None, org.parent or org.code, org.cameo, "organisation") if org else None
