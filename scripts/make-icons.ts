// Draws the Teams app icons into appPackage/ without an image library: a tiny vector rasteriser and
// a minimal PNG encoder (RGBA 8-bit, one IDAT, no filtering). Run once after changing the drawing:
//   npm run build && node dist/scripts/make-icons.js
// Teams wants color.png 192×192 (full colour) and outline.png 32×32 (white on transparent only):
// https://learn.microsoft.com/en-us/microsoftteams/platform/concepts/build-and-test/apps-package#app-icons
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findRepositoryRoot } from './package-app';

export interface Picture {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, rows top to bottom. */
  rgba: Uint8Array;
}

type Rgba = readonly [number, number, number, number];
/** A shape answers whether a point (in pixel units, y down) is inside it. */
type Shape = (x: number, y: number) => boolean;

// ---- PNG ------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

export function encodePng(picture: Picture): Buffer {
  const { width, height, rgba } = picture;
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // deflate
  header[11] = 0; // adaptive filtering (each row says its filter; ours are all 0 = none)
  header[12] = 0; // not interlaced
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---- shapes ---------------------------------------------------------------------------------

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function circle(cx: number, cy: number, r: number): Shape {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** A thick line between two points with round ends. */
function stroke(ax: number, ay: number, bx: number, by: number, width: number): Shape {
  const dx = bx - ax;
  const dy = by - ay;
  const lengthSquared = dx * dx + dy * dy;
  return (x, y) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / lengthSquared));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2;
  };
}

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));
const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** The envelope: a rounded body with its flap drawn as a V, in a box of the given size. */
function envelope(x0: number, y0: number, x1: number, y1: number, radius: number, line: number) {
  const body = roundedRect(x0, y0, x1, y1, radius);
  const inset = line * 0.9;
  const flap = union(
    stroke(x0 + inset, y0 + inset, (x0 + x1) / 2, y0 + (y1 - y0) * 0.55, line),
    stroke(x1 - inset, y0 + inset, (x0 + x1) / 2, y0 + (y1 - y0) * 0.55, line),
  );
  return { body, flap };
}

// ---- painting -------------------------------------------------------------------------------

interface Layer {
  shape: Shape;
  color: Rgba;
}

/** Paints layers in order, each pixel sampled on an n×n grid so edges are smooth. */
function paint(width: number, height: number, layers: Layer[], samples: number): Picture {
  const rgba = new Uint8Array(width * height * 4);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = px + (sx + 0.5) / samples;
          const y = py + (sy + 0.5) / samples;
          let color: Rgba = [0, 0, 0, 0];
          for (const layer of layers) if (layer.shape(x, y)) color = layer.color;
          const alpha = color[3] / 255;
          r += color[0] * alpha;
          g += color[1] * alpha;
          b += color[2] * alpha;
          a += alpha;
        }
      }
      const i = (py * width + px) * 4;
      const n = samples * samples;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((a / n) * 255);
    }
  }
  return { width, height, rgba };
}

export const ACCENT_COLOR = '#0F6CBD';
const ACCENT: Rgba = [0x0f, 0x6c, 0xbd, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const AMBER: Rgba = [0xf7, 0xa8, 0x00, 255];
const NAVY: Rgba = [0x0a, 0x3d, 0x73, 255];

/** 192×192: a white envelope on a blue rounded square, with an amber gauge badge (quota used). */
export function drawColorIcon(): Picture {
  const size = 192;
  const { body, flap } = envelope(34, 50, 150, 130, 10, 9);
  const badge = circle(140, 132, 34);
  const badgeRing = minus(circle(140, 132, 40), badge);
  // The badge shows three bars rising like a usage chart: the bot reports mailbox sizes.
  const bars = union(roundedRect(122, 132, 132, 150, 2), roundedRect(135, 122, 145, 150, 2), roundedRect(148, 112, 158, 150, 2));
  return paint(
    size,
    size,
    [
      { shape: roundedRect(0, 0, size, size, 36), color: ACCENT },
      { shape: body, color: WHITE },
      { shape: flap, color: ACCENT },
      { shape: badgeRing, color: ACCENT },
      { shape: badge, color: AMBER },
      { shape: bars, color: NAVY },
    ],
    4,
  );
}

/** 32×32: the envelope alone, white on transparent; no anti-aliasing so every pixel is white or clear. */
export function drawOutlineIcon(): Picture {
  const size = 32;
  const border = minus(roundedRect(3, 7, 29, 25, 2), roundedRect(5, 9, 27, 23, 1));
  const flap = union(stroke(5, 9, 16, 17.5, 2), stroke(27, 9, 16, 17.5, 2));
  const picture = paint(size, size, [{ shape: union(border, flap), color: WHITE }], 4);
  for (let i = 3; i < picture.rgba.length; i += 4) {
    const on = picture.rgba[i] >= 128;
    picture.rgba.fill(on ? 255 : 0, i - 3, i + 1);
  }
  return picture;
}

export function writeIcons(appPackageDir: string): void {
  writeFileSync(join(appPackageDir, 'color.png'), encodePng(drawColorIcon()));
  writeFileSync(join(appPackageDir, 'outline.png'), encodePng(drawOutlineIcon()));
}

if (require.main === module) {
  const dir = join(findRepositoryRoot(__dirname), 'appPackage');
  writeIcons(dir);
  console.log(`wrote ${join(dir, 'color.png')} and ${join(dir, 'outline.png')}`);
}
