/**
 * The one write path: everything that changes the graph — import files, the seed, the API's mutations, the
 * command line — goes through `writeGraph` (or an operation built on it), with the same checks, citation
 * rules, transaction and history.
 */
export { WriteInterrupted, isInterruption, reasonOf, type BatchLedger } from "./write-input.js";
export {
  writeGraph,
  RejectedWrite,
  type WriteInput,
  type WriteOptions,
  type WriteReport,
  type WriteCounts,
  type ItemReport,
  type WriteMode,
  type WriteWarning,
  WarningCode,
} from "./write-graph.js";
export type { ChangeKind } from "./plan.js";
export {
  endRelationship,
  deleteRecords,
  periodRecords,
  nextPeriodId,
  END_STATUSES,
  type EndStatus,
  type EndRelationship,
} from "./operations.js";
export {
  loadCuratedGraph,
  readCuratedGraph,
  isGraphEmpty,
  seedFiles,
  SEED_DIR,
  SEED_ACTOR,
  ENRICHMENT_DIR_NAME,
} from "./seed.js";
export { formatWriteReport } from "./report-text.js";
export { mergeEntities, mergedEntity, repointed } from "./merge.js";
export { readGraphVersion, renewPushLease, GRAPH_VERSION_LABEL, PUSH_LEASES_PROPERTY } from "./graph-version.js";
export {
  configureVersionAnnouncement,
  pushChannel,
  unexpiredLeases,
  type AckMessage,
  type PushMessage,
} from "./version-announce.js";
export { revertWrite, undoPlan, type UndoPlan } from "./revert.js";
export { erasePersonalData, erasureReason, ERASE_OPERATION, type ErasureOptions, type ErasureReport } from "./erase.js";
