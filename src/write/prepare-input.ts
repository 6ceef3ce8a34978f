/**
 * The one preparation of an input for writing, shared by both halves of the write path — one transaction
 * (write-graph.ts) and one per batch (fast-path.ts): relationship ends named by an external id
 * (`wikidata:Q1757`) become our ids (external-references.ts), then the whole input is checked against the
 * input and the graph together (check-input.ts). The input handed back reads the resolved records, so
 * whatever writes them afterwards — in this transaction or in later ones — sees our ids only.
 *
 * Kept in one place because two copies drifted: the batched path checked the raw input and refused every
 * external-id end as UNKNOWN_REFERENCE, while the same file imported in one transaction.
 */
import type { ManagedTransaction, Transaction } from "neo4j-driver";
import { type Checked, checkInput } from "./check-input.js";
import { resolveExternalReferences } from "./external-references.js";
import type { StoredLookup } from "./stored-state.js";
import type { WriteInput } from "./write-input.js";

export interface PreparedInput {
  /** The input with every external-id end replaced by our id. */
  readonly input: WriteInput;
  readonly checked: Checked;
}

/**
 * Resolves external-id ends and checks the input (throws `RejectedWrite` with every problem, unresolvable
 * ends included); `staff` and `maxDeletes` as for `checkInput`; `replace` (an undo, whose records come from
 * the history) may put back restricted fields whoever writes.
 */
export async function prepareInput(
  tx: Transaction | ManagedTransaction,
  lookup: StoredLookup,
  input: WriteInput,
  options: {
    readonly staff: boolean;
    readonly replace?: boolean | undefined;
    readonly maxDeletes?: number | undefined;
  },
): Promise<PreparedInput> {
  const references = await resolveExternalReferences(tx, input.reader);
  const resolved: WriteInput = { ...input, reader: references.reader };
  const mayWriteRestricted = options.staff || options.replace === true;
  const checked = await checkInput(lookup, resolved, mayWriteRestricted, options.maxDeletes, references.problems);
  return { input: resolved, checked };
}
