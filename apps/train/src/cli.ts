/** Entry point of the `weatherlearn` binary. */
import { runCli } from './program.js';

// `weatherlearn dmap dump … | head` closes our stdout early: stop quietly, as Unix tools do.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
