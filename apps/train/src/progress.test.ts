import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress, summaryTable, formatDuration, formatNumber } from './progress.js';

test('non-TTY: one line every N steps and at the end, with rate and ETA', () => {
  const out: string[] = [];
  let t = 0;
  const p = new Progress({ write: (s) => out.push(s), isTTY: false, every: 5, label: 'train', now: () => t });
  p.start(12);
  for (let s = 1; s <= 12; s++) { t += 500; p.update(s, { loss: 0.123456 }); }
  assert.deepEqual(out.map((l) => l.split(' ')[2]), ['5/12', '10/12', '12/12']);
  assert.equal(out[0], 'train step 5/12 (42%) 2.00 it/s ETA 0:04 loss=0.1235\n');
  assert.match(out[2]!, /\(100%\).*ETA 0:00/);
});

test('TTY: a redrawn bar, throttled, with ETA from a resumed start', () => {
  const out: string[] = [];
  let t = 0;
  const p = new Progress({ write: (s) => out.push(s), isTTY: true, width: 10, now: () => t, redrawMs: 100 });
  p.start(100, 50);
  t = 1000; p.update(60);
  t = 1010; p.update(61); // throttled
  p.log('checkpoint saved');
  t = 2000; p.update(100);
  p.finish();
  assert.equal(out[0], '\r\x1b[2K[######----] 60/100 10.00 it/s ETA 0:04 ');
  assert.equal(out.length, 5);
  assert.deepEqual(out.slice(1, 3), ['\r\x1b[2K', 'checkpoint saved\n']);
  assert.match(out[3]!, /\[##########\] 100\/100/);
  assert.equal(out[4], '\n');
});

test('helpers: durations, numbers, summary table', () => {
  assert.equal(formatDuration(3725), '1:02:05');
  assert.equal(formatDuration(NaN), '?');
  assert.equal(formatNumber(0.000012345), '1.234e-5');
  assert.equal(formatNumber(3), '3');
  const t = summaryTable([['status', 'completed'], ['loss', 0.5]], 'summary');
  assert.equal(t, ['summary', '+--------+-----------+', '| status | completed |', '| loss   |       0.5 |', '+--------+-----------+'].join('\n'));
  assert.throws(() => new Progress({ write: () => {}, isTTY: false, every: 0 }), /every must be/);
});
