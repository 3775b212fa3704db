"""Meetings and deadlines: events, their storage and reminders (typed results; the faces write the
words).
"""
