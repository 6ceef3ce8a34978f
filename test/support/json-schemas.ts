/**
 * The published JSON Schemas our answers must satisfy (test/fixtures/: the Reconciliation API 0.2 schemas and
 * GeoJSON's FeatureCollection), compiled once with ajv. See each folder's README for origin and licence.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { PROJECT_ROOT } from "../../src/config/index.js";

const FIXTURES = path.join(PROJECT_ROOT, "test", "fixtures");

function schemasIn(folder: string): Record<string, unknown>[] {
  const dir = path.join(FIXTURES, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => JSON.parse(readFileSync(path.join(dir, name), "utf8")) as Record<string, unknown>);
}

let ajv: Ajv | undefined;

function validators(): Ajv {
  if (ajv) return ajv;
  // The reconciliation schemas name the meta-schema "http://json-schema.org/schema#" (no draft), so they are
  // not checked against one; they are draft-07 in substance, ajv's default.
  ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true });
  // The manifest's `authentication` refers to Swagger 2.0's schema: an empty stand-in (we never send the field).
  ajv.addSchema({
    $id: "http://swagger.io/v2/schema.json",
    definitions: { securityDefinitions: { additionalProperties: {} } },
  });
  for (const schema of [...schemasIn("reconciliation"), ...schemasIn("geojson")]) ajv.addSchema(schema);
  return ajv;
}

const RECONCILIATION = "https://reconciliation-api.github.io/specs/0.2/schemas/";

export type ReconciliationSchema =
  | "manifest"
  | "reconciliation-query"
  | "reconciliation-result-batch"
  | "suggest-entities-response"
  | "suggest-types-response"
  | "suggest-properties-response";

/** The errors of `value` against one of the Reconciliation API 0.2 schemas ([] when valid). */
export function reconciliationErrors(schema: ReconciliationSchema, value: unknown): unknown[] {
  const validate = validators().getSchema(`${RECONCILIATION}${schema}.json`) as ValidateFunction;
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** The errors of `value` against GeoJSON's FeatureCollection schema ([] when valid). */
export function featureCollectionErrors(value: unknown): unknown[] {
  const validate = validators().getSchema("https://geojson.org/schema/FeatureCollection.json") as ValidateFunction;
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
