/** One exported name of an entry file and its 1-based line. */
export interface ExportedName { name: string; line: number }
/** One public entry of a workspace package (see lint-exports.mjs). */
export interface PublicEntry { pkg: string; sub: string; file: string; names: ExportedName[]; exportStar: number[] }
/** What an entry file exports and the lines of its `export *` statements. */
export function exportedNames(text: string, file?: string): { names: ExportedName[]; exportStar: number[] };
/** The workspace root (package.json with "workspaces") at or above `dir`. */
export function findWorkspaceRoot(dir: string): string | undefined;
/** Every public entry (package.json "exports" sources) of `packages/*` and `apps/*`. */
export function publicEntries(root: string): PublicEntry[];
/** Names exported by more than one package, with each package's entry. */
export function duplicateExports(entries: PublicEntry[]): { name: string; homes: { pkg: string; sub: string; file: string; line: number }[] }[];
/** The public-API lint lines, for one package or (without `pkgName`) the whole workspace. */
export function exportProblems(root: string, pkgName?: string): string[];
