"""The phrase tables and token classes that several rule families read with, built once from
`bot.vi.lexicon`."""

from __future__ import annotations

from typing import Final

from bot.facts.model import Role
from bot.vi import lexicon
from bot.vi.tokens import Phrases, Token

# Role words → (role, bloc kind: "khối" or "cụm").
ROLE_WORDS: Final[dict[str, tuple[Role, str]]] = {
    phrase: (Role(role), kind) for phrase, (role, kind) in lexicon.ROLE_WORDS.items()
}
ROLES: Final = Phrases(ROLE_WORDS)
PASSIVE: Final = Phrases(lexicon.PASSIVE_WORDS)
ADVERBS: Final = Phrases(lexicon.ADVERBS)
UNIT_NOUNS: Final = Phrases(lexicon.UNIT_NOUNS)
NAME_COMMAS: Final = Phrases(lexicon.NAME_COMMAS)
PLACES: Final = Phrases(lexicon.ADMINISTRATIVE_PLACES)
TITLES: Final = Phrases(
    (
        *lexicon.TITLE_BASES,
        *(f"phó {title}" for title in lexicon.TITLE_BASES),
        *(f"quyền {title}" for title in lexicon.TITLE_BASES),
        *lexicon.PARTY_TITLES,
    )
)
HONORIFICS: Final = Phrases(lexicon.HONORIFICS)
AWARDS: Final = Phrases(lexicon.AWARD_FORMS)
ORGANISE: Final = Phrases(lexicon.ORGANISE_VERBS)
MEETING_KINDS: Final = Phrases(lexicon.MEETING_KINDS)

# Token classes, by text or key.
DASHES: Final = frozenset({"-", "–", "—"})
BOUNDARY: Final = frozenset({",", ";", ":", "(", ")", "“", "”", '"', "[", "]", "!", "?", "."})
# Keys a name does not end on.
WEAK_END: Final = frozenset({"va", "cac", "nhung", "cua", "voi", *DASHES, "&", "/"})


def is_year(token: Token) -> bool:
    """Whether a token is a year (1990–2099)."""
    return len(token.text) == 4 and token.text.isdigit() and 1990 <= int(token.text) <= 2099
