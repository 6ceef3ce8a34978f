/** Bulk import of large graphs (batched UNWIND, streamed), with a progress bar. */
export { bulkImport, type ImportBatch, type ImportStats, type ImportOptions } from "./bulk-import.js";
export { createProgress, type Progress } from "./progress.js";
