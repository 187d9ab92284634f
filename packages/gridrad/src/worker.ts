/** Pool worker entry: runs {@link runTask} for each message and posts the result (or error) back. */
import { parentPort } from 'node:worker_threads';
import { runTask, type Task } from './tasks.js';

let peak = 0;
parentPort?.on('message', (msg: { id: number; task: Task }) => {
  void (async () => {
    try {
      const result = await runTask(msg.task);
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.arrayBuffers + m.external);
      parentPort!.postMessage({ id: msg.id, result, mem: { rss: m.rss, peak } });
    } catch (e) {
      parentPort!.postMessage({ id: msg.id, error: (e as Error).message ?? String(e) });
    }
  })();
});
