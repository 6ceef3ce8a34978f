/**
 * The one preparation of an input for writing, shared by both halves of the write path — one transaction
 * (write-graph.ts) and one per batch (batched-write.ts): relationship ends named by an external id
 * (`wikidata:Q1757`) become our ids (external-references.ts), in PATCH mode each record is completed from
 * its stored state (patch-input.ts), then the whole input is checked against the input and the graph together
 * (check-input.ts). The input handed back reads the resolved records, so
 * whatever writes them afterwards — in this transaction or in later ones — sees our ids only.
 *
 * Kept in one place because two copies drifted: the batched path checked the raw input and refused every
 * external-id end as UNKNOWN_REFERENCE, while the same file imported in one transaction.
 */
import type { ManagedTransaction, Transaction } from "neo4j-driver";
import { type Checked, checkInput } from "./check-input.js";
import { resolveExternalReferences } from "./external-references.js";
import { patchedInput } from "./patch-input.js";
import type { StoredLookup } from "./stored-state.js";
import type { WriteInput, WriteMode } from "./write-input.js";

export interface PreparedInput {
  /** The input with every external-id end replaced by our id (in PATCH mode, each record completed). */
  readonly input: WriteInput;
  readonly checked: Checked;
  /** PATCH mode: per record (`<item>:<id>`), the fields it left out that were kept as stored. */
  readonly kept: ReadonlyMap<string, readonly string[]>;
}

/**
 * Resolves external-id ends, completes records from their stored state in PATCH mode (reading `lookup` again
 * whenever the returned input is read: read it in the same transaction), and checks the input (throws
 * `RejectedWrite` with every problem, unresolvable ends included); `staff` and `maxDeletes` as for `checkInput`;
 * `replace` (an undo, whose records come from the history) may put back restricted fields whoever writes.
 */
export async function prepareInput(
  tx: Transaction | ManagedTransaction,
  lookup: StoredLookup,
  input: WriteInput,
  options: {
    readonly staff: boolean;
    readonly replace?: boolean | undefined;
    readonly maxDeletes?: number | undefined;
    readonly mode?: WriteMode | undefined;
  },
): Promise<PreparedInput> {
  const references = await resolveExternalReferences(tx, input.reader);
  const patched = options.mode === "patch" ? patchedInput(references.reader, lookup, options.staff) : undefined;
  const resolved: WriteInput = { ...input, reader: patched?.reader ?? references.reader };
  const mayWriteRestricted = options.staff || options.replace === true;
  const checked = await checkInput(lookup, resolved, mayWriteRestricted, options.maxDeletes, references.problems);
  return { input: resolved, checked, kept: patched?.kept ?? new Map() };
}
