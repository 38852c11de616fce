// Grants the bot's managed identity its Microsoft Graph app roles and Exchange.ManageAsApp, with
// your own Azure sign-in (az login as a Privileged Role Administrator or Global Administrator):
//   npm run grant -- --identity <object id or client id> [--remediation] [--dry-run] [--graph-endpoint URL]
// Idempotent: roles already granted are left alone. It ends with the one command for the Entra role.
import { DefaultAzureCredential } from '@azure/identity';
import { createServicePipeline } from '../src/m365/pipeline';
import { GRAPH_RESOURCES, tokenScope } from '../src/m365/tenant-clients';
import { grant, GrantError } from '../src/doctor/grant';

export { grant, GrantError } from '../src/doctor/grant';
export type { GrantOptions, GrantResult } from '../src/doctor/grant';

export const GRANT_USAGE = 'npm run grant -- --identity <object id or client id> [--remediation] [--dry-run] [--graph-endpoint URL]';

export interface GrantArguments {
  identity: string;
  remediation: boolean;
  dryRun: boolean;
  graphEndpoint: string;
  help: boolean;
}

export function parseGrantArguments(argv: string[]): GrantArguments {
  const out: GrantArguments = {
    identity: '',
    remediation: false,
    dryRun: false,
    graphEndpoint: 'https://graph.microsoft.com',
    help: false,
  };
  let identitySeen = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    // `--identity $PRINCIPAL_ID` with the variable unset leaves no value, or the next flag, behind.
    const value = () => (inline !== undefined ? inline : argv[i + 1] !== undefined && !argv[i + 1].startsWith('--') ? argv[++i] : '');
    switch (flag) {
      case '--identity':
        identitySeen = true;
        out.identity = value();
        break;
      case '--graph-endpoint':
        out.graphEndpoint = value();
        break;
      case '--remediation':
        out.remediation = true;
        break;
      case '--dry-run':
        out.dryRun = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        throw new GrantError(`Unknown argument "${argv[i]}". Usage: ${GRANT_USAGE}`);
    }
  }
  if (!identitySeen && !out.help) throw new GrantError(`--identity is required. Usage: ${GRANT_USAGE}`);
  return out;
}

async function main(): Promise<void> {
  const args = parseGrantArguments(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(`${GRANT_USAGE}\n`);
    return;
  }
  let endpoint: URL;
  try {
    endpoint = new URL(args.graphEndpoint);
  } catch {
    throw new GrantError(`--graph-endpoint is not a URL: ${args.graphEndpoint}`);
  }
  const pipeline = createServicePipeline({
    service: 'graph',
    credential: new DefaultAzureCredential(),
    scope: tokenScope(endpoint.origin, GRAPH_RESOURCES, 'https://graph.microsoft.com'),
    maxInFlight: 4,
    timeoutMs: 30_000,
    maxRetries: 3,
  });
  try {
    await grant({
      identity: args.identity,
      remediation: args.remediation,
      dryRun: args.dryRun,
      graph: { endpoint: endpoint.toString(), pipeline },
      print: (line) => process.stdout.write(`${line}\n`),
    });
  } finally {
    pipeline.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(
      `${err instanceof GrantError ? err.message : `grant failed: ${err instanceof Error ? err.message : String(err)}`}\n`,
    );
    process.exit(1);
  });
}
