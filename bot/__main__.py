"""`python -m bot`: the command line."""

from bot.faces.cli import app

app(prog_name="python -m bot")
