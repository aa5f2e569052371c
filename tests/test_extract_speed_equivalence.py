"""The extractor's shortcuts give what the plain computations give (they exist for speed only)."""

from __future__ import annotations

import random
import re
import unicodedata

from govgraph.extract import names, netmundial
from govgraph.extract.lexicon import get_lexicon

_WORDS = [
    "the", "The", "THE", "this", "This", "that", "THAT", "meeting", "Meeting", "discussions", "summit",
    "event", "deliberations", "in", "In", "São", "Sao", "S?o", "So", "Paulo", "PAULO", "paulo",
    "LACNIC", "global", "multistakeholder", "of", "on", "April", "2014", "held", "recent", "a",
    "(the", "meeting,", "Paulo.", "—", "-", "well-known", "São\nPaulo", "ſao",
]  # fmt: skip


# Mentions and near misses, with the most words the pattern allows before the venue and one more.
_PHRASES = [
    "the meeting in São Paulo", "this Sao Paulo meeting", "The São Paulo discussions",
    "the recent global meeting held in S?o Paulo", "the LACNIC meeting in São Paulo",
    "the a b c d e f meeting a b c d in São Paulo", "the a b c d e f g meeting in São Paulo",
    "the meeting a b c d e in São Paulo", "that São Paulo São Paulo meeting in São Paulo",
]  # fmt: skip


def _random_text(rng: random.Random) -> str:
    seps = [" ", " ", " ", "  ", "\n", "\t", ", "]
    pieces = (rng.choice(_PHRASES if rng.random() < 0.15 else _WORDS) for _ in range(rng.randint(0, 60)))
    return "".join(piece + rng.choice(seps) for piece in pieces)


def test_venue_hits_are_finditer() -> None:
    rng = random.Random(20261123)
    venue = get_lexicon().instance(netmundial.MEETING).venues[0]
    pattern = netmundial._venue_pattern(venue)
    found = 0
    for _ in range(6000):
        text = _random_text(rng)
        start = rng.randint(0, len(text)) if rng.random() < 0.3 else 0
        stop = rng.randint(start, len(text)) if rng.random() < 0.3 else len(text)
        expected = [(m.start(), m.end()) for m in pattern.finditer(text, start, stop)]
        got = [(m.start(), m.end()) for m in netmundial._venue_hits(venue, text, start, stop)]
        assert got == expected, (text, start, stop)
        found += len(expected)
    assert found > 3000  # the texts do exercise the pattern


def _name_key_plain(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_ = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[.\-'’]", " ", ascii_).split())


def test_name_key_is_the_plain_folding() -> None:
    rng = random.Random(7)
    alphabet = "aAzZ .-'’\t\nÉéßİıŁøØ-Kainz-Labbé O'Brien ǅ ﬁ Ⅻ ①"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
        assert names._fold_key(text) == _name_key_plain(text), text


def _given_name_first_plain(name: str, lines: list[str]) -> str | None:
    tokens = name.split()
    if len(tokens) < 2:
        return None
    turned = " ".join([tokens[-1], *tokens[:-1]])
    key = _name_key_plain(turned)
    if key == _name_key_plain(name):
        return None
    pattern = re.compile(r"(?<![\w@])" + re.escape(key) + r"(?!\w)")
    return turned if any(pattern.search(_name_key_plain(line)) for line in lines) else None


def test_name_order_evidence_is_the_plain_scan() -> None:
    lines = [
        "Eszter Horváth will present the view of industry.",
        "Questions: kwabena.mensah@example.org",
        "x.horvath eszter@example.org",
        "Maria Schmidt will moderate.",
        "eszter horvathne",
    ]
    evidence = names.NameOrderEvidence(lines)
    for name in ("Horváth Eszter", "Mensah Kwabena", "Maria Schmidt", "Schmidt Maria", "Eszter", "Ana Ana", ""):
        plain = _given_name_first_plain(name, lines)
        found = evidence.given_name_first(name)
        assert (found[1] if found else None) == plain == names.given_name_first(name, lines)
        if found is not None:
            index = next(i for i, line in enumerate(lines) if _given_name_first_plain(name, [line]))
            assert found[0] == index


def test_cached_lookups_answer_as_uncached() -> None:
    lex = get_lexicon()
    fields = ["Civil Society", "CSO", "WEOG", "Western European and Others Group (WEOG)", "Speakers",
              "Online Moderator", "Speaker 3", "Jane Doe", "", "Intergovernmental Organization"]  # fmt: skip
    for text in fields * 2:
        for hidden in (True, False):
            assert lex.stakeholder_groups.lookup(text, hidden=hidden) == lex.stakeholder_groups._lookup_uncached(
                text, hidden
            )
            assert lex.role(text, hidden=hidden) == lex._role_uncached(text, hidden)
    for inst in lex.instances:
        assert lex.instance(inst.local_name) is next(i for i in lex.instances if i.local_name == inst.local_name)
        assert lex.chain_links(inst.process) == list(lex._find_chain_links(inst.process))
        assert lex.lineage_neighbours(inst.process) == lex._find_neighbours(inst.process)


def test_lexicon_with_caches_still_pickles() -> None:
    import pickle

    lex = get_lexicon()
    lex.role("Speakers")
    copy = pickle.loads(pickle.dumps(lex))
    assert copy.role("Speakers") == lex.role("Speakers")
    assert copy.stakeholder_groups.lookup("CSO") == lex.stakeholder_groups.lookup("CSO")
