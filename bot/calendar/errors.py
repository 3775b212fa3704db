"""Typed refusals of the calendar: what was wrong and the values to name; the faces word them."""

from __future__ import annotations

from enum import StrEnum


class Problem(StrEnum):
    """Why an input was refused. Each names the `details` its wording needs."""

    BAD_DATE = "bad_date"  # value: the date as written
    MISSING_YEAR = "missing_year"  # value: a day/month of an event that is not yearly
    BAD_TIME = "bad_time"  # value: the time as written
    PAST_DATE = "past_date"  # date
    UNKNOWN_CODE = "unknown_code"  # code: no upcoming occurrence has it
    AMBIGUOUS_CODE = "ambiguous_code"  # code: several have it
    ALREADY_CANCELLED = "already_cancelled"  # title, date
    NO_LEADS = "no_leads"  # a chat needs at least one lead time
    BAD_LEADS = "bad_leads"  # leads: the lead days given; most: the longest allowed
    # The calendar file
    FILE_UNREADABLE = "file_unreadable"  # error: the YAML parser's message
    FILE_NOT_LIST = "file_not_list"
    ENTRY_NOT_MAPPING = "entry_not_mapping"
    ENTRY_NOT_TEXT = "entry_not_text"  # field
    ENTRY_MISSING = "entry_missing"  # fields
    ENTRY_UNKNOWN = "entry_unknown"  # fields, known
    ENTRY_BAD_KIND = "entry_bad_kind"  # value
    ENTRY_BAD_RECURRING = "entry_bad_recurring"  # value
    ENTRY_BAD_ID = "entry_bad_id"  # value
    ENTRY_DUPLICATE_ID = "entry_duplicate_id"  # value


class InputError(ValueError):
    """Refused input (an admin's, a chat's or the calendar file's): `problem` says why and
    `details` hold the values to name (text as written, dates, tuples of names)."""

    def __init__(self, problem: Problem, **details: object) -> None:
        super().__init__(f"{problem}: {details}" if details else str(problem))
        self.problem = problem
        self.details = details
