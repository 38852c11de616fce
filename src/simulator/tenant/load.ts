// The simulated tenant that DEMO_TENANT names: the built-in demo, a generated one, or a file.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { demoTenant } from './demo-tenant';
import type { TenantFixture } from './fixture';
import { generateTenant, MAX_GENERATED_MAILBOXES } from './generate';
import { validateTenant } from './validate';

const GENERATE = /^generate:(.*)$/i;

/**
 * undefined, '' or 'demo': the built-in demo tenant. `generate:N[:seed]`: a synthetic tenant of N
 * mailboxes. Anything else: the path of a JSON fixture file. Every tenant is validated, built-in
 * ones too (under a second per 100,000 mailboxes), so the simulator never serves a broken one.
 */
export function loadTenant(spec?: string, now = new Date()): TenantFixture {
  const text = spec?.trim() ?? '';
  if (text === '' || text.toLowerCase() === 'demo') return validateTenant(demoTenant(now), 'demo');
  const generate = GENERATE.exec(text);
  if (generate) {
    const { count, seed } = parseGenerate(generate[1], text);
    return validateTenant(generateTenant(count, seed, now), text);
  }
  return readFixtureFile(text);
}

function parseGenerate(args: string, spec: string): { count: number; seed: number } {
  const [countText, seedText, ...rest] = args.split(':');
  const usage = `DEMO_TENANT="${spec}" is not valid: use generate:N or generate:N:SEED, with N a whole number from 1 to ${MAX_GENERATED_MAILBOXES.toLocaleString('en-US')} and SEED a whole number`;
  if (rest.length > 0 || !/^\d+$/.test(countText)) throw new Error(usage);
  const count = Number(countText);
  if (count < 1 || count > MAX_GENERATED_MAILBOXES) throw new Error(usage);
  if (seedText === undefined) return { count, seed: 1 };
  if (!/^-?\d+$/.test(seedText) || !Number.isSafeInteger(Number(seedText))) throw new Error(usage);
  return { count, seed: Number(seedText) };
}

function readFixtureFile(path: string): TenantFixture {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new Error(`Cannot read the tenant fixture ${file}: ${why} (DEMO_TENANT takes 'demo', 'generate:N[:seed]' or a JSON file's path)`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new Error(`The tenant fixture ${file} is not valid JSON: ${(error as Error).message}`);
  }
  return validateTenant(doc, file);
}
