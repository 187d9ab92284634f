// The public-API rules of scripts/lint.mjs: a package's entry files (package.json "exports": the
// root index and every subpath) list their exports by name — no `export *` — and one exported name
// has one home: two packages never export the same name (a re-export of another package's symbol
// counts too; importers use the home package).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

/**
 * The names one entry file exports, each with its 1-based line, and the lines of its `export *`
 * statements (`export * as ns` names one thing and counts as a name).
 */
export function exportedNames(text, file = 'index.ts') {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names = [];
  const exportStar = [];
  const lineOf = (node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const isExported = (node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st)) {
      if (!st.exportClause) exportStar.push(lineOf(st));
      else if (ts.isNamespaceExport(st.exportClause)) names.push({ name: st.exportClause.name.text, line: lineOf(st) });
      else for (const el of st.exportClause.elements) names.push({ name: el.name.text, line: lineOf(el) });
    } else if (ts.isExportAssignment(st)) names.push({ name: 'default', line: lineOf(st) });
    else if (ts.isVariableStatement(st) && isExported(st)) {
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push({ name: d.name.text, line: lineOf(d) });
    } else if (isExported(st) && st.name && ts.isIdentifier(st.name)) {
      const isDefault = (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      names.push({ name: isDefault ? 'default' : st.name.text, line: lineOf(st) });
    }
  }
  return { names, exportStar };
}

/** The folder holding the workspace's root package.json (the one with "workspaces"), from `dir` up. */
export function findWorkspaceRoot(dir) {
  for (let d = dir; ; d = dirname(d)) {
    const pj = join(d, 'package.json');
    if (existsSync(pj) && JSON.parse(readFileSync(pj, 'utf8')).workspaces) return d;
    if (dirname(d) === d) return undefined;
  }
}

/**
 * Every public entry of every workspace package (`packages/*`, `apps/*`): package name, subpath,
 * entry file (relative to the workspace root) and what it exports.
 */
export function publicEntries(root) {
  const out = [];
  for (const group of ['packages', 'apps']) {
    let dirs = [];
    try { dirs = readdirSync(join(root, group)).sort(); } catch { continue; }
    for (const d of dirs) {
      const pj = join(root, group, d, 'package.json');
      if (!existsSync(pj)) continue;
      const pkg = JSON.parse(readFileSync(pj, 'utf8'));
      for (const [sub, target] of Object.entries(pkg.exports ?? {})) {
        const source = typeof target === 'object' && target ? target.source : undefined;
        if (typeof source !== 'string' || !/\.(ts|mts)$/.test(source)) continue;
        const file = join(root, group, d, source);
        if (!existsSync(file)) continue;
        out.push({ pkg: pkg.name, sub, file: relative(root, file), ...exportedNames(readFileSync(file, 'utf8'), file) });
      }
    }
  }
  return out;
}

/**
 * Names exported by more than one package, each with where every package exports it
 * (`{ name, homes: [{ pkg, sub, file, line }] }`); a name a package exports from its root and a
 * subpath is one home.
 */
export function duplicateExports(entries) {
  const byName = new Map();
  for (const e of entries) {
    for (const { name, line } of e.names) {
      if (name === 'default') continue;
      const homes = byName.get(name) ?? [];
      if (!homes.some((h) => h.pkg === e.pkg)) homes.push({ pkg: e.pkg, sub: e.sub, file: e.file, line });
      byName.set(name, homes);
    }
  }
  return [...byName].filter(([, homes]) => homes.length > 1).map(([name, homes]) => ({ name, homes }));
}

/**
 * Problems of the public-API rules as lint lines. With `pkgName`, only the entries of that package
 * and the duplicates it takes part in; without, the whole workspace.
 */
export function exportProblems(root, pkgName) {
  const entries = publicEntries(root);
  const problems = [];
  for (const e of entries) {
    if (pkgName && e.pkg !== pkgName) continue;
    if (!e.exportStar.length) continue;
    const lines = e.exportStar.length === 1 ? `line ${e.exportStar[0]}` : `lines ${e.exportStar.join(', ')}`;
    problems.push(`${e.file}:${e.exportStar[0]}: \`export *\` in a public entry of ${e.pkg}${e.sub === '.' ? '' : e.sub.slice(1)} (${lines}): list the names by section instead — export { a, b } from './x.js' / export type { T } from './x.js'`);
  }
  for (const { name, homes } of duplicateExports(entries)) {
    if (pkgName && !homes.some((h) => h.pkg === pkgName)) continue;
    const where = homes.map((h) => `${h.pkg}${h.sub === '.' ? '' : h.sub.slice(1)} (${h.file}:${h.line})`).join(' and ');
    problems.push(`"${name}" is exported by ${where}: a name has one home — drop the re-export and import from the home package, or rename the less central one`);
  }
  return problems;
}
