// Content hashes for raw records and deterministic ids.
import { createHash } from 'node:crypto';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A short stable id from any parts (used where a source has no id of its own). */
export function shortHash(...parts: unknown[]): string {
  return sha256(parts.map((p) => String(p)).join('\u0000')).slice(0, 16);
}
