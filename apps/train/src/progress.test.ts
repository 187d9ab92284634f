import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress, itemProgress, summaryTable, formatDuration, formatNumber } from './progress.js';

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

test('itemProgress: periodic lines in logs (at most one per interval, always the last), a bar on a TTY', () => {
  const lines: string[] = [];
  let t = 0;
  const log = itemProgress({ err: (l) => lines.push(l), isTTY: false }, { label: '[embed]', unit: 'files', intervalMs: 1000, now: () => t });
  for (let i = 1; i <= 10; i++) { t += 300; log(i, 10, `f${i}.pt`); }
  assert.deepEqual(lines, [
    '[embed] 1/10 files (10%) 0.00 files/s ETA ? (f1.pt)',
    '[embed] 5/10 files (50%) 3.33 files/s ETA 0:02 (f5.pt)',
    '[embed] 9/10 files (90%) 3.33 files/s ETA 0:00 (f9.pt)',
    '[embed] 10/10 files (100%) 3.33 files/s ETA 0:00 (f10.pt)',
  ]);
  const tty: string[] = [];
  t = 0;
  const bar = itemProgress({ err: (l) => tty.push(l), isTTY: true }, { label: 'grid', unit: 'frames', now: () => t });
  t = 1000; bar(1, 2);
  t = 2000; bar(2, 2);
  assert.equal(tty.length, 2);
  assert.match(tty[0]!, /^\r\x1b\[2Kgrid \[#{12}-{12}\] 1\/2 /);
  assert.match(tty[1]!, /\[#{24}\] 2\/2 /);
});
