import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { plotLeadCurves, plotScorecard, type ScorecardRowLike } from '../evaluation/scorecard.js';
import { escapeXml } from '../svg/svg.js';

/**
 * Scorecards of a run folder: `RUN_DIR/scorecard.json` and `RUN_DIR/<sub>/scorecard.json` (what
 * `weatherlearn evaluate RUN_DIR --out RUN_DIR/eval` writes), as paths relative to the folder.
 */
export function findScorecards(runDir: string): string[] {
  const out: string[] = [];
  if (existsSync(join(runDir, 'scorecard.json'))) out.push('scorecard.json');
  for (const name of readdirSync(runDir).sort()) {
    const p = join(runDir, name, 'scorecard.json');
    if (statSync(join(runDir, name)).isDirectory() && existsSync(p)) out.push(relative(runDir, p));
  }
  return out;
}

/**
 * The report section of one scorecard file: the scorecard heatmap (skill vs persistence when scored,
 * else RMSE), RMSE-vs-lead curves and the metadata. A bad file is an error naming it.
 */
export function scorecardSection(runDir: string, rel: string): string {
  const path = join(runDir, rel);
  let card: { rows?: ScorecardRowLike[]; metadata?: Record<string, unknown> };
  try { card = JSON.parse(readFileSync(path, 'utf8')) as typeof card; } catch (e) { throw new Error(`${path}: not valid JSON (${(e as Error).message})`); }
  if (!Array.isArray(card.rows)) throw new Error(`${path}: field 'rows' must be an array`);
  const rows = card.rows;
  const hasSkill = rows.some((r) => typeof (r as unknown as Record<string, unknown>).skill_vs_persistence === 'number' && r.model !== 'persistence');
  const meta = Object.entries(card.metadata ?? {}).map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(typeof v === 'string' ? v : JSON.stringify(v))}</td></tr>`).join('');
  return `<h3>${escapeXml(rel)}</h3>` +
    `<figure class="scorecard-figure">${plotScorecard(rows, { metric: hasSkill ? 'skill_vs_persistence' : 'rmse', title: hasSkill ? 'Skill vs persistence (1 − MSE/MSE_persistence; blue = better)' : 'RMSE' })}</figure>` +
    `<figure class="lead-curves-figure">${plotLeadCurves(rows, { metric: 'rmse' })}</figure>` +
    (meta ? `<details><summary>How it was scored</summary><table>${meta}</table></details>` : '');
}
