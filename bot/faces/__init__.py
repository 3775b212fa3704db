"""The faces over the core: the command line and the Telegram bot. They own every user-facing text
and argument grammar.
"""
