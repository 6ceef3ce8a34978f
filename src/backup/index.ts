/**
 * Backup and restore of the whole graph, history included: a streamed JSON Lines file (backup-format.ts),
 * written by `backupGraph` and checked whole before anything is restored (restore-check.ts). A restore puts
 * the graph back into an empty database as it was, history included, and records no new history: it is not a
 * write of new facts, so it does not go through the write path (backup.ts says more).
 */
export {
  backupGraph,
  restoreGraph,
  writePrivateFile,
  RestoreError,
  RestoreErrorCode,
  BACKUP_FORMAT,
  type BackupCounts,
  type BackupInput,
} from "./backup.js";
export { checkBackup } from "./restore-check.js";
