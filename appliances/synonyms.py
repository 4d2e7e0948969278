"""A search query read with the staff's synonym table (appliances.models.SynonymGroup).

`expand("filter 更换")` gives each word of the query with what it may also be written as:
`[("filter", "滤芯", "滤网", ...), ("更换",)]`; a search then needs one term of every
group. A term of several words ("extended warranty") is matched as a phrase, longest first.
Matching is by case-folded whole word: the shop's Chinese words carry no spaces, so a term
inside a longer word is left alone rather than guessed at.
"""

from .models import SynonymGroup, split_terms

Alternatives = tuple[str, ...]


def expand(query: str) -> list[Alternatives]:
    """Each word (or phrase) of `query` with its synonyms, the word itself first."""
    words = query.split()
    if not words:
        return []
    table = synonym_table()
    longest = max((len(term.split()) for term in table), default=1)
    groups: list[Alternatives] = []
    start = 0
    while start < len(words):
        for size in range(min(longest, len(words) - start), 0, -1):
            phrase = " ".join(words[start : start + size])
            others = table.get(phrase.casefold())
            if others is not None or size == 1:
                same = phrase.casefold()
                groups.append((phrase, *(t for t in others or () if t.casefold() != same)))
                start += size
                break
    return groups


def synonym_table() -> dict[str, list[str]]:
    """Every term, case-folded, to all the terms of the groups it belongs to (one query)."""
    table: dict[str, list[str]] = {}
    for text in SynonymGroup.objects.values_list("terms", flat=True):
        terms = split_terms(text)
        for term in terms:
            known = table.setdefault(term.casefold(), [])
            known.extend(other for other in terms if other not in known)
    return table


def all_terms(groups: list[Alternatives]) -> list[str]:
    """Every term of the expanded query, once each, longest first (for highlighting)."""
    return sorted({term for group in groups for term in group}, key=len, reverse=True)
