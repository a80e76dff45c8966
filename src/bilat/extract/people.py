"""People: names with the role and country the text gives them ('Foreign Minister Wang Yi', 'Gazprom's
chief executive, Alexei Miller'), the gazetteer filling a role the text does not state, and later
mentions by surname resolved to the full mention."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..model import Actor, Evidence, Person
from ..vocab import load
from .actors import ActorIndex, holders_in_office, organisation_actor
from .context import Context, sentence_evidence
from .dates import MONTHS

# States whose people are named alone by the first word of their name: a family name first ('Xi Jinping'
# is 'Xi'), or a given name before a father's name (Ethiopia, Eritrea: 'Abiy Ahmed' is 'Abiy').
FAMILY_NAME_FIRST = {"CHN", "TWN", "PRK", "KOR", "VNM", "SGP", "HKG", "MAC", "MNG", "ETH", "ERI"}
_BOUNDARY = {",", ":", ";", "(", ")", "–", "—", "\n", "and", "or", "with", "by", "to", "from", "that", "who"}
_SKIP_LEAD = {"the", "a", "an", "new", "former", "then", "current", "incoming", "outgoing", "acting", "newly",
              "appointed", "ex", "-", "as", "deputy_"}
_ROLE_LEVEL_ENTITY = {"media": "MED", "company": "BUS"}


@functools.lru_cache(maxsize=1)
def role_patterns() -> list[tuple[str, dict]]:
    roles = load().roles["roles"]
    return sorted(((name.lower(), spec) for name, spec in roles.items()), key=lambda x: -len(x[0]))


@dataclass
class PersonRecord:
    name: str
    country: str | None
    role: str | None
    role_source: str | None
    office: str | None
    first: Span
    surname: str
    cameo_role: str = "GOV"
    spans: list[Span] = field(default_factory=list)

    @property
    def actor(self) -> Actor:
        level = "company" if self.cameo_role == "BUS" else "media" if self.cameo_role == "MED" else (
            "state" if self.office == "head_of_state" else "government" if self.office in (
                "head_of_government", "deputy_head_of_government") else "ministry")
        # NATO's Secretary General acts for NATO: the organisation is the actor, no state is
        return organisation_actor(self.name, self.country) or Actor(self.name, self.country, None, f"{self.country}{self.cameo_role}" if self.country else None, level)

    @property
    def state(self) -> str | None:
        """The person's state; an organisation's official has none."""
        return None if organisation_actor(self.name, self.country) else self.country


@functools.lru_cache(maxsize=1)
def _role_heads() -> set[str]:
    """Last words of role phrases: a title before a comma must end in one ('chief executive,')."""
    return {name.split()[-1] for name, _ in role_patterns()}


def find_role(text: str) -> tuple[str, dict] | None:
    """The longest role noun phrase of roles.yaml in a stretch of text."""
    low = text.lower()
    for name, spec in role_patterns():
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", low):
            return name, spec
    return None


_ARTICLES = ("al-", "el-", "Al-", "El-", "ad-", "ar-", "as-", "ash-", "at-", "az-")


def surname_forms(surname: str) -> list[str]:
    """'el-Sisi' is 'Sisi' as often as not, 'al-Bashir' 'Bashir': the name with and without its article."""
    for article in _ARTICLES:
        if surname.startswith(article) and len(surname) > len(article) + 2:
            return [surname, surname[len(article):]]
    return [surname]


@functools.lru_cache(maxsize=1)
def leader_surnames() -> dict:
    """Surname -> that person's gazetteer rows, for heads of state and government whose surname no other
    such head bears."""
    rows: dict[str, list] = {}
    for h in load().people:
        if h.office in ("head_of_state", "head_of_government"):
            parts = h.name.split()
            for form in surname_forms(parts[0] if h.country in FAMILY_NAME_FIRST else parts[-1]):
                rows.setdefault(form, []).append(h)
    return {s: r for s, r in rows.items() if len({h.name for h in r}) == 1 and len(s) >= 2}


_NOT_PEOPLE = {"GPE", "LOC", "ORG", "NORP", "LANGUAGE", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}


def _stops_title(doc, i: int) -> bool:
    """A word that ends a title read backwards from a name; 'and' inside a capitalised title does not
    ('Minister of Commerce and Industry')."""
    token = doc[i]
    if token.text.lower() not in _BOUNDARY:
        return False
    if token.lower_ != "and" or not 0 < i < len(doc) - 1 or not doc[i + 1].text[:1].isupper():
        return True
    # 'Minister of Commerce and Industry', 'Minister for Foreign Affairs and Trade': an 'and' in the
    # capitalised object of a title's 'of'/'for'; 'President Niinistö and NATO Secretary General ...' joins
    # two titled people
    j = i - 1
    while j > 0 and i - j <= 4 and doc[j].text[:1].isupper():
        j -= 1
    return not (j < i - 1 and doc[j].lower_ in ("of", "for"))


class PeopleIndex:
    """Every person of a document, in order of first full mention, and which tokens refer to whom."""

    def __init__(self, doc: Doc, actors: ActorIndex, on_date: str | None, date_spans=()):
        self.doc = doc
        self.actors = actors
        self.on_date = on_date
        self.in_date = {i for d in date_spans for i in range(d.start, d.end)}  # char offsets of dates
        self.people: list[PersonRecord] = []
        self.by_token: dict[int, PersonRecord] = {}
        self._collect()

    def _collect(self) -> None:
        vocab = load()
        by_name: dict[str, PersonRecord] = {}
        candidates: list[tuple[Span, object]] = []
        for m in self.actors.mentions:
            if m.spec.kind == "person":
                candidates.append((m.span, m.spec))
        taken = {i for span, _ in candidates for i in range(span.start, span.end)}
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2 and not any(i in taken for i in range(ent.start, ent.end)):
                span = _trim_name(ent)
                if span is not None and not self.actors.in_span(span.start, span.end):
                    candidates.append((span, None))
        candidates.sort(key=lambda c: c[0].start)
        for span, spec in candidates:
            holder_rows = []
            if spec is not None:
                holder_rows = [h for h in vocab.people if h.name == spec.actor.text]
            key = spec.actor.text if spec is not None else span.text
            record = by_name.get(key)
            if record is None:
                # The name as the text writes it ("Aleksandr Novak"), not the gazetteer's spelling.
                record = self._new_record(span, span.text, holder_rows)
                if record is None:
                    continue
                by_name[key] = record
                self.people.append(record)
            elif record.role is None:
                self._attach_role(record, span)
            record.spans.append(span)
        self._surnames()
        for record in self.people:
            for span in record.spans:
                for i in range(span.start, span.end):
                    self.by_token[i] = record

    def _new_record(self, span: Span, name: str, holder_rows) -> PersonRecord | None:
        holder = holders_in_office(holder_rows, self.on_date) if holder_rows else None
        country = holder.country if holder else None
        family_first = (country or self._country_near(span)) in FAMILY_NAME_FIRST
        tokens = name.split()
        surname = tokens[0] if family_first else tokens[-1]
        record = PersonRecord(name, country, None, None, holder.office if holder else None, span, surname)
        self._attach_role(record, span)
        if record.role is None and holder is not None:
            record.role, record.role_source = holder.title, "gazetteer"
        if record.country is None:
            record.country = self._country_near(span)
        return record

    def _attach_role(self, record: PersonRecord, span: Span) -> None:
        stated = self._role_before(span) or self._role_after(span)
        if stated is None:
            return
        role_text, spec, country, entity_role = stated
        record.role, record.role_source = role_text, "text"
        record.office = spec.get("office") or record.office
        if entity_role:
            record.cameo_role = entity_role
        if country:
            record.country = country

    def _role_before(self, span: Span):
        """'the new defence minister Andrei Belousov', 'China's vice-president Han Zheng'."""
        doc = self.doc
        i = span.start
        if i >= 2 and doc[i - 1].text == ",":
            # 'Rosneft's chief executive, Igor Sechin': the title stands before the comma
            window_end = i - 1
            start = window_end
            while start > 0 and window_end - start < 12 and not _stops_title(doc, start - 1) \
                    and doc[start - 1].pos_ not in ("VERB", "AUX") and "\n" not in doc[start - 1].whitespace_:
                start -= 1
            if start < window_end:
                role = self._role_from(doc[start:window_end])
                if role is not None and doc[window_end - 1].lower_ in _role_heads():
                    return role
        start = i
        while start > 0 and i - start < 12:
            prev = doc[start - 1]
            if _stops_title(doc, start - 1) or prev.is_punct and prev.text not in ("'s", "’s", "’", "'", "-") \
                    or prev.pos_ in ("VERB", "AUX") or "\n" in prev.whitespace_ or "\n" in prev.text:
                break
            start -= 1
        if start == i:
            return None
        # A time phrase before the title is not part of it: 'Later the same day Chinese President Xi'
        while start < i and (doc[start].idx in self.in_date or doc[start].ent_type_ in ("DATE", "TIME") or doc[start].pos_ in (
                "ADV", "ADP", "SCONJ", "CCONJ", "VERB", "PUNCT")):
            start += 1
        if start == i:
            return None
        return self._role_from(doc[start:i])

    def _role_after(self, span: Span):
        """'Wang Yi, China's top diplomat,' and 'Alexei Miller, chief executive of Gazprom'."""
        doc = self.doc
        if span.end >= len(doc) or doc[span.end].text != ",":
            return None
        end = span.end + 1
        while end < len(doc) and end - span.end < 24 and doc[end].text not in (",", ".", ";", ":", "(", ")") \
                and "\n" not in doc[end].text:
            end += 1
        window = doc[span.end + 1:end]
        # 'Piyush Goyal, and the UAE's Minister of State ...': after 'and' comes the next person's title
        if not window or window[0].pos_ in ("VERB", "AUX", "PRON", "CCONJ") or any(t.pos_ == "VERB" for t in window):
            return None
        return self._role_from(window)

    def _role_from(self, window: Span):
        found = find_role(window.text)
        if found is None:
            return None
        country, entity_role, kept = None, None, []
        for m in self.actors.in_span(window.start, window.end):
            if m.spec.kind in ("state", "demonym", "capital") and country is None:
                country = m.actor.country
            elif m.spec.kind == "entity":
                country = country or m.actor.country
                entity_role = _ROLE_LEVEL_ENTITY.get(m.actor.level or "")
        tokens = list(window)
        # Drop leading determiners and a leading state possessive ("China's vice-president" -> "vice-president");
        # keep an organisation's ("Gazprom's CEO"), which is part of the role.
        while tokens and tokens[0].lower_ in _SKIP_LEAD:
            tokens.pop(0)
        if len(tokens) >= 2 and tokens[1].text in ("'s", "’s") and self.actors.at(tokens[0]) is not None \
                and self.actors.at(tokens[0]).spec.kind in ("state", "capital"):
            tokens = tokens[2:]
        if not tokens:
            return None
        role_text = self.doc[tokens[0].i:tokens[-1].i + 1].text
        return role_text, found[1], country, entity_role

    def _country_near(self, span: Span) -> str | None:
        """A list of people hung on 'the following Russian officials' takes the list head's country."""
        head = span.root
        seen = 0
        while head.dep_ in ("conj", "appos", "compound") and head.head.i != head.i and seen < 12:
            head = head.head
            seen += 1
        for tok in [head, *head.children]:
            m = self.actors.at(tok)
            if m is not None and m.spec.kind in ("demonym", "state"):
                return m.actor.country
        return None

    def _surnames(self) -> None:
        """Single-token mentions of a known person's surname (or a possessive of it) refer to that person.
        Leaders are often named by surname alone ('Putin's visit'): a surname that only one head of state
        or government in the gazetteer bears stands for them even without a full mention."""
        index = {form: p for p in self.people for form in surname_forms(p.surname)}
        # 'Luiz Inácio Lula da Silva' is 'Lula', 'Luis Lacalle Pou' is 'Lacalle': a capitalised middle name
        # of a long name stands for that person when no one else in the text bears it
        middles: dict[str, list] = {}
        for p in self.people:
            parts = p.name.split()
            for part in parts[1:-1] if len(parts) >= 3 else ():
                if part[:1].isupper() and len(part) > 3 and part not in index:
                    middles.setdefault(part, []).append(p)
        for part, owners in middles.items():
            if len({o.name for o in owners}) == 1:
                index[part] = owners[0]
        covered = {i for p in self.people for span in p.spans for i in range(span.start, span.end)}
        named = {m.actor.country or m.actor.org for m in self.actors.mentions if m.spec.kind != "person"}
        for token in self.doc:
            holders = leader_surnames().get(token.text)
            holder = holders_in_office(holders, self.on_date) if holders else None
            if holder is None or token.text in index or token.i in covered or token.pos_ != "PROPN" \
                    or token.ent_type_ in ("DATE", "TIME") or token.lower_ in MONTHS:
                continue
            if self.on_date and not (holder.start[:len(self.on_date)] <= self.on_date
                                     and (holder.end is None or self.on_date <= holder.end)):
                continue
            if token.ent_type_ in _NOT_PEOPLE:
                continue  # 'published in English', 'Key West'
            titled = find_role(self.doc[max(0, token.i - 3):token.i].text) is not None
            if holder.country not in named and not titled:
                continue  # 'Khan', 'Abbas' alone are someone else unless the text is about that state or titles them
            record = PersonRecord(token.text, holder.country, holder.title, "gazetteer", holder.office,
                                  self.doc[token.i:token.i + 1], token.text)
            self.people.append(record)
            index[token.text] = record
        for token in self.doc:
            record = index.get(token.text)
            if record is None or token.i in self.by_token or any(s.start <= token.i < s.end for s in record.spans):
                continue
            if token.pos_ in ("PROPN", "NOUN") or token.ent_type_ == "PERSON":
                record.spans.append(self.doc[token.i:token.i + 1])

    def at(self, token) -> PersonRecord | None:
        return self.by_token.get(token.i)


def _trim_name(ent: Span) -> Span | None:
    """NER spans sometimes swallow a title or possessive: keep the capitalised name tokens only."""
    tokens = [t for t in ent if t.text not in ("'s", "’s")]
    while tokens and not tokens[0].text[:1].isupper():
        tokens.pop(0)
    if len(tokens) < 2 or any(not t.text[:1].isupper() and t.text not in ("-",) for t in tokens):
        return None
    if find_role(" ".join(t.text for t in tokens)):
        return None
    return ent.doc[tokens[0].i:tokens[-1].i + 1]


def extract_people(ctx: Context) -> list[Person]:
    """A person is a fact when the text names them with a role, or the gazetteer knows their office."""
    facts = []
    for record in ctx.people.people:
        if record.role is None:
            continue
        facts.append(Person(record.name, record.role, record.state, sentence_evidence(ctx, record.first),
                            role_source=record.role_source or "text"))
    return facts
