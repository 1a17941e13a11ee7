import type { Command } from 'commander';
import { register as registerVerify } from './verify';
import { register as registerRebuild } from './rebuild';
import { register as registerSim } from './sim';
import { register as registerDatasets } from './datasets';
import { register as registerWeb } from './web';

/**
 * Every subcommand of `remo`. A command module exports `register(program)`; add it here.
 */
export const commands: Array<(program: Command) => void> = [registerVerify, registerRebuild, registerDatasets, registerSim, registerWeb];
