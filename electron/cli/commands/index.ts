import type { Command } from 'commander';
import { register as registerVerify } from './verify';
import { register as registerRebuild } from './rebuild';
import { register as registerSim } from './sim';
import { register as registerDatasets } from './datasets';
import { register as registerRun } from './run';
import { register as registerResume } from './resume';
import { register as registerPause } from './pause';
import { register as registerFork } from './fork';
import { register as registerRuns } from './runs';
import { register as registerShow } from './show';
import { register as registerCompare } from './compare';
import { register as registerExport } from './export';
import { register as registerImport } from './import';
import { register as registerDemo } from './demo';
import { register as registerRename } from './rename';
import { register as registerArchive } from './archive';
import { register as registerExperiment } from './experiment';

/**
 * Every subcommand of `remo`. A command module exports `register(program)`; add it here.
 */
export const commands: Array<(program: Command) => void> = [registerVerify, registerRebuild, registerDatasets, registerSim, registerRun, registerResume, registerPause, registerFork, registerRuns, registerRename, registerArchive, registerShow, registerCompare, registerExperiment, registerExport, registerImport, registerDemo];
