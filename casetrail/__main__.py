"""``python -m casetrail`` runs the CLI."""

from casetrail.cli import app

app(prog_name="casetrail")
