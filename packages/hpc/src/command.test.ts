import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { CommandSyntaxError, isShardable, renderArgv, splitCommand, withShard } from './command.js';

test('splitCommand splits like a shell for the safe subset', () => {
  assert.deepEqual(splitCommand(`weatherlearn train --config 'run config.json'  --tag "a \\"b\\""`),
    ['weatherlearn', 'train', '--config', 'run config.json', '--tag', 'a "b"']);
  assert.deepEqual(splitCommand('a\\ b c*.nc'), ['a b', 'c*.nc']);
  assert.deepEqual(splitCommand("x '' y"), ['x', '', 'y']);
});

test('splitCommand refuses anything that would expand or chain, naming the offset', () => {
  for (const [cmd, off] of [['echo $HOME', 5], ['a; b', 1], ['a | b', 2], ['a > f', 2], ['echo `id`', 5], ['echo "$X"', 6], ["a 'b", 2], ['a #c', 2]] as const) {
    assert.throws(() => splitCommand(cmd), (e: unknown) => e instanceof CommandSyntaxError && e.offset === off, cmd);
  }
});

test('withShard appends --shard {shard} only to preprocessing commands without one', () => {
  assert.deepEqual(withShard(['weatherlearn', 'gridrad', 'preprocess', '--input', 'x']).slice(-2), ['--shard', '{shard}']);
  assert.ok(isShardable(['weatherlearn', 'superdarn', 'grid']));
  assert.deepEqual(withShard(['weatherlearn', 'train', 'pangu']), ['weatherlearn', 'train', 'pangu']);
  const explicit = ['weatherlearn', 'gridrad', 'preprocess', '--shard', '1/2'];
  assert.deepEqual(withShard(explicit), explicit);
});

test('renderArgv: literals never expand, placeholders do', () => {
  const line = renderArgv(['printf', '%s|', '$HOME', '--shard={shard}', 'task-{arrayIndex}.out', '{jobId}']);
  const out = execFileSync('bash', ['-c', line], {
    env: { PATH: process.env.PATH, HOME: '/h', WL_SHARD: '2/4', WL_ARRAY_INDEX: '2', WL_JOB_ID: '77' },
  }).toString();
  assert.equal(out, '$HOME|--shard=2/4|task-2.out|77|');
});
