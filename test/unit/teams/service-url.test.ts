import { serviceUrlProblem } from '../../../src/teams/proactive';

const production = { allowLoopback: false };
const demo = { allowLoopback: true };

test.each([
  'https://smba.trafficmanager.net/teams/',
  'https://smba.trafficmanager.net/amer/',
  'https://smba.trafficmanager.net/emea/',
  'https://smba.infra.gcc.teams.microsoft.com/teams',
  'https://smba.infra.gov.teams.microsoft.us/teams',
  'https://smba.infra.dod.teams.microsoft.us/teams',
])('%s is a Teams service URL in every mode', (url) => {
  expect(serviceUrlProblem(url, production)).toBeUndefined();
  expect(serviceUrlProblem(url, demo)).toBeUndefined();
});

test.each([
  'http://smba.trafficmanager.net/teams/',
  'https://smba.trafficmanager.net:8443/teams/',
  'https://smba.trafficmanager.net.evil.example/teams/',
  'https://evil.example/smba.trafficmanager.net/',
  'https://user:pw@smba.trafficmanager.net/teams/',
  'https://trafficmanager.net/',
  'not a url',
  '',
])('%s is refused', (url) => {
  expect(serviceUrlProblem(url, production)).toBeDefined();
  expect(serviceUrlProblem(url, demo)).toBeDefined();
});

test('loopback (the Agents Playground) only in demo mode; a test origin only when named', () => {
  for (const url of ['http://localhost:56150/', 'http://127.0.0.1:3979', 'http://[::1]:3979/']) {
    expect(serviceUrlProblem(url, demo)).toBeUndefined();
    expect(serviceUrlProblem(url, production)).toMatch(/not a Teams service host/);
  }
  expect(serviceUrlProblem('http://127.0.0.1:4000/', { allowLoopback: false, extraOrigins: ['http://127.0.0.1:4000'] })).toBeUndefined();
  expect(serviceUrlProblem('http://127.0.0.1:4001/', { allowLoopback: false, extraOrigins: ['http://127.0.0.1:4000'] })).toBeDefined();
});
