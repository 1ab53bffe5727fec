// @ts-check
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * `npm run lint` (with knip). Type-aware typescript-eslint over the whole TypeScript project (one
 * program through the project service, about the cost of `tsc --noEmit`), React's hooks rules and
 * Next.js's rules for the UI. Warnings fail the run (`--max-warnings 0`).
 */
export default defineConfig(
  globalIgnores([".next/", "lib/generated/", "data/", "test-results/", "playwright-report/", "next-env.d.ts"]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // An async function that does not await is how a Promise-returning contract (a node's
      // `execute`, a handler) is implemented without turning a synchronous throw into one.
      "@typescript-eslint/require-await": "off",
      // React ignores what an event handler returns; the promises handed to it settle on their own
      // (mutations report through their state). Promises handed to timers and callbacks stay checked.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // String(value) on `unknown` values that zod has already validated (connection and node
      // config, form values) is the deliberate conversion, and the rule cannot see the validation;
      // restrict-template-expressions still catches objects stringified into text.
      "@typescript-eslint/no-base-to-string": "off",
      // Prisma Json columns take a document `as object`; the rule's contextual check calls that
      // cast unnecessary although tsc rejects the code without it (index signatures of nested types).
      "@typescript-eslint/no-unnecessary-type-assertion": ["error", { typesToIgnore: ["object"] }],
      // `_name` marks a parameter or destructured value that is deliberately unused.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    extends: [reactHooks.configs.flat.recommended, nextPlugin.configs["core-web-vitals"]],
    rules: { "react-hooks/exhaustive-deps": "error" },
  },
  {
    // Tests read API answers as `response.json()` (any) and assert on them; typing every answer
    // would add casts, not safety. The other type-aware rules (floating promises above all) stay.
    files: ["tests/**/*.ts", "e2e/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Plain JavaScript (scripts, the sandbox worker, configs) and vitest's .mts config are outside
    // the TypeScript project.
    files: ["**/*.{js,mjs,cjs,mts}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["next.config.js"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
