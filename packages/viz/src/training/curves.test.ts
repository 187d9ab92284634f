import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricNames, parseMetricsJsonl, plotCurves } from './curves.js';

const TEXT = [
  '{"step":0,"time":1.5,"loss":2.0,"val/rmse":0.9}',
  '{"step":10,"time":2.5,"loss":1.0}',
  '',
  '{"step":20,"time":3.5,"loss":"NaN","val/rmse":0.5}',
  '{"step":30,"time":4.5,"loss":0.25,"lr":0.001}',
].join('\n');

test('parseMetricsJsonl reads the jsonl logger lines (NaN strings → NaN, time dropped)', () => {
  const rows = parseMetricsJsonl(TEXT);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows[0], { step: 0, values: { loss: 2, 'val/rmse': 0.9 } });
  assert.ok(Number.isNaN(rows[2]!.values.loss));
  assert.deepEqual(metricNames(rows), ['loss', 'lr', 'val/rmse']);
  assert.throws(() => parseMetricsJsonl('{"step":1}\n{oops', 'run/metrics.jsonl'), /run\/metrics\.jsonl:2: not JSON/);
  assert.throws(() => parseMetricsJsonl('{"loss":1}', 'm.jsonl'), /m\.jsonl:1: field step missing/);
});

test('plotCurves draws one curve per metric through the finite points, log scale for positive losses', () => {
  const svg = plotCurves(parseMetricsJsonl(TEXT));
  const curve = (name: string) => new RegExp(`<g class="curve" data-metric="${name.replace('/', '\\/')}" data-points="(\\d+)">(.*?)</g>`, 's').exec(svg);
  const loss = curve('loss')!;
  assert.equal(loss[1], '3');
  // The NaN at step 20 splits the loss line: a 2-point path and a lone point, plus a × marker.
  assert.equal((loss[2]!.match(/<path/g) ?? []).length, 1);
  assert.equal((loss[2]!.match(/<circle/g) ?? []).length, 1);
  assert.match(loss[2]!, />×</);
  assert.match(svg, /loss \(log scale\)/);
  assert.equal(curve('val/rmse')![1], '2');
  assert.match(plotCurves([]), /no metrics logged/);
});
