"""The Vietnamese language, no domain: normalisation, dates, tokens, word lists, provinces and
names."""
