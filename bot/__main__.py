"""`python -m bot`: the command line."""

from bot.cli import app

app(prog_name="python -m bot")
