/** The command line was wrong: print the message and the usage, exit 64 (EX_USAGE). */
export class UsageError extends Error {}

/** A command refused or failed for a reason the user can act on: print the message alone, exit 1. */
export class CommandError extends Error {}
