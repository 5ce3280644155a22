import { SECOND, type Ns } from './ns.ts';

/**
 * Formats simulation times as protojson Timestamps: RFC 3339 in UTC with the shortest exact
 * fraction (none, 3, 6 or 9 digits), as Go's protojson writes them.
 */
export class Timestamps {
  private readonly baseSec: number;
  private readonly baseNs: Ns;
  private cachedSec = Number.NaN;
  private cachedPrefix = '';

  constructor(start: Date) {
    const startMs = start.getTime();
    if (!Number.isFinite(startMs)) throw new Error('invalid simulation start time');
    this.baseSec = Math.floor(startMs / 1000);
    this.baseNs = (startMs - this.baseSec * 1000) * 1_000_000;
  }

  format(rel: Ns): string {
    const total = this.baseNs + rel;
    const carry = Math.floor(total / SECOND);
    const nanos = total - carry * SECOND;
    return this.secondPrefix(this.baseSec + carry) + fraction(nanos) + 'Z';
  }

  /** Container start times are whole seconds. */
  formatWholeSecond(rel: Ns): string {
    const carry = Math.floor((this.baseNs + rel) / SECOND);
    return this.secondPrefix(this.baseSec + carry) + 'Z';
  }

  private secondPrefix(epochSec: number): string {
    if (epochSec !== this.cachedSec) {
      this.cachedSec = epochSec;
      this.cachedPrefix = new Date(epochSec * 1000).toISOString().slice(0, 19);
    }
    return this.cachedPrefix;
  }
}

function fraction(nanos: number): string {
  if (nanos === 0) return '';
  if (nanos % 1_000_000 === 0) return '.' + String(nanos / 1_000_000).padStart(3, '0');
  if (nanos % 1_000 === 0) return '.' + String(nanos / 1_000).padStart(6, '0');
  return '.' + String(nanos).padStart(9, '0');
}
