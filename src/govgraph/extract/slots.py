"""The group slots of a person entry: ``Name, Stakeholder group, Regional group`` and its variants.

Pages write the slots after a name separated by commas, slashes, dashes or table bars, in brackets
or not, in either order, with a slot left empty or filled by something that is no group (an IGO's
name where a region should be):

- ``Jane Doe, Civil Society, Western European and Others Group (WEOG)``
- ``Jane Doe / Private Sector / Eastern European Group``, ``Jane Doe – Tech community – WEOG``
- ``Jane Doe (Civil Society, African Group)``, ``Jane Doe (IGO / Eastern European Group)``
- ``Jane Doe, Eastern European Group, Government``, ``Jane Doe, , Asia-Pacific Group``

What names a group comes only from the SKOS labels of the stakeholder-group and regional-group
schemes (:mod:`govgraph.extract.lexicon`): hidden labels ("CSO", "IGO", "Tech community") count here
because a slot is a field that states a group. This module knows only the separators.

Public API: :func:`split_slots`, :func:`is_group_field`, :func:`take_groups`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from govgraph.extract.lexicon import Lexicon

__all__ = ["is_group_field", "split_slots", "take_groups"]

# Separators between the slots of one field: " / ", "/", " – ", " — ", " - ", " | ".
_SLOT_SEP = re.compile(r"\s*/\s*|\s+[–—-]\s+|\s*[–—]\s*|\s*\|\s*")


def is_group_field(text: str, lexicon: Lexicon) -> bool:
    """Whether a whole field names a stakeholder group or a regional group (hidden labels count)."""
    text = text.strip()
    if not text:
        return False
    return lexicon.stakeholder_groups.lookup(text) is not None or lexicon.regional_group(text) is not None


def split_slots(field: str, lexicon: Lexicon) -> list[str]:
    """``field`` cut at slash, dash or bar separators when a part after the first names a group.

    >>> from govgraph.extract.lexicon import get_lexicon
    >>> split_slots("Tomasz Nowak / Private Sector / Eastern European Group", get_lexicon())
    ['Tomasz Nowak', 'Private Sector', 'Eastern European Group']
    >>> split_slots("Jane Doe - Acme Institute", get_lexicon())
    ['Jane Doe - Acme Institute']
    """
    if not _SLOT_SEP.search(field):
        return [field]
    parts = [p.strip() for p in _SLOT_SEP.split(field)]
    if len(parts) >= 2 and any(is_group_field(p, lexicon) for p in parts[1:]):
        return [p for p in parts if p]
    if len(parts) >= 2 and all(is_group_field(p, lexicon) for p in parts if p):
        return [p for p in parts if p]  # "IGO / Eastern European Group" on its own
    return [field]


def take_groups(parts: Sequence[str], lexicon: Lexicon) -> tuple[str | None, str | None, list[str], bool]:
    """``(stakeholder group, regional group, other parts, any group slot)`` of the parts after a name.

    The first value of each kind stays. Once a group slot is read, a part that names no group is in
    a group slot too (an IGO's name where the region should be: neither region nor affiliation),
    so it is dropped; parts before the first group slot are returned for the reader (a title, an
    affiliation).
    """
    sg = rg = None
    rest: list[str] = []
    seen = False
    for part in parts:
        part = part.strip()
        if not part:
            continue
        g_sg = lexicon.stakeholder_groups.lookup(part)
        g_rg = lexicon.regional_group(part) if g_sg is None else None
        if g_rg is not None:
            rg = rg or g_rg
            seen = True
        elif g_sg is not None:
            sg = sg or g_sg
            seen = True
        elif not seen:
            rest.append(part)
    return sg, rg, rest, seen
