// The bot's one way to get tokens: its managed identity (user-assigned when AZURE_CLIENT_ID names
// one, else system-assigned). A developer's own login (Azure CLI, VS Code…) only when asked for.
import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';

export interface CredentialSettings {
  /** AZURE_CLIENT_ID: the user-assigned identity's client id; absent = system-assigned. */
  managedIdentityClientId?: string;
  /** Local development only: also try the developer's own Azure login. */
  useDeveloperLogin?: boolean;
}

export function createCredential(settings: CredentialSettings): TokenCredential {
  const clientId = settings.managedIdentityClientId?.trim() || undefined;
  if (settings.useDeveloperLogin) return new DefaultAzureCredential(clientId ? { managedIdentityClientId: clientId } : {});
  return clientId ? new ManagedIdentityCredential({ clientId }) : new ManagedIdentityCredential();
}

export interface IdentitySource {
  /** app-service: IDENTITY_ENDPOINT + IDENTITY_HEADER; imds: the Azure VM metadata service; none: a broken setup. */
  kind: 'app-service' | 'imds' | 'none';
  /** Where tokens come from (never the secret header). */
  endpoint: string | null;
  /** user-assigned client id, or null for system-assigned. */
  clientId: string | null;
  /** One sentence for `doctor`. */
  summary: string;
}

const IMDS = 'http://169.254.169.254/metadata/identity/oauth2/token';

/** Which managed-identity source @azure/identity will use here, read from the environment only. */
export function describeIdentitySource(env: NodeJS.ProcessEnv = process.env): IdentitySource {
  const endpoint = env.IDENTITY_ENDPOINT?.trim() || '';
  const header = env.IDENTITY_HEADER?.trim() || '';
  const clientId = env.AZURE_CLIENT_ID?.trim() || null;
  const whose = clientId ? `the user-assigned identity ${clientId}` : 'the system-assigned identity';
  if (endpoint && header) {
    if (!isUrl(endpoint)) {
      return { kind: 'none', endpoint, clientId, summary: `IDENTITY_ENDPOINT is not a URL ("${endpoint}"), so no token can be fetched.` };
    }
    return { kind: 'app-service', endpoint, clientId, summary: `App Service managed identity at ${endpoint}, for ${whose}.` };
  }
  if (endpoint || header) {
    const missing = endpoint ? 'IDENTITY_HEADER' : 'IDENTITY_ENDPOINT';
    return {
      kind: 'none',
      endpoint: endpoint || null,
      clientId,
      summary: `${missing} is not set while its partner is, so App Service's identity cannot be used; turn the identity off and on again in the Identity blade.`,
    };
  }
  return {
    kind: 'imds',
    endpoint: IMDS,
    clientId,
    summary: `No App Service identity variables; tokens are asked of the Azure Instance Metadata Service for ${whose}, which answers only on Azure VMs and similar hosts.`,
  };
}

function isUrl(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}
