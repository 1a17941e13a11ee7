import type { Command } from 'commander';

/**
 * Every subcommand of `remo`. A command module exports `register(program)`; add it here.
 */
export const commands: Array<(program: Command) => void> = [];
