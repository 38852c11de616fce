// Microsoft Graph v1.0, the parts the bot calls, with Graph's permission checks, paging and errors.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FrontDoor, Service } from '../front-door';
import { LicenseError, TenantState } from '../tenant-state';
import { checkToken, GRAPH_AUDIENCES, AccessTokenClaims } from '../token';
import { isObject, parseJson, SimRequest, SimResponse } from '../wire';
import { graphError, graphStatusError, insufficientPrivileges, resourceNotFound } from './graph-errors';
import { decodeSkipToken, encodeSkipToken, projectUser, SelectError, userSelection } from './graph-users';
import { assignmentsOn, resourcePrincipals, servicePrincipalRecords } from './service-principals';
import type { ModelBook } from '../cost-model';
import { groupsActivityCsv, mailboxUsageCsv, mailboxUsageStorageCsv, usageReportEtag, type UsageReportOptions } from './usage-report';
import { activeUserCsv, activeUserEtag } from './active-user-report';
import { directorySubscriptions } from './directory-subscriptions';

/** Which usage report a download link is for. */
type UsageReportKind = 'mailboxes' | 'groups' | 'active' | 'storage';
import { FilterError, parseUserFilter } from './user-filter';

export interface GraphOptions {
  /** Graph's side of the cost model (callMs, reportRequestsPer10Min), read on every request. */
  model: ModelBook;
  /** https://localhost:PORT once listening. */
  baseUrl: () => string;
  /** The pre-signed download host: https://127.0.0.1:PORT, another origin like reports.office.com. */
  downloadBaseUrl: () => string;
  /** How the usage report conceals names while the tenant asks for it (default the 32-hex form). */
  usageReport?: UsageReportOptions;
}

