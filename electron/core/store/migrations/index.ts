import type { Migration } from './migration';
import { migration0001Events } from './0001_events';
import { migration0002Projections } from './0002_projections';
import { migration0003NotebookVec } from './0003_notebook_vec';
import { migration0004LlmCache } from './0004_llmCache';
import { migration0005Datasets } from './0005_datasets';
import { migration0006RunControl } from './0006_runControl';
import { migration0007LlmCacheSystemFingerprint } from './0007_llmCacheSystemFingerprint';
import { migration0008NotebookVectors } from './0008_notebook_vectors';
import { migration0009LogHead } from './0009_logHead';

export type { Migration } from './migration';

/**
 * Every schema migration, in increasing id order (the number in the file name). The runner refuses
 * to open a database whose applied list is not a prefix of this one. Append new ones at the end only;
 * never reorder, rename or edit one that has shipped.
 */
export const migrations: readonly Migration[] = [
  migration0001Events,
  migration0002Projections,
  migration0003NotebookVec,
  migration0004LlmCache,
  migration0005Datasets,
  migration0006RunControl,
  migration0007LlmCacheSystemFingerprint,
  migration0008NotebookVectors,
  migration0009LogHead,
];
