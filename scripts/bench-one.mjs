// Runs one benchmark module (its default export returns [{ name, value, unit }]) and prints JSON.
import { pathToFileURL } from 'node:url';
const file = process.argv[2];
const mod = await import(pathToFileURL(file).href);
const rows = await mod.default();
process.stdout.write('\n@@BENCH@@' + JSON.stringify(rows) + '\n');
