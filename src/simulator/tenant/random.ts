// A small seeded random source, so the same seed always builds the same tenant
// (Math.random cannot be seeded). mulberry32: 32-bit state, good enough for test data.

export class SeededRandom {
  private state: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // Spread nearby seeds apart so seed 1 and seed 2 do not start on neighbouring streams.
    this.state = (Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
  }

  /** The next 32-bit unsigned integer. */
  uint32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box–Muller, keeping the second value for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    let u = this.next();
    while (u === 0) u = this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }

  /** Lognormal with the given median; sigma is the spread of its logarithm. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A GUID in the usual version-4 shape, drawn from this stream. */
  guid(): string {
    const a = this.uint32();
    const b = this.uint32();
    const c = this.uint32();
    const d = this.uint32();
    // Version 4 in the third group, variant 10xx in the fourth, as RFC 4122 random GUIDs have.
    return (
      hex32(a) +
      '-' +
      HEX_BYTE[b >>> 24] +
      HEX_BYTE[(b >>> 16) & 0xff] +
      '-' +
      HEX_BYTE[0x40 | ((b >>> 8) & 0x0f)] +
      HEX_BYTE[b & 0xff] +
      '-' +
      HEX_BYTE[0x80 | ((c >>> 24) & 0x3f)] +
      HEX_BYTE[(c >>> 16) & 0xff] +
      '-' +
      HEX_BYTE[(c >>> 8) & 0xff] +
      HEX_BYTE[c & 0xff] +
      hex32(d)
    );
  }
}

const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(n: number): string {
  return HEX_BYTE[n >>> 24] + HEX_BYTE[(n >>> 16) & 0xff] + HEX_BYTE[(n >>> 8) & 0xff] + HEX_BYTE[n & 0xff];
}
