/**
 * Writes the GPU kit's tiny SuperDARN input: a synthetic northern-hemisphere GRID file (testkit's
 * generator, the same records the CLI tests grid). The kit then grids it with its own bundled
 * `weatherlearn superdarn grid`. Usage: make-superdarn.ts <dir> [hours]
 */
import { writeSyntheticGridFile } from '@weatherlearn/testkit';

const dir = process.argv[2];
if (!dir) throw new Error('usage: make-superdarn.ts <dir> [hours]');
const file = await writeSyntheticGridFile(dir, { hours: Number(process.argv[3] ?? 4) });
process.stdout.write(`${file}\n`);
