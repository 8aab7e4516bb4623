"""Exceptions for problems that stop a command.

Data problems in workbooks are never raised: they become findings
(:mod:`lakip_xl.findings`). Exceptions are for "cannot continue": a missing or
unreadable Renstra, broken settings, an output that cannot be written.
Each carries the exit status the CLI returns and an Indonesian message.
"""

from __future__ import annotations


class LakipError(Exception):
    """Base of every error the CLI reports as a plain Indonesian message."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class RenstraError(LakipError):
    """The Renstra workbook is missing, unreadable or does not follow the contract."""


class SettingsError(LakipError):
    """The settings file cannot be read or holds an invalid value."""


class OutputError(LakipError):
    """The output file or folder cannot be written."""


class InputError(LakipError):
    """The input folder or file does not exist or holds nothing to read."""


class Refused(LakipError):
    """The command refused to act on its input (a Renstra with Galat, an output it must not replace)."""

    exit_code = 1
