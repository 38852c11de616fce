// Teams refuses an app whose icons have the wrong size, and shows a broken outline icon when it is
// not white on transparent. These read the committed PNG files as Teams would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng } from './png';
import { drawColorIcon, drawOutlineIcon, encodePng } from '../../../scripts/make-icons';

const appPackage = join(__dirname, '..', '..', '..', 'appPackage');
const read = (name: string) => decodePng(readFileSync(join(appPackage, name)));
const pixel = (rgba: Uint8Array, i: number) => Array.from(rgba.subarray(i * 4, i * 4 + 4));

describe('Teams app icons', () => {
  test('color.png is a 192×192 colour picture', () => {
    const icon = read('color.png');
    expect([icon.width, icon.height]).toEqual([192, 192]);
    const pixels = icon.width * icon.height;
    let opaque = 0;
    let coloured = 0;
    for (let i = 0; i < pixels; i++) {
      const [r, g, b, a] = pixel(icon.rgba, i);
      if (a === 255) opaque++;
      if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    }
    // A rounded square: nearly every pixel painted, and most of them in colour rather than grey.
    expect(opaque / pixels).toBeGreaterThan(0.9);
    expect(coloured / pixels).toBeGreaterThan(0.4);
    // The rounded corner is left transparent.
    expect(pixel(icon.rgba, 0)[3]).toBe(0);
  });

  test('outline.png is 32×32 and every pixel is white or fully transparent', () => {
    const icon = read('outline.png');
    expect([icon.width, icon.height]).toEqual([32, 32]);
    expect(icon.colorType).toBe(6); // has an alpha channel
    let white = 0;
    const offenders: string[] = [];
    for (let i = 0; i < 32 * 32; i++) {
      const [r, g, b, a] = pixel(icon.rgba, i);
      if (a === 0) continue;
      if (a === 255 && r === 255 && g === 255 && b === 255) white++;
      else offenders.push(`(${i % 32},${Math.floor(i / 32)}) rgba(${r},${g},${b},${a})`);
    }
    expect(offenders.slice(0, 5)).toEqual([]);
    // A glyph, not an empty or filled square.
    expect(white).toBeGreaterThan(60);
    expect(white).toBeLessThan(32 * 32 * 0.5);
    // A transparent margin all round, as Teams draws its own background behind the outline.
    for (let i = 0; i < 32; i++) {
      expect([
        pixel(icon.rgba, i)[3],
        pixel(icon.rgba, 32 * 31 + i)[3],
        pixel(icon.rgba, 32 * i)[3],
        pixel(icon.rgba, 32 * i + 31)[3],
      ]).toEqual([0, 0, 0, 0]);
    }
  });

  test('the committed icons are what scripts/make-icons.ts draws today', () => {
    expect(Buffer.from(read('color.png').rgba)).toEqual(Buffer.from(drawColorIcon().rgba));
    expect(Buffer.from(read('outline.png').rgba)).toEqual(Buffer.from(drawOutlineIcon().rgba));
  });

  test('the encoder writes a PNG the independent reader decodes to the same pixels', () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    const decoded = decodePng(encodePng({ width: 3, height: 2, rgba }));
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    expect(Array.from(decoded.rgba)).toEqual(Array.from(rgba));
  });
});
