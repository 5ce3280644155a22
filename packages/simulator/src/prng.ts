/**
 * A small seeded generator (the "small fast counter" construction: three mixed words plus
 * a counter). Deterministic across platforms because it only uses 32-bit integer maths.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private counter: number;

  constructor(seed: number) {
    // Spread the seed over the state so that nearby seeds give unrelated streams.
    let s = (Math.trunc(seed) ^ 0x5bd1e995) >>> 0;
    const mix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.counter = mix();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.counter) >>> 0;
    this.counter = (this.counter + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by relative weight; weights need not sum to 1. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of choices) total += weight;
    let roll = this.float() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** Exponentially distributed with the given mean (for Poisson arrivals). */
  exponential(mean: number): number {
    return -Math.log(1 - this.float()) * mean;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.next().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** Characters drawn from `alphabet`, e.g. for Kubernetes name suffixes. */
  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++)
      out += alphabet.charAt(Math.floor(this.float() * alphabet.length));
    return out;
  }

  /** An independent generator whose stream depends only on this one's current state. */
  fork(): Prng {
    return new Prng(this.next() ^ Math.imul(this.next(), 0x27d4eb2d));
  }
}

/** Derives a generator for one named purpose, so adding a consumer does not shift the others. */
export function prngFor(seed: number, purpose: string): Prng {
  let h = 0x811c9dc5 ^ Math.trunc(seed);
  for (let i = 0; i < purpose.length; i++) h = Math.imul(h ^ purpose.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (Math.trunc(seed / 4294967296) | 0), 0x9e3779b1);
  return new Prng(h >>> 0);
}
