import { withRetry } from './retry.js';
import type { RetryOptions } from './types.js';

/** Options of {@link ReliableSender}. */
export interface SenderOptions<T> {
  /** Sends `items` that start at stream offset `offset`; throws on failure. Must be idempotent per offset. */
  send(offset: number, items: T[]): Promise<void>;
  retry: RetryOptions;
  /** Offset of the first item that will be pushed (items already delivered before it). */
  startOffset: number;
  /** Called after each delivered batch with the new delivered count (persist it). */
  onAck?(acked: number): void;
  /** Called once when the sender gives up (service down or queue full). */
  onDown(reason: string): void;
}

/**
 * Delivers an append-only stream of items in order, in batches, each batch retried with back-off
 * at the SAME offset so the server can drop duplicates. The in-memory queue is bounded
 * (`retry.maxQueue`); when it overflows or a batch fails `maxAttempts` times the sender goes
 * down once and stops — the caller keeps every item on disk for a later `sync`.
 */
export class ReliableSender<T> {
  private queue: T[] = [];
  private head = 0;
  private ackedCount: number;
  private running: Promise<void> | null = null;
  private isDown = false;

  constructor(private readonly opts: SenderOptions<T>) {
    this.ackedCount = opts.startOffset;
  }

  /** Number of items delivered (stream offset of the next undelivered item). */
  get acked(): number { return this.ackedCount; }
  /** True once the sender gave up. */
  get down(): boolean { return this.isDown; }
  /** Items waiting in memory. */
  get pending(): number { return this.queue.length - this.head; }

  /** Queues one item and starts delivery in the background. Never throws, never blocks. */
  push(item: T): void {
    if (this.isDown) return;
    if (this.pending >= this.opts.retry.maxQueue) {
      this.goDown(`more than ${this.opts.retry.maxQueue} items waiting (service too slow or down)`);
      return;
    }
    this.queue.push(item);
    this.kick();
  }

  private goDown(reason: string): void {
    if (this.isDown) return;
    this.isDown = true;
    this.queue = [];
    this.head = 0;
    this.opts.onDown(reason);
  }

  private kick(): void {
    if (!this.running) this.running = this.loop().finally(() => { this.running = null; });
  }

  private async loop(): Promise<void> {
    while (!this.isDown && this.pending > 0) {
      const batch = this.queue.slice(this.head, this.head + this.opts.retry.batchSize);
      try {
        await withRetry(() => this.opts.send(this.ackedCount, batch), this.opts.retry);
      } catch (err) {
        this.goDown(err instanceof Error ? err.message : String(err));
        return;
      }
      this.head += batch.length;
      this.ackedCount += batch.length;
      if (this.head > 4096 && this.head * 2 > this.queue.length) { this.queue = this.queue.slice(this.head); this.head = 0; }
      try { this.opts.onAck?.(this.ackedCount); } catch { /* persisting progress is best effort */ }
    }
  }

  /** Resolves when every queued item is delivered or the sender is down. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }
}
