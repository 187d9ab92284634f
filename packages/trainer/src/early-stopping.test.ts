import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EarlyStopping, isBetter } from './early-stopping.js';

test('stops after `patience` checks without improvement (min mode, minDelta)', () => {
  const es = new EarlyStopping({ monitor: 'val_loss', mode: 'min', patience: 2, minDelta: 0.1 });
  assert.equal(es.update({ val_loss: 1 }), false);
  assert.equal(es.update({ val_loss: 0.95 }), false, 'not enough improvement: wait 1');
  assert.equal(es.update({ val_loss: 0.5 }), false, 'improved: wait reset');
  assert.equal(es.best, 0.5);
  assert.equal(es.update({ val_loss: 0.6 }), false);
  assert.equal(es.update({ val_loss: 0.45 }), true, 'second check within minDelta → stop');
});

test('max mode, state round trip, missing metric and NaN', () => {
  const es = new EarlyStopping({ monitor: 'acc', mode: 'max', patience: 1 });
  es.update({ acc: 0.5 });
  const st = es.getState();
  const es2 = new EarlyStopping({ monitor: 'acc', mode: 'max', patience: 1 });
  es2.setState(st);
  assert.equal(es2.update({ acc: 0.4 }), true);
  assert.throws(() => es2.update({ loss: 1 }), /monitors "acc" but validation returned only: loss/);
  assert.equal(new EarlyStopping().update({ val_loss: NaN }), true);
  assert.throws(() => new EarlyStopping({ mode: 'up' as never }), /mode/);
});

test('isBetter', () => {
  assert.ok(isBetter(1, null, 'min'));
  assert.ok(isBetter(1, 2, 'min') && !isBetter(1, 2, 'max'));
  assert.ok(!isBetter(NaN, 2, 'min'));
});
