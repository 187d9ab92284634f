import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initEngine, tf } from '@weatherlearn/engine';
import { toFloat32 } from '@weatherlearn/tensor-io';
import { DINO_REF, skipUnless, npy, stateDict, maxAbs } from '../testing/reference.js';
import { Trainer } from '@weatherlearn/trainer';
import { dinoReferenceTrainingModule, dinoReferenceCrops } from '../testing/dino-reference-model.js';
import { DINO_TRAINER_CLIPPING } from './training-config.js';

await initEngine({ backend: 'wasm' });

test('one DINO iteration through the trainer matches the reference: loss, grads, centre, student and teacher after the step', { skip: skipUnless(DINO_REF) }, async () => {
  const cfg = JSON.parse(readFileSync(path.join(DINO_REF, 'config.json'), 'utf8'));
  const weights = stateDict(DINO_REF, 'weights.pt');
  const m = dinoReferenceTrainingModule();
  m.student.loadStateDict(weights);
  m.teacher.loadStateDict(weights);
  const crops = dinoReferenceCrops(npy(DINO_REF, 'input_global.npy'), npy(DINO_REF, 'input_local.npy'));

  // Loss and raw gradients of the iteration (on a second module, so the trainer's step below sees a fresh centre).
  const probe = dinoReferenceTrainingModule();
  probe.student.loadStateDict(weights);
  probe.teacher.loadStateDict(weights);
  const params = probe.parameters();
  const { value, grads } = tf.variableGrads(() => probe.trainingStep({ crops }).loss, params.map((p) => p.variable));
  assert.ok(Math.abs(value.dataSync()[0]! - cfg.losses.loss_train_step) < 1e-5, `loss ${value.dataSync()[0]}`);
  const refGrads = stateDict(DINO_REF, 'student_grads.pt');
  for (const p of params) {
    const ref = toFloat32(refGrads[p.name]!);
    const got = grads[p.variable.name]!.dataSync();
    let d = 0;
    for (let i = 0; i < ref.length; i++) d = Math.max(d, Math.abs(got[i]! - ref[i]!));
    assert.ok(d <= 1e-4 * Math.max(1e-3, maxAbs(ref)), `grad ${p.name}: max abs diff ${d} (max |g| ${maxAbs(ref)})`);
  }
  assert.equal(params.length, Object.keys(refGrads).length);
  tf.dispose([value, ...Object.values(grads)]);
  probe.dispose();

  // The iteration as the trainer runs it: per-parameter clipping 3.0, last-layer rule, AdamW, EMA.
  const trainer = new Trainer({ maxEpochs: 1, maxSteps: 1, ...DINO_TRAINER_CLIPPING, checkpoint: { dir: '' } });
  await trainer.fit(m, { length: 1, batch: () => ({ crops: crops.map((c) => tf.clone(c)) }) });

  const centre = toFloat32(npy(DINO_REF, 'center_after_train_step.npy'));
  const c = m.dinoLoss.center.dataSync();
  for (let i = 0; i < centre.length; i++) assert.ok(Math.abs(c[i]! - centre[i]!) < 1e-7);

  // Compare only where the clipped reference gradient is not rounding noise (README: |g| ≥ 1e-6).
  const studentAfter = stateDict(DINO_REF, 'student_after.pt');
  const teacherAfter = stateDict(DINO_REF, 'teacher_after.pt');
  const ours = { student: m.student.stateDict(), teacher: m.teacher.stateDict() };
  let masked = 0;
  let worst = { student: 0, teacher: 0 };
  for (const name of Object.keys(weights)) {
    const g = toFloat32(refGrads[name]!);
    const scale = Math.min(1, 3 / (cfg.grad_norms_before_clip[name] + 1e-6));
    for (const which of ['student', 'teacher'] as const) {
      const ref = toFloat32((which === 'student' ? studentAfter : teacherAfter)[name]!);
      const got = ours[which][name]!.data as Float32Array;
      for (let i = 0; i < ref.length; i++) {
        if (Math.abs(g[i]! * scale) < 1e-6) {
          if (which === 'student') masked++;
          continue;
        }
        worst[which] = Math.max(worst[which], Math.abs(got[i]! - ref[i]!));
      }
    }
  }
  assert.equal(masked, cfg.adam_sensitivity.n_elements_with_abs_clipped_grad_below['1e-06']);
  assert.ok(worst.student < 1e-6, `student after step: max abs diff ${worst.student}`);
  assert.ok(worst.teacher < 1e-7, `teacher after step: max abs diff ${worst.teacher}`);

  // The recorded second loss: updated networks (eval), updated centre, epoch 1.
  m.student.eval();
  m.teacher.eval();
  const second = m.dinoLoss.lossOnly(m.student.forward(crops), m.teacher.forward(crops.slice(0, 2)), 1).dataSync()[0]!;
  assert.ok(Math.abs(second - cfg.losses.loss_after_step_with_updated_center) < 1e-4, `second loss ${second}`);
  m.dispose();
});
