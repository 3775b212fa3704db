"""The state database's schema changes, as Alembic revisions run by `bot.db.open_database`.

`versions/` holds one revision per change, each after the one before it: `0001` is the schema
of the first release (before migrations existed), every later one changes it without losing
rows. They only go forward: a release is never rolled back over a newer schema. A new revision
is written by hand after the last one, and the tables declared on `bot.db.metadata` are changed
to match it (a test compares them).
"""