/** Application permissions that satisfy each kind of call (least privileged first). */
const NEEDS = {
  readUsers: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readOrganization: [
    'Organization.Read.All',
    'Organization.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
    'LicenseAssignment.Read.All',
    'LicenseAssignment.ReadWrite.All',
  ],
  readReports: ['Reports.Read.All'],
  // directory/subscriptions: not LicenseAssignment.* (learn.microsoft.com/graph/api/directory-list-subscriptions).
  readCompanySubscriptions: ['Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  readReportSettings: ['ReportSettings.Read.All', 'ReportSettings.ReadWrite.All'],
  writeReportSettings: ['ReportSettings.ReadWrite.All'],
  readGroups: ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  assignLicense: ['LicenseAssignment.ReadWrite.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'],
  readApplications: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  grantAppRoles: ['AppRoleAssignment.ReadWrite.All'],
} as const;

const PERIODS = new Set(['D7', 'D30', 'D90', 'D180']);
const DOWNLOAD_LIFETIME_MS = 5 * 60 * 1000;
const MAX_BATCH = 20;

type Route = {
  method: string;
  pattern: RegExp;
  run: (req: SimRequest, m: RegExpExecArray, claims: AccessTokenClaims) => SimResponse | Promise<SimResponse>;
};

export function graphService(state: TenantState, options: GraphOptions): Service {
  const secret = randomBytes(32);
  const reportTimes: number[] = [];
  // Graph counts report downloads per report API.
  const activeReportTimes: number[] = [];

  const ctx = (path: string): string => `${options.baseUrl()}/v1.0/$metadata#${path}`;
  const ok = (body: unknown, status = 200): SimResponse => ({ status, body });
  const allowed = (claims: AccessTokenClaims, any: readonly string[]): boolean => (claims.roles ?? []).some((r) => any.includes(r));

  function parseTop(req: SimRequest): number | SimResponse {
    const raw = req.query.get('$top');
    if (raw === null) return 100;
    const top = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || top < 1 || top > 999) {
      return graphError(req, 400, 'Request_BadRequest', `Invalid page size specified: '${raw}'. Must be between 1 and 999 inclusive.`);
    }
    return top;
  }

  /** One page of a collection, with an @odata.nextLink that repeats the query plus $skiptoken. */
  function page<T>(req: SimRequest, items: readonly T[], context: string, project: (item: T) => unknown): SimResponse {
    const top = parseTop(req);
    if (typeof top !== 'number') return top;
    const token = req.query.get('$skiptoken');
    const offset = token === null ? 0 : decodeSkipToken(token);
    if (offset === undefined) return graphError(req, 400, 'Request_BadRequest', "Invalid value for the '$skiptoken' query parameter.");
    const slice = items.slice(offset, offset + top);
    const body: Record<string, unknown> = { '@odata.context': ctx(context) };
    if (offset + top < items.length) {
      const params = new URLSearchParams(req.query);
      params.set('$skiptoken', encodeSkipToken(offset + top));
      body['@odata.nextLink'] = `${options.baseUrl()}${req.path}?${params.toString().replace(/%24/g, '$')}`;
    }
    body.value = slice.map(project);
    return ok(body);
  }

  function listUsers(req: SimRequest): SimResponse {
    let properties: string[];
    try {
      properties = userSelection(req.query.get('$select'));
    } catch (e) {
      return graphError(req, 400, 'BadRequest', (e as SelectError).message);
    }
    const filter = req.query.get('$filter');
    let users = state.users;
    if (filter !== null && filter.trim() !== '') {
      try {
        const predicate = parseUserFilter(filter);
        users = state.cachedQuery(`graph-users:${filter}`, () => state.users.filter(predicate));
      } catch (e) {
        if (e instanceof FilterError) return graphError(req, 400, e.code, e.message);
        throw e;
      }
    }
    const select = req.query.get('$select');
    return page(req, users, select ? `users(${properties.join(',')})` : 'users', (u) => projectUser(u, properties));
  }

  function getUser(req: SimRequest, idOrUpn: string): SimResponse {
    const user = state.findUser(idOrUpn);
    if (!user) return resourceNotFound(req, idOrUpn);
    let properties: string[];
    try {
      properties = userSelection(req.query.get('$select'));
    } catch (e) {
      return graphError(req, 400, 'BadRequest', (e as SelectError).message);
    }
    const select = req.query.get('$select');
    return ok({
      '@odata.context': ctx(select ? `users(${properties.join(',')})/$entity` : 'users/$entity'),
      ...projectUser(user, properties),
    });
  }

  function subscribedSkus(): SimResponse {
    const consumed = state.consumedUnits();
    return ok({
      '@odata.context': ctx('subscribedSkus'),
      value: state.fixture.subscribedSkus.map((s) => ({
        accountName: state.fixture.tenant.displayName ?? state.fixture.tenant.initialDomain,
        accountId: state.tenantId,
        appliesTo: 'User',
        capabilityStatus: s.capabilityStatus ?? 'Enabled',
        consumedUnits: consumed.get(s.skuId) ?? 0,
        id: `${state.tenantId}_${s.skuId}`,
        prepaidUnits: {
          enabled: s.prepaidUnits.enabled,
          lockedOut: s.prepaidUnits.lockedOut ?? 0,
          suspended: s.prepaidUnits.suspended ?? 0,
          warning: s.prepaidUnits.warning ?? 0,
        },
        servicePlans: s.servicePlans.map((p) => ({
          servicePlanId: p.servicePlanId,
          servicePlanName: p.servicePlanName,
          provisioningStatus: p.provisioningStatus ?? 'Success',
          appliesTo: p.appliesTo ?? 'User',
        })),
        skuId: s.skuId,
        skuPartNumber: s.skuPartNumber,
        subscriptionIds: [state.guid(`subscription:${s.skuId}`)],
      })),
    });
  }

  function signDownload(period: string, report: UsageReportKind): string {
    const payload = Buffer.from(JSON.stringify({ p: period, k: report, e: Date.now() + DOWNLOAD_LIFETIME_MS })).toString('base64url');
    return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url')}`;
  }

  function download(req: SimRequest, token: string): SimResponse {
    const [payload, mac] = token.split('.');
    // Compared as text: base64 decoding ignores the spare bits of the last character.
    const expected = Buffer.from(payload ? createHmac('sha256', secret).update(payload).digest('base64url') : '');
    const given = Buffer.from(mac ?? '');
    let claims: { p?: string; k?: UsageReportKind; e?: number } = {};
    if (given.length === expected.length && given.length > 0 && timingSafeEqual(given, expected)) {
      try {
        claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
      } catch {
        claims = {};
      }
    }
    if (!claims.p || !claims.e || claims.e < Date.now()) {
      return { status: 403, headers: { 'Content-Type': 'text/plain' }, body: 'The download link is invalid or has expired.' };
    }
    const now = state.clock.now();
    if (claims.k === 'storage') {
      return {
        status: 200,
        headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename="MailboxUsageStorage.csv"' },
        body: mailboxUsageStorageCsv(state, Number(claims.p.slice(1))),
      };
    }
    if (claims.k === 'active') {
      return {
        status: 200,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Disposition': 'attachment; filename="Office365ActiveUserDetail.csv"',
          ETag: activeUserEtag(state, claims.p, now, options.usageReport),
        },
        body: activeUserCsv(state, now, options.usageReport),
      };
    }
    const groups = claims.k === 'groups';
    const csv = (groups ? groupsActivityCsv : mailboxUsageCsv)(state, Number(claims.p.slice(1)), now, options.usageReport);
    return {
      status: 200,
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': `attachment; filename="${groups ? 'Office365GroupsActivityDetail' : 'MailboxUsageDetail'}.csv"`,
        ETag: usageReportEtag(state, `${claims.p}${groups ? '|groups' : ''}`, now, options.usageReport),
      },
      body: csv,
    };
  }

  function usageReport(req: SimRequest, period: string, report: UsageReportKind = 'mailboxes'): SimResponse {
    if (!PERIODS.has(period))
      return graphError(req, 400, 'BadRequest', `Invalid value '${period}' for the period parameter. Valid values are D7, D30, D90, D180.`);
    const perTenMinutes = options.model.graph.reportRequestsPer10Min;
    const times = report === 'active' ? activeReportTimes : reportTimes;
    if (perTenMinutes !== null) {
      const now = Date.now();
      while (times.length && times[0] <= now - 600000) times.shift();
      if (times.length >= perTenMinutes) {
        return graphStatusError(req, 429, Math.max(1, Math.ceil((times[0] + 600000 - now) / 1000)));
      }
      times.push(now);
    }
    // If-None-Match with the current tag answers 304 (documented on the report's page); it still counts above.
    const etag =
      report === 'active'
        ? activeUserEtag(state, period, state.clock.now(), options.usageReport)
        : usageReportEtag(state, `${period}${report === 'groups' ? '|groups' : ''}`, state.clock.now(), options.usageReport);
    if (req.headers['if-none-match'] === etag) return { status: 304, headers: { ETag: etag } };
    return { status: 302, headers: { Location: `${options.downloadBaseUrl()}/data/download/${signDownload(period, report)}`, ETag: etag } };
  }

  /** getMailboxUsageStorage: the tenant's storage per day of the period; counted with the other report downloads. */
  function usageStorageReport(req: SimRequest, period: string): SimResponse {
    if (!PERIODS.has(period))
      return graphError(req, 400, 'BadRequest', `Invalid value '${period}' for the period parameter. Valid values are D7, D30, D90, D180.`);
    return { status: 302, headers: { Location: `${options.downloadBaseUrl()}/data/download/${signDownload(period, 'storage')}` } };
  }

  function assignLicense(req: SimRequest, idOrUpn: string): SimResponse {
    const user = state.findUser(idOrUpn);
    if (!user) return resourceNotFound(req, idOrUpn);
    const parsed = parseJson(req.body);
    if (!parsed.ok || !isObject(parsed.value))
      return graphError(
        req,
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    const body = parsed.value;
    const missing = ['addLicenses', 'removeLicenses'].filter((k) => !Array.isArray(body[k]));
    if (missing.length) {
      return graphError(
        req,
        400,
        'Request_BadRequest',
        `One or more parameters of the function import 'assignLicense' are missing from the request payload. The missing parameters are: ${missing.join(', ')}.`,
      );
    }
    const add = (body.addLicenses as unknown[]).map((a) =>
      isObject(a)
        ? { skuId: String(a.skuId ?? ''), disabledPlans: Array.isArray(a.disabledPlans) ? a.disabledPlans.map(String) : [] }
        : { skuId: '' },
    );
    const remove = (body.removeLicenses as unknown[]).map(String);
    try {
      state.assignLicense(user, add, remove);
    } catch (e) {
      if (e instanceof LicenseError) return graphError(req, 400, 'Request_BadRequest', e.message);
      throw e;
    }
    return ok({ '@odata.context': ctx('users/$entity'), ...projectUser(user, userSelection(null)) });
  }

  function checkMemberGroups(req: SimRequest, idOrUpn: string): SimResponse {
    const user = state.findUser(idOrUpn);
    if (!user) return resourceNotFound(req, idOrUpn);
    const parsed = parseJson(req.body);
    const ids = parsed.ok && isObject(parsed.value) && Array.isArray(parsed.value.groupIds) ? parsed.value.groupIds.map(String) : undefined;
    if (!ids)
      return graphError(
        req,
        400,
        'Request_BadRequest',
        "One or more parameters of the function import 'checkMemberGroups' are missing from the request payload. The missing parameters are: groupIds.",
      );
    if (ids.length > 20) return graphError(req, 400, 'Request_BadRequest', 'The number of groupIds cannot exceed 20.');
    const groups = state.fixture.groups ?? [];
    const member = ids.filter((id) =>
      groups.some((g) => g.id.toLowerCase() === id.toLowerCase() && g.members.some((m) => m.toLowerCase() === user.id.toLowerCase())),
    );
    return ok({ '@odata.context': ctx('Collection(Edm.String)'), value: member });
  }

  function groupMembers(req: SimRequest, groupId: string): SimResponse {
    const group = (state.fixture.groups ?? []).find((g) => g.id.toLowerCase() === groupId.toLowerCase());
    if (!group) return resourceNotFound(req, groupId);
    const members = group.members.map((id) => state.findUser(id)).filter((u) => !!u);
    const select = req.query.get('$select');
    let properties: string[];
    try {
      properties = userSelection(select);
    } catch (e) {
      return graphError(req, 400, 'BadRequest', (e as SelectError).message);
    }
    return page(req, members, 'directoryObjects', (u) => ({ '@odata.type': '#microsoft.graph.user', ...projectUser(u, properties) }));
  }

  function servicePrincipals(req: SimRequest): SimResponse {
    const filter = req.query.get('$filter');
    let records = servicePrincipalRecords(state);
    if (filter) {
      const m = /^\s*(appId|id|displayName)\s+eq\s+'((?:[^']|'')*)'\s*$/i.exec(filter);
      if (!m) return graphError(req, 400, 'Request_UnsupportedQuery', 'Unsupported Query.');
      const field = m[1].toLowerCase() === 'appid' ? 'appId' : m[1].toLowerCase() === 'id' ? 'id' : 'displayName';
      const wanted = m[2].replace(/''/g, "'").toLowerCase();
      records = records.filter((r) => String(r[field]).toLowerCase() === wanted);
    }
    return page(req, records, 'servicePrincipals', (r) => r);
  }

  function appRoleAssignedTo(req: SimRequest, spId: string, claims: AccessTokenClaims): SimResponse {
    const resource = resourcePrincipals(state).find((r) => r.id.toLowerCase() === spId.toLowerCase());
    const identity = state.fixture.identity;
    if (!resource) {
      if (spId.toLowerCase() === identity.principalId.toLowerCase()) return page(req, [], 'servicePrincipals/appRoleAssignedTo', (r) => r);
      return resourceNotFound(req, spId);
    }
    if (req.method === 'GET') {
      if (!allowed(claims, NEEDS.readApplications)) return insufficientPrivileges(req);
      return page(req, assignmentsOn(state, resource), `servicePrincipals('${resource.id}')/appRoleAssignedTo`, (r) => r);
    }
    if (!allowed(claims, NEEDS.grantAppRoles)) return insufficientPrivileges(req);
    const parsed = parseJson(req.body);
    if (!parsed.ok || !isObject(parsed.value))
      return graphError(
        req,
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    const { principalId, appRoleId, resourceId } = parsed.value as Record<string, unknown>;
    const role = resource.roles.find((r) => r.id === appRoleId);
    if (String(principalId).toLowerCase() !== identity.principalId.toLowerCase()) return resourceNotFound(req, String(principalId));
    if (!role || String(resourceId ?? resource.id).toLowerCase() !== resource.id.toLowerCase()) {
      return graphError(req, 400, 'Request_BadRequest', 'Permission being assigned was not found on application');
    }
    if (identity[resource.grants].includes(role.value)) {
      return graphError(req, 400, 'Request_BadRequest', 'Permission being assigned already exists on the object');
    }
    state.patchTenant({ identity: { [resource.grants]: [...identity[resource.grants], role.value] } });
    const created = assignmentsOn(state, resource).find((a) => a.appRoleId === role.id);
    return ok({ '@odata.context': ctx(`servicePrincipals('${resource.id}')/appRoleAssignedTo/$entity`), ...created }, 201);
  }

  function reportSettings(req: SimRequest, claims: AccessTokenClaims): SimResponse {
    if (req.method === 'PATCH') {
      if (!allowed(claims, NEEDS.writeReportSettings)) return insufficientPrivileges(req);
      const parsed = parseJson(req.body);
      if (!parsed.ok || !isObject(parsed.value) || typeof parsed.value.displayConcealedNames !== 'boolean') {
        return graphError(
          req,
          400,
          'BadRequest',
          'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
        );
      }
      state.patchTenant({ reportSettings: { displayConcealedNames: parsed.value.displayConcealedNames } });
      return { status: 204 };
    }
    if (!allowed(claims, NEEDS.readReportSettings)) return insufficientPrivileges(req);
    return ok({
      '@odata.context': ctx('admin/reportSettings/$entity'),
      '@odata.type': '#microsoft.graph.adminReportSettings',
      displayConcealedNames: state.fixture.reportSettings?.displayConcealedNames ?? true,
    });
  }

  function guarded(
    needs: readonly string[],
    run: (req: SimRequest, m: RegExpExecArray, claims: AccessTokenClaims) => SimResponse,
  ): Route['run'] {
    return (req, m, claims) => (allowed(claims, needs) ? run(req, m, claims) : insufficientPrivileges(req));
  }

  const routes: Route[] = [
    { method: 'GET', pattern: /^\/v1\.0\/users\/?$/i, run: guarded(NEEDS.readUsers, (req) => listUsers(req)) },
    { method: 'GET', pattern: /^\/v1\.0\/users\/([^/]+)\/?$/i, run: guarded(NEEDS.readUsers, (req, m) => getUser(req, m[1])) },
    {
      method: 'POST',
      pattern: /^\/v1\.0\/users\/([^/]+)\/assignLicense$/i,
      run: guarded(NEEDS.assignLicense, (req, m) => assignLicense(req, m[1])),
    },
    {
      method: 'POST',
      pattern: /^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/i,
      run: guarded(NEEDS.readGroups, (req, m) => checkMemberGroups(req, m[1])),
    },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/groups\/([^/]+)\/(?:transitiveMembers|members)(?:\/microsoft\.graph\.user)?$/i,
      run: guarded(NEEDS.readGroups, (req, m) => groupMembers(req, m[1])),
    },
    { method: 'GET', pattern: /^\/v1\.0\/subscribedSkus\/?$/i, run: guarded(NEEDS.readOrganization, () => subscribedSkus()) },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/organization\/?$/i,
      run: guarded(NEEDS.readOrganization, () =>
        ok({
          '@odata.context': ctx('organization'),
          value: [
            {
              id: state.tenantId,
              displayName: state.fixture.tenant.displayName ?? state.fixture.tenant.initialDomain,
              verifiedDomains: [{ name: state.fixture.tenant.initialDomain, isInitial: true, isDefault: true, type: 'Managed' }],
            },
          ],
        }),
      ),
    },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/reports\/getMailboxUsageDetail\(period='([^']*)'\)\/?(?:\/content)?$/i,
      run: guarded(NEEDS.readReports, (req, m) => usageReport(req, m[1])),
    },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/reports\/getMailboxUsageStorage\(period='([^']*)'\)\/?(?:\/content)?$/i,
      run: guarded(NEEDS.readReports, (req, m) => usageStorageReport(req, m[1])),
    },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/reports\/getOffice365ActiveUserDetail\(period='([^']*)'\)\/?(?:\/content)?$/i,
      run: guarded(NEEDS.readReports, (req, m) => usageReport(req, m[1], 'active')),
    },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/directory\/subscriptions\/?$/i,
      run: guarded(NEEDS.readCompanySubscriptions, (req) => page(req, directorySubscriptions(state), 'directory/subscriptions', (r) => r)),
    },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/reports\/getOffice365GroupsActivityDetail\(period='([^']*)'\)\/?(?:\/content)?$/i,
      run: guarded(NEEDS.readReports, (req, m) => usageReport(req, m[1], 'groups')),
    },
    { method: 'GET', pattern: /^\/v1\.0\/admin\/reportSettings\/?$/i, run: (req, _m, claims) => reportSettings(req, claims) },
    { method: 'PATCH', pattern: /^\/v1\.0\/admin\/reportSettings\/?$/i, run: (req, _m, claims) => reportSettings(req, claims) },
    { method: 'GET', pattern: /^\/v1\.0\/servicePrincipals\/?$/i, run: guarded(NEEDS.readApplications, (req) => servicePrincipals(req)) },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/servicePrincipals\/([^/]+)\/?$/i,
      run: guarded(NEEDS.readApplications, (req, m) => {
        const sp = servicePrincipalRecords(state).find((r) => String(r.id).toLowerCase() === m[1].toLowerCase());
        return sp ? ok({ '@odata.context': ctx('servicePrincipals/$entity'), ...sp }) : resourceNotFound(req, m[1]);
      }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/servicePrincipals\/([^/]+)\/appRoleAssignments\/?$/i,
      run: guarded(NEEDS.readApplications, (req, m) => {
        if (m[1].toLowerCase() !== state.fixture.identity.principalId.toLowerCase()) return page(req, [], 'appRoleAssignments', (r) => r);
        const all = resourcePrincipals(state).flatMap((r) => assignmentsOn(state, r));
        return page(req, all, `servicePrincipals('${m[1]}')/appRoleAssignments`, (r) => r);
      }),
    },
    {
      method: 'GET',
      pattern: /^\/v1\.0\/servicePrincipals\/([^/]+)\/appRoleAssignedTo\/?$/i,
      run: (req, m, claims) => appRoleAssignedTo(req, m[1], claims),
    },
    {
      method: 'POST',
      pattern: /^\/v1\.0\/servicePrincipals\/([^/]+)\/appRoleAssignedTo\/?$/i,
      run: (req, m, claims) => appRoleAssignedTo(req, m[1], claims),
    },
  ];

  function authenticate(req: SimRequest): AccessTokenClaims | SimResponse {
    const check = checkToken(req.headers.authorization, GRAPH_AUDIENCES, state.tenantId);
    if (check.ok) return check.claims;
    const messages: Record<typeof check.reason, string> = {
      missing: 'Access token is empty.',
      malformed: 'CompactToken parsing failed with error code: 80049217',
      signature: 'Access token validation failure.',
      audience: 'Access token validation failure. Invalid audience.',
      expired: 'Lifetime validation failed, the token is expired.',
      tenant: 'Access token validation failure. Invalid issuer or signature.',
    };
    return graphError(req, 401, 'InvalidAuthenticationToken', messages[check.reason], {
      'WWW-Authenticate':
        'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
    });
  }

  async function route(req: SimRequest, claims: AccessTokenClaims, door: FrontDoor): Promise<SimResponse> {
    if (/^\/v1\.0\/\$batch\/?$/i.test(req.path)) {
      if (req.method !== 'POST') return graphError(req, 405, 'Request_BadRequest', 'The requested method is not allowed.');
      if (req.inner) return graphError(req, 400, 'BadRequest', 'Nested batch requests are not supported.');
      return batch(req, door);
    }
    let pathMatched = false;
    for (const r of routes) {
      const m = r.pattern.exec(req.path);
      if (!m) continue;
      pathMatched = true;
      if (r.method === req.method) return r.run(req, m, claims);
    }
    if (pathMatched) return graphError(req, 405, 'Request_BadRequest', `Specified HTTP method is not allowed for the request target.`);
    if (!/^\/(v1\.0|beta)\//i.test(req.path)) return graphError(req, 400, 'BadRequest', 'Invalid version.');
    const segment = req.path.split('/')[2] ?? '';
    return graphError(req, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
  }

  async function batch(req: SimRequest, door: FrontDoor): Promise<SimResponse> {
    const parsed = parseJson(req.body);
    const requests = parsed.ok && isObject(parsed.value) ? parsed.value.requests : undefined;
    if (!Array.isArray(requests)) return graphError(req, 400, 'BadRequest', 'Invalid batch payload format.');
    if (requests.length > MAX_BATCH)
      return graphError(req, 400, 'BadRequest', `Number of batch request steps exceeds the maximum of ${MAX_BATCH}.`);
    const ids = new Set<string>();
    for (const r of requests) {
      if (!isObject(r) || typeof r.id !== 'string' || !r.id || typeof r.method !== 'string' || typeof r.url !== 'string') {
        return graphError(req, 400, 'BadRequest', 'Invalid batch payload format.');
      }
      if (ids.has(r.id.toLowerCase())) return graphError(req, 400, 'BadRequest', 'Batch request step id must be unique.');
      ids.add(r.id.toLowerCase());
    }
    const responses = await Promise.all(
      requests.map(async (raw) => {
        const r = raw as { id: string; method: string; url: string; headers?: unknown; body?: unknown };
        const relative = r.url.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/?(v1\.0|beta)(?=\/)/i, '');
        const url = new URL(`/v1.0${relative.startsWith('/') ? '' : '/'}${relative}`, 'http://graph.invalid');
        const headers: Record<string, string | undefined> = { authorization: req.headers.authorization };
        if (isObject(r.headers)) for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
        let path = url.pathname;
        try {
          path = decodeURIComponent(path);
        } catch {
          // left encoded; the router answers 400
        }
        const inner: SimRequest = {
          method: r.method.toUpperCase(),
          path,
          rawPathAndQuery: `${url.pathname}${url.search}`,
          query: url.searchParams,
          headers,
          body: r.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body)),
          note: {},
        };
        const res = await door.inner(inner);
        let body = res.body;
        if (Buffer.isBuffer(body)) body = body.toString('base64');
        return { id: r.id, status: res.status, headers: res.headers ?? {}, ...(body === undefined ? {} : { body }) };
      }),
    );
    return ok({ responses });
  }

  return {
    api: 'graph',
    // Every Graph answer costs the same: no published figure says a report download costs more.
    costMs: () => options.model.graph.callMs,
    errorResponse: graphStatusError,
    async handle(req, door) {
      const dl = /^\/data\/download\/([^/]+)$/.exec(req.path);
      if (dl && req.method === 'GET') return download(req, dl[1]);
      const auth = authenticate(req);
      if ('status' in auth) return auth;
      return route(req, auth, door);
    },
  };
}
