"""Facts read from the documents (who led a bloc, awards, members, meetings, documents,
deadlines), curated facts and their store.
"""
