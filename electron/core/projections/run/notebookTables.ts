/** Table names of the notebook projection (shared with the engine's retrieval query). */
export const NOTEBOOK_TABLE = 'run_notebook_entries';
export const NOTEBOOK_VEC_TABLE = 'notebook_vec';
