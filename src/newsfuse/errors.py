"""Exceptions with one-line messages meant for the user."""


# Exit statuses of the command line (docs/errors.md)
EXIT_OK = 0  # every input was used
EXIT_INPUT = 1  # some input could not be used (each named on stderr; listed under `errors`), or nothing to do
EXIT_USAGE = 2  # bad command line: unknown option, invalid value
EXIT_OUTPUT = 3  # the output cannot be written (missing folder, a folder, no permission, disk full)
EXIT_INTERNAL = 4  # a newsfuse bug: one line on stderr, the traceback with NEWSFUSE_DEBUG=1
EXIT_INTERRUPTED = 130


class NewsfuseError(Exception):
    """Base class; str(error) is a complete one-line message."""

    exit_status = EXIT_INPUT


class UsageError(NewsfuseError):
    """An option value the command cannot run with."""

    exit_status = EXIT_USAGE


class OutputError(NewsfuseError):
    """The output file cannot be written."""

    exit_status = EXIT_OUTPUT


class InputRejected(NewsfuseError):
    """An input that cannot be read as an article (missing, empty, binary, badly encoded...)."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
