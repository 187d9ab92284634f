import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pangu, PANGU_PRESETS } from '@weatherlearn/pangu';
import { registerModel } from './model.js';
import { runCommand } from '../testing/run-command.js';

const run = (args: string[]) => runCommand(registerModel, args);

test('model info prints the parameter count and a layer table for every preset', async () => {
  for (const name of Object.keys(PANGU_PRESETS)) {
    const r = await run(['model', 'info', '--preset', name]);
    assert.equal(r.code, 0, r.err.join('\n'));
    const expected = new Pangu(PANGU_PRESETS[name]!, true).parameterCount();
    assert.match(r.out[0]!, new RegExp(`preset ${name}: ${expected.toLocaleString('en-US')} parameters`));
    const depth = PANGU_PRESETS[name]!.depths[1];
    assert.ok(r.out.some((l) => new RegExp(`^layer2\\s+EarthSpecificLayer ×${depth}`).test(l)), r.out.join('\n'));
  }
});

test('model info --json sums the layer table to the parameter count; overrides apply', async () => {
  const r = await run(['model', 'info', '--preset', 'superdarn', '--grid', '96', '--time-step', '2', '--json']);
  assert.equal(r.code, 0, r.err.join('\n'));
  const d = JSON.parse(r.out.join('\n'));
  assert.deepEqual(d.config.gridSize, [96, 96]);
  assert.equal(d.layers.reduce((n: number, l: { params: number }) => n + l.params, 0), d.parameters);
});

test('model info rejects an unknown preset and a bad grid with the valid choices', async () => {
  let r = await run(['model', 'info', '--preset', 'nope']);
  assert.notEqual(r.code, 0);
  assert.match(r.err.join('\n'), /known presets: pangu-weather, pangu-lite, superdarn/);
  r = await run(['model', 'info', '--preset', 'superdarn', '--grid', 'abc']);
  assert.notEqual(r.code, 0);
  assert.match(r.err.join('\n'), /expected LAT,LON/);
  r = await run(['model', 'info']);
  assert.notEqual(r.code, 0);
  assert.match(r.err.join('\n'), /--preset/);
});
