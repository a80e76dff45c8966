"""A synthetic corpus with known facts: template-based news items about two states, built from bilat's own
gazetteer (states, capitals, leaders and foreign ministers in office on the date, CAMEO-coded acts), each
written as DIR/syn-NNNNNN.md with a YAML front matter and a gold file beside it in the contract's format.

    .venv/bin/python bench/synthetic.py OUT_DIR --count 1000 [--seed 7]

Each item states a visit, talks between foreign ministers, and a random subset of: an agreement signed, a
criticism of a third state, a sanctions threat, a trade figure. Wording varies (several templates per
act), fact sentences are shuffled after the lead, and neutral filler sentences bring each item to a word
count drawn between --min-words and --max-words. Items are reproducible from (seed, index), so a corpus of
50,000 is written without holding it in memory.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bilat.vocab import load as load_vocab  # noqa: E402

COUNTRIES = ("ARG", "AUS", "BLR", "BRA", "CAN", "CHN", "DEU", "FRA", "GBR", "IDN", "IND", "IRN", "ITA", "JPN",
             "KAZ", "KOR", "MEX", "MNG", "RUS", "SRB", "TUR", "UKR", "USA", "ZAF")
FIRST_DAY, LAST_DAY = dt.date(2015, 1, 1), dt.date(2025, 6, 30)
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DOMAINS = ("energy", "trade", "education", "health", "transport", "agriculture", "tourism", "science")


@dataclass(frozen=True)
class Person:
    name: str
    role: str  # as the text writes it before the name, e.g. "Foreign Minister"
    keywords: tuple[str, ...]  # gold role keywords


@dataclass(frozen=True)
class Side:
    iso3: str
    name: str
    demonym: str
    capital: str
    leader: Person
    minister: Person


@lru_cache(maxsize=1)
def _offices() -> dict[tuple[str, str], list]:
    out: dict[tuple[str, str], list] = {}
    for p in load_vocab().people:
        out.setdefault((p.country, p.office), []).append(p)
    return out


def _holder(country: str, office: str, day: str, title_has: tuple[str, ...]):
    for p in _offices().get((country, office), []):
        if p.start <= day and (p.end is None or day < p.end) and "Acting" not in p.title \
                and any(t in p.title for t in title_has):
            return p
    return None


def _leader(country: str, day: str) -> Person | None:
    p = _holder(country, "head_of_state", day, ("President",))
    if p and "Supreme" not in p.title:
        return Person(p.name, "President", ("president",))
    p = _holder(country, "head_of_government", day, ("Prime Minister", "Chancellor"))
    if p:
        role = "Chancellor" if "Chancellor" in p.title else "Prime Minister"
        return Person(p.name, role, (role.lower(),))
    return None


def _minister(country: str, day: str) -> Person | None:
    p = _holder(country, "foreign_minister", day, ("Foreign", "Secretary of State", "External"))
    if not p:
        return None
    role = ("Secretary of State" if "Secretary of State" in p.title else "Foreign Secretary"
            if "Foreign Secretary" in p.title else "External Affairs Minister" if "External" in p.title
            else "Foreign Minister")
    return Person(p.name, role, ("foreign", "secretary of state", "external affairs"))


def side(country: str, day: str) -> Side | None:
    leader, minister = _leader(country, day), _minister(country, day)
    if not leader or not minister:
        return None
    s = load_vocab().states[country]
    return Side(country, s.names[0], s.demonyms[0], s.capitals[0], leader, minister)


def day_text(day: dt.date, rng: random.Random) -> str:
    plain = f"{day.day} {MONTHS[day.month - 1]}"
    return rng.choice((plain, plain, f"{WEEKDAYS[day.weekday()]}, {plain}"))


def _cap(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _the(name: str) -> str:
    return f"the {name}" if name.startswith("United ") else name


# -- the acts: (sentences, gold items) ------------------------------------------------------------------

VISIT = (
    "{L} {l} arrived in {cap} on {d} for a two-day official visit to {B}.",
    "{l}, the {dem} {lr}, began a two-day official visit to {B} on {d}.",
    "On {d}, {L} {l} landed in {cap} at the start of a two-day state visit to {B}.",
    "{L} {l} travelled to {cap} on {d} for a two-day visit to {B}, the first at this level in several years.",
)
TALKS = (
    "{R} {m} held talks with {bdem} counterpart {n} in {cap} on {d}.",
    "On {d}, {m} met {bdem} {rr} {n} for talks in {cap}.",
    "{R} {m} and {n}, {B}'s {rr}, held talks in {cap} on {d}.",
)
SIGN = (
    "The two governments signed an agreement on {dom} cooperation on {d}.",
    "On {d} the two sides signed an agreement on cooperation in {dom}.",
    "An agreement on {dom} cooperation was signed by the two governments on {d}.",
)
CRITICISE = (
    "{B}'s foreign ministry criticised {C} on {d} over its recent statements.",
    "On {d}, {B} publicly criticised {C} for its stance on the region.",
    "The government of {B} criticised {C} on {d}, calling its policy irresponsible.",
)
THREATEN = (
    "{A} threatened on {d} to impose sanctions on {C} over its conduct.",
    "On {d}, {A} threatened {C} with new sanctions.",
    "{A} warned on {d} that it would impose sanctions on {C} if the dispute continued.",
)
TRADE = (
    "According to {adem} customs data, trade between the two countries rose {pct}% in {year} to ${val} billion.",
    "{adem} customs figures show that trade between the two countries grew by {pct}% in {year} to ${val} billion.",
    "Trade between {A} and {B} increased {pct}% in {year} to ${val} billion, according to {adem} customs data.",
)
FILLER = (
    "Officials on both sides described the atmosphere of the meetings as businesslike.",
    "The delegations included senior officials from several ministries and a number of business leaders.",
    "Security was tight in the centre of the city, where several streets were closed to traffic.",
    "Local newspapers gave the meetings prominent coverage on their front pages.",
    "The programme also included a wreath-laying ceremony and a visit to a university.",
    "Observers noted that the relationship has had its ups and downs over the past decade.",
    "The talks covered a wide range of questions, from infrastructure to culture and youth exchanges.",
    "Journalists from both countries followed the delegations throughout the day.",
    "A joint press appearance was kept short, and no questions were taken from reporters.",
    "The visiting delegation stayed at a government residence on the outskirts of the capital.",
    "Diplomats said that the preparations for the visit had taken several months.",
    "Business associations from both countries organised a forum on the sidelines of the visit.",
    "The weather was mild, and crowds gathered along the route of the motorcade.",
    "Cultural events, including a concert and an exhibition, accompanied the official programme.",
    "Several regional governors took part in a separate session on cooperation between provinces.",
    "The last meeting at this level took place some time ago, officials recalled.",
    "Students at a local university were invited to a discussion on the history of the relationship.",
    "Television channels broadcast the arrival ceremony live.",
)


def _event(actors, cameo, first: dt.date, last: dt.date, optional=False, what=""):
    item = {"actors": sorted(actors), "cameo": list(cameo), "date": [first.isoformat(), last.isoformat()],
            "what": what}
    if optional:
        item["optional"] = True
    return item


def _person(p: Person, country: str) -> dict:
    return {"name": p.name, "country": country, "role": list(p.keywords)}


def item(index: int, seed: int = 7, min_words: int = 200, max_words: int = 600) -> tuple[str, str, dict]:
    """The index-th item of a corpus: (file name, file text with front matter, gold)."""
    rng = random.Random(seed * 1_000_003 + index)
    while True:
        day = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        a_code, b_code, c_code = rng.sample(COUNTRIES, 3)
        a, b = side(a_code, day.isoformat()), side(b_code, day.isoformat())
        if a and b:
            break
    c_name = _the(load_vocab().states[c_code].names[0])
    day2 = day + dt.timedelta(days=1)
    published = day2 + dt.timedelta(days=rng.choice((0, 0, 1)))
    slots = {"A": _the(a.name), "B": _the(b.name), "C": c_name, "cap": b.capital, "dem": a.demonym, "adem": a.demonym,
             "bdem": b.demonym, "L": a.leader.role, "l": a.leader.name, "lr": a.leader.role.lower(),
             "R": a.minister.role, "m": a.minister.name, "n": b.minister.name, "rr": b.minister.role.lower()}
    both = (a.iso3, b.iso3)
    gold = {"events": [], "agreements": [], "stances": [], "figures": [], "people": [], "forecasts": []}

    lead = rng.choice(VISIT).format(**slots, d=day_text(day, rng))
    gold["events"].append(_event(both, ("042", "043"), day, day2, what="visit"))
    gold["events"].append(_event(both, ("04", "03", "05"), day, day2, optional=True, what="host or meet"))
    body = [rng.choice(TALKS).format(**slots, d=day_text(day2, rng))]
    gold["events"].append(_event(both, ("04",), day2, day2, what="talks"))
    gold["people"] += [_person(a.leader, a.iso3), _person(a.minister, a.iso3), _person(b.minister, b.iso3)]
    if rng.random() < 0.6:
        dom = rng.choice(DOMAINS)
        body.append(rng.choice(SIGN).format(**slots, d=day_text(day2, rng), dom=dom))
        gold["agreements"].append({"kind": "agreement", "keywords": [dom], "countries": sorted(both),
                                   "signed": [day2.isoformat(), day2.isoformat()], "signed_optional": True})
        gold["events"].append(_event(both, ("05", "06"), day2, day2, optional=True, what="signing"))
    if rng.random() < 0.4:
        when = day - dt.timedelta(days=rng.randrange(1, 5))
        body.append(rng.choice(CRITICISE).format(**slots, d=day_text(when, rng)))
        gold["events"].append(_event((b.iso3, c_code), ("11", "12"), when, when, what="criticism"))
        gold["stances"].append({"holders": [b.iso3], "polarity": "oppose", "target": [c_name.removeprefix("the ")],
                                "optional": True})
    if rng.random() < 0.3:
        when = day - dt.timedelta(days=rng.randrange(1, 5))
        body.append(rng.choice(THREATEN).format(**slots, d=day_text(when, rng)))
        gold["events"].append(_event((a.iso3, c_code), ("13",), when, when, what="sanctions threat"))
    if rng.random() < 0.5:
        pct, val = round(rng.uniform(1, 40), 1), round(rng.uniform(2, 300), 2)
        body.append(rng.choice(TRADE).format(**slots, pct=pct, val=val, year=day.year - 1))
        gold["figures"].append({"indicator": "trade", "reporter": a.iso3, "partner": b.iso3,
                                "period": str(day.year - 1), "value": val, "unit": "USD bn", "change_pct": pct})

    target = rng.randint(min_words + 10, max_words - 30)
    sentences = [_cap(x) for x in [lead] + body]
    words = sum(len(s.split()) for s in sentences)
    fillers = list(FILLER)
    rng.shuffle(fillers)
    i = 0
    while True:
        extra = fillers[i % len(fillers)]
        if words + len(extra.split()) > target:
            break
        sentences.append(extra)
        words += len(extra.split())
        i += 1
    rest = sentences[1:]
    rng.shuffle(rest)
    paragraphs, para = [sentences[0]], []
    for s in rest:
        para.append(s)
        if len(para) >= rng.randint(2, 4):
            paragraphs.append(" ".join(para))
            para = []
    if para:
        paragraphs.append(" ".join(para))
    title = f"{a.leader.role} {a.leader.name} visits {_the(b.name)}"
    name = f"syn-{index:06d}.md"
    text = (f"---\ntitle: \"{title}\"\ndate: {published.isoformat()}\nsource: bilat synthetic\n---\n"
            + "\n\n".join(paragraphs) + "\n")
    gold = {"document": name, "published": published.isoformat(), "metadata": {"title": title, "words": words},
            **gold}
    return name, text, gold


def write_corpus(out: str | Path, count: int, seed: int = 7, min_words: int = 200,
                 max_words: int = 600, start: int = 0) -> tuple[list[Path], int]:
    """Write `count` items and their gold files; returns the document paths and the total word count."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths, words = [], 0
    for i in range(start, start + count):
        name, text, gold = item(i, seed, min_words, max_words)
        path = out / name
        path.write_text(text, encoding="utf-8")
        (out / name.replace(".md", ".gold.json")).write_text(json.dumps(gold, ensure_ascii=False, indent=1),
                                                             encoding="utf-8")
        paths.append(path)
        words += gold["metadata"]["words"]
    return paths, words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--min-words", type=int, default=200)
    ap.add_argument("--max-words", type=int, default=600)
    a = ap.parse_args()
    paths, words = write_corpus(a.out, a.count, a.seed, a.min_words, a.max_words)
    print(f"{len(paths)} documents, {words} words in {a.out}")


if __name__ == "__main__":
    main()
