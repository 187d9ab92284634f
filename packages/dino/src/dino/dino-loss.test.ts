import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initEngine, tf } from '@weatherlearn/engine';
import { toFloat32, type Tensor } from '@weatherlearn/tensor-io';
import { DINOLoss } from './dino-loss.js';
import { DINO_REF, skipUnless, npy, maxAbsDiff } from '../testing/reference.js';

await initEngine({ backend: 'wasm' });
const t2 = (t: Tensor) => tf.tensor2d(toFloat32(t), t.shape as [number, number]);

test('uniform student, one-hot teacher: loss = ln K; centre moves by (1−m)·mean', () => {
  const K = 16;
  const loss = new DINOLoss({ outDim: K, ncrops: 3, warmupTeacherTempEpochs: 0, nepochs: 1, teacherTemp: 1e-4 });
  const teacher = tf.tensor2d([[5, 0, ...Array(K - 2).fill(0)], [0, 5, ...Array(K - 2).fill(0)]]); // B = 1
  const student = tf.zeros([3, K]) as tf.Tensor2D;
  const v = loss.forward(student, teacher, 0).dataSync()[0]!;
  assert.ok(Math.abs(v - Math.log(K)) < 1e-5, `loss ${v}`);
  const c = loss.center.dataSync();
  assert.ok(Math.abs(c[0]! - 0.1 * 2.5) < 1e-6 && Math.abs(c[1]! - 0.25) < 1e-6 && c[2] === 0);
  assert.throws(() => loss.forward(tf.zeros([4, K]) as tf.Tensor2D, teacher, 0), /multiple of ncrops/);
  loss.dispose();
});

test('teacher temperature: linear warm-up over epochs, then constant (GRIDRAD 4e-5 → 8e-5 over 19)', () => {
  const loss = new DINOLoss({ outDim: 2, warmupTeacherTemp: 4e-5, teacherTemp: 8e-5, warmupTeacherTempEpochs: 19, nepochs: 20 });
  assert.equal(loss.teacherTemp(0), 4e-5);
  assert.ok(Math.abs(loss.teacherTemp(9) - 6e-5) < 1e-12);
  assert.equal(loss.teacherTemp(18), 8e-5);
  assert.equal(loss.teacherTemp(19), 8e-5);
  loss.dispose();
});

test('loss and centre update match the DINO reference', { skip: skipUnless(DINO_REF) }, () => {
  const cfg = JSON.parse(readFileSync(path.join(DINO_REF, 'config.json'), 'utf8'));
  const loss = new DINOLoss({ outDim: 512, ncrops: 4, warmupTeacherTemp: 0.04, teacherTemp: 0.04, warmupTeacherTempEpochs: 0, nepochs: 2, studentTemp: 0.1, centerMomentum: 0.9 });
  const v = loss.forward(t2(npy(DINO_REF, 'output_head_student.npy')), t2(npy(DINO_REF, 'output_head_teacher.npy')), 1).dataSync()[0]!;
  assert.ok(Math.abs(v - cfg.losses.loss_train_step) < 1e-5, `loss ${v} vs ${cfg.losses.loss_train_step}`);
  const d = maxAbsDiff(loss.center.dataSync(), toFloat32(npy(DINO_REF, 'center_after_update.npy')));
  assert.ok(d < 1e-7, `centre diff ${d}`);
  loss.dispose();
});
