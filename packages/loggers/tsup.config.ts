import { defineConfig } from 'tsup';

// One entry per plugin so each can be imported (and loaded lazily) on its own.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    console: 'src/plugins/console.ts',
    jsonl: 'src/plugins/jsonl.ts',
    csv: 'src/plugins/csv.ts',
    tensorboard: 'src/tensorboard/index.ts',
    wandb: 'src/wandb/index.ts',
    neptune: 'src/neptune/index.ts',
    testing: 'src/testing/index.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  external: ['node:test'],
});
