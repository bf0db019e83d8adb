// Runs in: lint tooling and vitest. Types of renderer-floors.mjs for the TypeScript tests that use it.
import type { ESLint } from 'eslint';

export declare const FEATURES: readonly string[];
export declare function placeOf(rel: string): { floor: number; folder: string } | null;
export declare function floorProblem(fromRel: string, toRel: string): string | null;
declare const plugin: ESLint.Plugin;
export default plugin;
