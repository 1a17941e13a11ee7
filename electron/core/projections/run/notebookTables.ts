/** Table names of the notebook projection (shared with the engine's retrieval query). */
export const NOTEBOOK_TABLE = 'run_notebook_entries';
export const NOTEBOOK_VEC_TABLE = 'notebook_vec';
/** Vectors of any other size than the vec0 index's 384 (migration 0008), searched exactly. */
export const NOTEBOOK_VECTORS_TABLE = 'notebook_vectors';
/** The size of notebook_vec's vectors (migration 0003): the lexical embedder's. */
export { NOTEBOOK_EMBEDDING_DIMENSION as VEC0_DIMENSION } from '../../store/migrations/0003_notebook_vec';
