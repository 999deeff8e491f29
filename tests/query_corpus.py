"""A richer hand-built corpus for the saved-query tests: three outlets, a revision, a dispute
over one attack's figures, a weapon."""

from __future__ import annotations

from decimal import Decimal

from kg.core.model import (
    Claim,
    Corpus,
    Dispute,
    Document,
    Entity,
    Event,
    EventArgument,
    EventMention,
    EventReport,
    Mention,
    Merge,
    Quantity,
    Span,
)
from tests.conftest import make_document

D1 = (
    "Governor Ana Petrenko said 12 drones were shot down over Port Mirow. "
    "The Ruritanian Army claimed it launched 30 Kestrel drones."
)
D2 = (
    "Petrenko later said 15 drones were shot down over Port Mirow. "
    "The Ruritanian Army said 30 drones flew."
)
D3 = (
    "Port Mirow officials counted about 9 downed drones, said Ivo Brandt of the Mirow City Council."
)


def _docs() -> tuple[Document, Document, Document]:
    return (
        make_document(
            D1,
            "north",
            publisher="Northern Wire",
            published="2024-05-02",
            title="Drones over Port Mirow",
        ),
        make_document(D2, "herald", publisher="Daily Herald", published="2024-05-03"),
        make_document(D3, "coast", publisher="Coastal Times"),
    )


def _mention(doc: Document, text: str, type_: str, nth: int = 0) -> Mention:
    begin = -1
    for _ in range(nth + 1):
        begin = doc.text.index(text, begin + 1)
    return Mention(doc.id, begin, begin + len(text), text, type_, 0, 0, 1)  # type: ignore[arg-type]


def _span(doc: Document, text: str) -> Span:
    begin = doc.text.index(text)
    return Span(doc.id, begin, begin + len(text), text)


def rich_corpus() -> Corpus:
    """Three documents from three outlets; Petrenko revises 12 to 15; a local count of 9
    conflicts."""
    north, herald, coast = _docs()
    ana = Entity(
        "Person|ana petrenko",
        "Person",
        "Ana Petrenko",
        ("Petrenko",),
        (_mention(north, "Ana Petrenko", "Person"), _mention(herald, "Petrenko", "Person")),
        merges=(Merge("surname", "Ana Petrenko", "Petrenko", 0.9),),
    )
    ivo = Entity(
        "Person|ivo brandt", "Person", "Ivo Brandt", (), (_mention(coast, "Ivo Brandt", "Person"),)
    )
    port = Entity(
        "Place|port mirow",
        "Place",
        "Port Mirow",
        (),
        (
            _mention(north, "Port Mirow", "Place"),
            _mention(herald, "Port Mirow", "Place"),
            _mention(coast, "Port Mirow", "Place"),
        ),
        qid="Q4242",
        link_confidence=0.8,
        link_method="kb-label",
    )
    army = Entity(
        "Organisation|ruritanian army",
        "Organisation",
        "Ruritanian Army",
        (),
        (
            _mention(north, "Ruritanian Army", "Organisation"),
            _mention(herald, "Ruritanian Army", "Organisation"),
        ),
        qid="Q4343",
        link_confidence=0.95,
        link_method="kb-alias",
    )
    council = Entity(
        "Organisation|mirow city council",
        "Organisation",
        "Mirow City Council",
        (),
        (_mention(coast, "Mirow City Council", "Organisation"),),
    )
    kestrel = Entity(
        "Weapon|kestrel", "Weapon", "Kestrel", (), (_mention(north, "Kestrel", "Weapon"),)
    )

    def claim(
        doc: Document,
        who: Mention,
        content: str,
        cue: str,
        key: str,
        qty: tuple[str, str, str],
        **kw: object,
    ) -> Claim:
        value, kind, number = qty
        return Claim(
            claimant_mention=who,
            cue=cue,
            content=_span(doc, content),
            cue_span=_span(doc, cue.split()[0]),
            source_span=_span(doc, who.text),
            key=key,
            quantities=(
                Quantity(
                    Decimal(value),
                    kind,
                    _span(doc, number),
                    unit_text="drones",
                    approximate=kw.pop("approximate", False),
                ),
            ),  # type: ignore[arg-type]
            **kw,  # type: ignore[arg-type]
        )

    c12 = claim(
        north,
        ana.mentions[0],
        "12 drones were shot down over Port Mirow",
        "said",
        "claim|ana|12",
        ("12", "drones-downed", "12"),
        claimant=ana.key,
        stated_in=("north",),
        event="Attack|north|launched",
        about=(port.key,),
        conflicts_with=("claim|ana|15", "claim|ivo|9"),
        date="2024-05-02",
        claimant_role="Governor",
    )
    c15 = claim(
        herald,
        ana.mentions[1],
        "15 drones were shot down over Port Mirow",
        "said",
        "claim|ana|15",
        ("15", "drones-downed", "15"),
        claimant=ana.key,
        stated_in=("herald",),
        event="Attack|north|launched",
        about=(port.key,),
        conflicts_with=("claim|ana|12", "claim|ivo|9"),
        revises=("claim|ana|12",),
    )
    c9 = claim(
        coast,
        ivo.mentions[0],
        "Port Mirow officials counted about 9 downed drones",
        "said",
        "claim|ivo|9",
        ("9", "drones-downed", "9"),
        claimant=ivo.key,
        stated_in=("coast",),
        event="Attack|north|launched",
        about=(port.key,),
        conflicts_with=("claim|ana|12", "claim|ana|15"),
        certainty="hedged",
        approximate=True,
        claimant_affiliation=council.mentions[0],
        affiliation=council.key,
    )
    c30 = claim(
        north,
        army.mentions[0],
        "it launched 30 Kestrel drones",
        "claimed",
        "claim|army|30",
        ("30", "drones-launched", "30"),
        claimant=army.key,
        stated_in=("north", "herald"),
        event="Attack|north|launched",
        about=(kestrel.key,),
        evidence=(_span(north, "it launched 30 Kestrel drones"), _span(herald, "30 drones flew")),
    )
    launched = _span(north, "launched")
    attack = Event(
        "Attack|north|launched",
        "Attack",
        "attack in Port Mirow, 2024-05-02",
        (
            EventReport(
                EventMention(
                    north.id, launched.begin, launched.end, "launched", "Attack", 1, 17, "launch"
                ),
                (
                    EventArgument("agent", army.mentions[0], army.key),
                    EventArgument("instrument", kestrel.mentions[0], kestrel.key),
                    EventArgument("place", port.mentions[0], port.key, inferred=True),
                ),
                date="2024-05-02",
            ),
        ),
        date="2024-05-02",
    )
    # The three counts of downed drones disagree about one attack: one dispute.
    dispute = Dispute(
        "Attack|north|launched|drones-downed",
        attack.key,
        "drones-downed",
        ("claim|ana|12", "claim|ana|15", "claim|ivo|9"),
    )
    return Corpus(
        (north, herald, coast),
        (ana, ivo, port, army, council, kestrel),
        (c12, c15, c9, c30),
        (attack,),
        (dispute,),
    )
