import { createCredential, describeIdentitySource } from '../../../src/m365/credential';
import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { tokenScope } from '../../../src/m365/tenant-clients';

describe('describeIdentitySource', () => {
  it('App Service: both variables, never echoing the secret header', () => {
    const s = describeIdentitySource({
      IDENTITY_ENDPOINT: 'http://127.0.0.1:41741/msi/token',
      IDENTITY_HEADER: 'secret-header-value',
      AZURE_CLIENT_ID: 'c1',
    });
    expect(s).toMatchObject({ kind: 'app-service', endpoint: 'http://127.0.0.1:41741/msi/token', clientId: 'c1' });
    expect(JSON.stringify(s)).not.toContain('secret-header-value');
    expect(s.summary).toContain('user-assigned identity c1');
  });

  it('IMDS when no App Service variables exist', () => {
    const s = describeIdentitySource({});
    expect(s.kind).toBe('imds');
    expect(s.summary).toContain('system-assigned');
  });

  it('none when only one of the pair is set, naming the missing one', () => {
    const s = describeIdentitySource({ IDENTITY_ENDPOINT: 'http://127.0.0.1:1/msi/token' });
    expect(s.kind).toBe('none');
    expect(s.summary).toContain('IDENTITY_HEADER');
  });
});

describe('createCredential', () => {
  it('uses the managed identity, and a developer login only when asked', () => {
    expect(createCredential({})).toBeInstanceOf(ManagedIdentityCredential);
    expect(createCredential({ managedIdentityClientId: '00000000-0000-0000-0000-000000000001' })).toBeInstanceOf(ManagedIdentityCredential);
    expect(createCredential({ useDeveloperLogin: true })).toBeInstanceOf(DefaultAzureCredential);
  });
});

describe('tokenScope', () => {
  const graph = ['https://graph.microsoft.com', 'https://graph.microsoft.us'];
  it("asks for the service's resource whatever host serves it", () => {
    expect(tokenScope('https://graph.microsoft.com', graph, 'https://graph.microsoft.com')).toBe('https://graph.microsoft.com/.default');
    expect(tokenScope('https://graph.microsoft.us/', graph, 'https://graph.microsoft.com')).toBe('https://graph.microsoft.us/.default');
    expect(tokenScope('https://localhost:4443', graph, 'https://graph.microsoft.com')).toBe('https://graph.microsoft.com/.default');
  });
});
