"""An agenda as an iCalendar (.ics) file, worded like the agenda's text."""

from __future__ import annotations

import datetime as dt

import icalendar

from bot.calendar.events import EventKind
from bot.calendar.schedule import Agenda
from bot.faces.calendar_text import ALL_BLOCS, KIND_NAMES, describe

ICS_NAME = "Lịch thi đua, khen thưởng"


def to_ics(agenda: Agenda) -> bytes:
    """One VEVENT per occurrence (in date order): timed ones in the agenda's zone (with its
    VTIMEZONE), the others as all-day events."""
    zone, occurrences = agenda.zone, agenda.occurrences
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//thidua-bot//lich thi dua khen thuong//VI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", ICS_NAME)
    calendar.add("x-wr-timezone", zone.key)
    for occurrence in occurrences:
        event = occurrence.event
        item = icalendar.Event()
        item.add("uid", occurrence.uid)
        item.add("dtstamp", agenda.now.astimezone(dt.UTC))
        if occurrence.time is not None:
            item.add("dtstart", occurrence.start(zone))
        else:
            item.add("dtstart", occurrence.date)
            item.add("dtend", occurrence.date + dt.timedelta(days=1))
        item.add("summary", f"{KIND_NAMES[event.kind]}: {event.title}")
        if event.place and event.kind is EventKind.MEETING:
            item.add("location", event.place)
        item.add("description", describe(occurrence))
        item.add("categories", [event.bloc or ALL_BLOCS])
        calendar.add_component(item)
    if occurrences:
        first, last = occurrences[0].date, occurrences[-1].date
        calendar.add_missing_timezones(first.replace(day=1), last + dt.timedelta(days=366))
    return calendar.to_ical()
