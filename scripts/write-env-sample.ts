// Writes .env.sample from SETTINGS in src/config.ts, so the sample documents every setting.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SETTINGS } from '../src/config';

export function envSample(): string {
  const lines = [
    '# Mailbox Watch settings. With M365_TENANT_ID empty, `npm start` runs the demo on a simulated tenant.',
    '# Production (Azure App Service) sets these as app settings: see infra/ and docs/deploy.md.',
    '',
  ];
  for (const s of SETTINGS) {
    lines.push(`# ${s.meaning}${s.demoOnly ? ' [demo mode only]' : ''}`);
    lines.push(`${s.name}=`);
    lines.push('');
  }
  return lines.join('\n');
}

if (require.main === module) {
  fs.writeFileSync(path.resolve(__dirname, '../../.env.sample'), envSample());
}
