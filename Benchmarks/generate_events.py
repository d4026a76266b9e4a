"""Deterministic, realistic benchmark records for timelined.

Countries, officials and organisations meeting, visiting and making statements, and agreements
signed, brought into force, amended, extended, renewed, expiring and ending — with the field sizes
and the partial-date mix of real timelines. Actor popularity is skewed (Zipf): a few actors take
part in a large share of events, which is what makes an actor-pair timeline hard for an index.
"""

import itertools
import json
import random

COUNTRIES = [
    "US", "CN", "RU", "IN", "FR", "DE", "GB", "JP", "BR", "ZA", "NG", "EG", "TR", "SA", "IR", "IL", "KR", "KP", "AU",
    "CA", "MX", "AR", "ID", "PK", "UA", "PL", "IT", "ES", "SE", "NO", "VN", "TH", "PH", "MY", "KE", "ET", "DZ", "MA",
    "CL", "CO",
]
TAGS = [
    "trade", "technology", "climate", "security", "energy", "health", "science", "diplomacy", "economy", "finance",
    "defense", "migration", "agriculture", "water", "space", "cyber", "education", "culture", "transport", "maritime",
]
PLACES = ["Beijing", "Washington", "Moscow", "New Delhi", "Paris", "Berlin", "London", "Tokyo", "Brasília", "Geneva"]


class EventGenerator:
    """The `index`-th record depends only on the seed and the records before it."""

    def __init__(self, seed: int, actors: int = 5000, agreements: int = 500, zipf_exponent: float = 1.07):
        self.random = random.Random(seed)
        self.actor_ids = [COUNTRIES[i] if i < len(COUNTRIES) else f"actor-{i:04d}" for i in range(actors)]
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) ** zipf_exponent for rank in range(actors)))
        self.agreements = agreements
        # Signing year per agreement: later lifecycle events follow it, so an extension always
        # has an expiry to extend (ingest refuses one that has not).
        self.signed_in: dict[int, int] = {}

    @property
    def most_popular(self) -> list[str]:
        return self.actor_ids[:2]

    def _actors(self, count: int) -> list[str]:
        chosen: list[str] = []
        while len(chosen) < count:
            actor = self.random.choices(self.actor_ids, cum_weights=self.cumulative)[0]
            if actor not in chosen:
                chosen.append(actor)
        return chosen

    def _date(self) -> tuple[str, int]:
        r = self.random
        year, month, day = 1950 + r.randrange(76), 1 + r.randrange(12), 1 + r.randrange(28)
        roll = r.randrange(10)
        if roll == 0:
            return f"{year}", year
        if roll < 3:
            return f"{year}-{month:02d}", year
        return f"{year}-{month:02d}-{day:02d}", year

    def record(self, index: int) -> dict:
        r = self.random
        fields: dict = {}
        if r.randrange(100) < 80:
            fields["key"] = f"bench-{index}"
        date, year = self._date()
        fields["date"] = date
        roll = r.randrange(100)
        tag = TAGS[r.randrange(len(TAGS))]
        if roll < 98:
            guest, host, person = self._actors(3)
            if roll < 35:
                fields["kind"] = "visit"
                fields["title"] = f"Delegation from {guest} led by {person} visits {host} for talks on {tag}"
                fields["location"] = PLACES[r.randrange(len(PLACES))]
                if len(date) == 10 and int(date[8:]) <= 25 and r.randrange(2) == 0:
                    fields["end_date"] = f"{date[:8]}{int(date[8:]) + 1 + r.randrange(3):02d}"
                fields["actors"] = [{"id": guest, "role": "guest"}, {"id": host, "role": "host"}, {"id": person, "role": "visitor"}]
            elif roll < 70:
                fields["kind"] = "meeting"
                fields["title"] = f"{guest} and {host} ministers meet on {tag} cooperation"
                fields["actors"] = [guest, host, {"id": person, "role": "participant"}]
            elif roll < 90:
                fields["kind"] = "statement"
                fields["title"] = f"{host} foreign ministry comments on relations with {guest}"
                fields["actors"] = [host, guest]
            else:
                fields["kind"] = "other"
                fields["title"] = f"Incident reported between {host} and {guest}"
                fields["actors"] = [host, guest]
        else:
            self._lifecycle(fields, year)
        if r.randrange(100) < 60:
            fields["summary"] = (f"Officials discussed {tag} and the state of relations, " * (3 + r.randrange(5))
                                 + "and agreed to continue the dialogue.")
        fields["sources"] = [
            {"url": f"https://news.example.org/{year}/{index}-{source}", "title": f"Report {index}", "published": date}
            for source in range(1 + r.randrange(2))
        ]
        fields["tags"] = sorted({TAGS[r.randrange(len(TAGS))] for _ in range(1 + r.randrange(3))})
        return fields

    def _lifecycle(self, fields: dict, year: int) -> None:
        r = self.random
        agreement = r.randrange(self.agreements)
        agreement_id = f"pact-{agreement}"
        host, guest = self._actors(2)
        fields["actors"] = [host, guest]
        signed = self.signed_in.get(agreement)
        if signed is None:
            self.signed_in[agreement] = year
            fields["kind"] = "signing"
            fields["title"] = f"{host} and {guest} sign cooperation agreement {agreement}"
            fields["agreement"] = {"id": agreement_id, "title": f"Cooperation agreement {agreement}", "parties": [host, guest]}
            fields["expires_on"] = f"{2026 + r.randrange(20)}-{1 + r.randrange(12):02d}-{1 + r.randrange(28):02d}"
            return
        fields["agreement"] = agreement_id
        fields["date"] = f"{signed + 1 + r.randrange(20)}-{1 + r.randrange(12):02d}-{1 + r.randrange(28):02d}"
        kind = ["extension", "renewal", "amendment", "expiration", "entry_into_force"][r.randrange(5)]
        fields["kind"] = kind
        fields["title"] = {
            "extension": f"Agreement {agreement} extended by six months",
            "renewal": f"Agreement {agreement} renewed for five years",
            "amendment": f"Agreement {agreement} amended",
            "expiration": f"Agreement {agreement} expires",
            "entry_into_force": f"Agreement {agreement} enters into force",
        }[kind]
        if kind == "extension":
            fields["extends_by"] = "P6M"
        elif kind == "renewal":
            fields["extends_by"] = "P5Y"


def ndjson_batches(seed: int, events: int, batch_size: int):
    """(first index, NDJSON bytes) per batch, in ingest order."""
    generator = EventGenerator(seed)
    for start in range(0, events, batch_size):
        lines = (json.dumps(generator.record(i), separators=(",", ":"), ensure_ascii=False)
                 for i in range(start, min(start + batch_size, events)))
        yield start, ("\n".join(lines) + "\n").encode()
