"""Which chats an event concerns: its province, sector and bloc against what each chat follows.

An event without a province is the deployment's (DEFAULT_PROVINCE), and so is a subscription
without one; with no deployment province either, it is every province's. Provinces match across
the 2025 mergers (provinces merged into one are one). An event of a sector ("y tế") goes
only to chats following that sector or none; its sector is the one it states, else the one its
title or bloc names ("Khối thi đua ngành Y tế"). An event without a bloc goes to every bloc of its
province; one with a bloc to the chats following that bloc or none.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from bot.answers.scope import sectors_in
from bot.calendar.blocs import BlocNames
from bot.calendar.events import Event
from bot.calendar.store import Subscription
from bot.vi.provinces import related_provinces

# What a chat follows (province, sectors, blocs); what an event is about (province, sector, bloc).
Follows = tuple[str | None, tuple[str, ...], tuple[str, ...]]
About = tuple[str | None, str | None, str | None]


def event_sector(event: Event) -> str | None:
    """The event's sector: stated, else the only one its title and bloc name."""
    return event.sector or _named_sector(event.title, event.bloc)


@functools.lru_cache(maxsize=4096)
def _named_sector(title: str, bloc: str | None) -> str | None:
    named = sectors_in(f"{title}\n{bloc or ''}")
    return named[0] if len(named) == 1 else None


class Audience:
    """Decides whether an event concerns a chat, for one deployment's province and blocs."""

    def __init__(self, blocs: BlocNames, province: str | None = None) -> None:
        self.blocs = blocs
        self.province = province

    def about(self, event: Event) -> About:
        """What the event is about, as compared with what chats follow."""
        return (event.province, event_sector(event), event.bloc)

    def concerns(self, follows: Follows, about: About) -> bool:
        """Whether an event about `about` concerns a chat that follows `follows`."""
        province, sectors, blocs = follows
        event_province, sector, bloc = about
        return (
            self._same_province(province, event_province)
            and (sector is None or not sectors or sector in sectors)
            and self.blocs.covers(blocs, bloc)
        )

    def _same_province(self, followed: str | None, event: str | None) -> bool:
        wanted, given = followed or self.province, event or self.province
        return wanted is None or given is None or bool(_related(wanted) & _related(given))

    def recipients(self, subscriptions: Iterable[Subscription]) -> Recipients:
        """The subscriptions grouped by what they follow, for a scan over many events."""
        return Recipients(self, subscriptions)


@functools.lru_cache(maxsize=256)
def _related(province: str) -> frozenset[str]:
    return frozenset(related_provinces(province))


def follows(subscription: Subscription) -> Follows:
    """What a subscription follows."""
    return (subscription.province, subscription.sectors, subscription.blocs)


class Recipients:
    """The subscriptions an event concerns, found per group of chats that follow the same
    things (a few hundred groups for thousands of chats) and kept per kind of event."""

    def __init__(self, audience: Audience, subscriptions: Iterable[Subscription]) -> None:
        self.audience = audience
        self._groups: dict[Follows, list[Subscription]] = {}
        for subscription in subscriptions:
            self._groups.setdefault(follows(subscription), []).append(subscription)
        self._found: dict[About, list[Subscription]] = {}

    def of(self, event: Event) -> list[Subscription]:
        """The subscriptions the event concerns."""
        about = self.audience.about(event)
        if about not in self._found:
            self._found[about] = [
                subscription
                for followed, group in self._groups.items()
                if self.audience.concerns(followed, about)
                for subscription in group
            ]
        return self._found[about]
