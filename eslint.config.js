// Lint for what reviews miss: unawaited promises, type-only imports, import cycles, non-exhaustive switches.
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";
import local from "./dev/lint/no-type-cycle.mjs";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".neo4j/", "test/schema/__snapshots__/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["eslint.config.js", "bin/*.mjs"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { "import-x": importX, local },
    settings: { "import-x/resolver-next": [createTypeScriptImportResolver()] },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      "import-x/no-cycle": "error",
      // import-x/no-cycle skips \`import type\` (with no option to count it): this one counts every import.
      "local/no-cycle-with-types": "error",
      // Apollo plugin hooks and context functions are async by contract, awaited or not.
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // The explorer's modules without JSX are pure: unit tests import them into the server's type program,
    // where React's global types would turn the browser tests' DOM types into empty stubs. Their words come
    // from i18n-core.ts; React stays in .tsx files, i18n.ts and the hooks' own modules (use-*.ts).
    files: ["src/web/explorer/**/*.ts", "test/**/*.ts"],
    ignores: ["src/web/explorer/i18n.ts", "src/web/explorer/edit-drafts.ts", "src/web/explorer/use-*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "react", message: "Keep React out of pure modules (see eslint.config.js)." }],
          patterns: [{ group: ["**/i18n.js"], message: "A pure module imports its words from ./i18n-core.js." }],
        },
      ],
    },
  },
  {
    // Tests and the benchmark read loosely typed GraphQL results.
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  // The local lint rules are plain JavaScript handed ESLint's untyped nodes.
  { files: ["dev/lint/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
