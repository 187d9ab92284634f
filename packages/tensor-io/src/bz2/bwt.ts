/**
 * Burrows–Wheeler block sorting for the bzip2 compressor: sorts the cyclic rotations of
 * `block[0..n)` by prefix doubling with counting sorts (O(n log n), no recursion, memory 5 × 4n
 * bytes). Identical rotations (periodic blocks) may come in any order; the BWT is the same.
 */
export function sortRotations(block: Uint8Array, n: number): Int32Array {
  const sa = new Int32Array(n);
  let rank = new Int32Array(n);
  let next = new Int32Array(n);
  const tmp = new Int32Array(n);
  const cnt = new Int32Array(Math.max(257, n + 1));
  for (let i = 0; i < n; i++) cnt[block[i] + 1]++;
  for (let i = 1; i < 257; i++) cnt[i] += cnt[i - 1];
  for (let i = 0; i < n; i++) sa[cnt[block[i]]++] = i;
  let classes = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && block[sa[i]] !== block[sa[i - 1]]) classes++;
    rank[sa[i]] = classes;
  }
  classes++;
  for (let k = 1; k < n && classes < n; k <<= 1) {
    // Order by the second key (rank of the rotation k further on): shift the current order back by k.
    for (let i = 0; i < n; i++) {
      const j = sa[i] - k;
      tmp[i] = j < 0 ? j + n : j;
    }
    // Stable counting sort by the first key.
    cnt.fill(0, 0, classes + 1);
    for (let i = 0; i < n; i++) cnt[rank[i] + 1]++;
    for (let i = 1; i <= classes; i++) cnt[i] += cnt[i - 1];
    for (let i = 0; i < n; i++) { const j = tmp[i]; sa[cnt[rank[j]]++] = j; }
    // Re-rank by (rank[i], rank[i+k]).
    let c = 0;
    let prev = sa[0];
    next[prev] = 0;
    for (let i = 1; i < n; i++) {
      const cur = sa[i];
      const a = cur + k < n ? cur + k : cur + k - n;
      const b = prev + k < n ? prev + k : prev + k - n;
      if (rank[cur] !== rank[prev] || rank[a] !== rank[b]) c++;
      next[cur] = c;
      prev = cur;
    }
    classes = c + 1;
    const t = rank; rank = next; next = t;
  }
  return sa;
}
