/**
 * Parses a wall-clock limit `"HH:MM:SS"` (hours may be more than 24) into seconds; returns
 * undefined when the text is not in that form or minutes/seconds are 60 or more.
 */
export function parseWalltime(text: string): number | undefined {
  const m = /^(\d{1,4}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (min >= 60 || s >= 60) return undefined;
  return h * 3600 + min * 60 + s;
}

/** Formats seconds as `"HH:MM:SS"` (at least two hour digits). */
export function formatWalltime(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(h)}:${pad(m)}:${pad(s % 60)}`;
}
