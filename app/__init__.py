"""The application: the composition root (composition.py), the command line (cli.py) and the sandbox.

Kept empty of imports: every `python -m bot` command passes through this package, and a command that needs no
bot (orgs import, backup, settings errors) should not pay for importing aiogram and every handler.
"""
