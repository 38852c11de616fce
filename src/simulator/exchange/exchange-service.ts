// The Exchange Online admin REST gateway (InvokeCommand and $batch) for Get-Mailbox and
// Get-MailboxStatistics, with Exchange's two-part permission check, paging and error bodies.
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { CmdletRate, type ModelBook } from '../cost-model';
import type { FrontDoor, Service } from '../front-door';
import { GROUP_MAILBOX, type MailboxUser, type TenantState } from '../tenant-state';
import { checkToken, EXCHANGE_AUDIENCES } from '../token';
import { isObject, parseJson, SimRequest, SimResponse } from '../wire';
import {
  ambiguous,
  badParameter,
  COMMAND_NOT_FOUND_TYPE,
  exchangeError,
  exchangeStatusError,
  forbidden,
  methodNotAllowed,
  invalidFilter,
  notFound,
  PARAMETER_BINDING_TYPE,
  unauthorized,
} from './exchange-errors';
import { mailboxRecord, statisticsRecord } from './mailbox-records';
import { folderInScope, folderRecord, folderTree, FOLDER_SCOPES } from './folder-records';
import { OpathError, parseOpathFilter } from './opath-filter';
import { heldRoles, mayReadRecipients, mayRun } from './rbac';

export interface ExchangeOptions {
  /** Costs, limits and the redirect setting, read on every request (PUT /_sim/model changes them). */
  model: ModelBook;
  /** The origin a request reached, for the links it is answered with. */
  baseUrl: (req: SimRequest) => string;
}

const RECIPIENT_TYPES = new Set([
  'usermailbox',
  'sharedmailbox',
  'roommailbox',
  'equipmentmailbox',
  'discoverymailbox',
  'schedulingmailbox',
  'linkedmailbox',
  'teammailbox',
  'groupmailbox',
  'legacymailbox',
  'linkedroommailbox',
]);
const CANONICAL_TYPES: Record<string, string> = {
  groupmailbox: 'GroupMailbox',
  usermailbox: 'UserMailbox',
  sharedmailbox: 'SharedMailbox',
  roommailbox: 'RoomMailbox',
  equipmentmailbox: 'EquipmentMailbox',
};

const IGNORED_PARAMETERS = new Set([
  'erroraction',
  'warningaction',
  'confirm',
  'verbose',
  'includeinactivemailbox',
  'includesoftdeletedrecipients',
  'readfromdomaincontroller',
]);
const MAX_PAGE = 1000;
const DEFAULT_RESULT_SIZE = 1000;
const MAX_BATCH = 10;
const PAGING_LIFETIME_MS = 30 * 60 * 1000;
const TRUNCATION_WARNING =
  'There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.';

interface CmdletInput {
  CmdletName: string;
  Parameters: Record<string, unknown>;
}

interface PagingToken {
  /** Offset of the next page. */
  o: number;
  /** Page size the query started with. */
  s: number;
  /** Hash of the cmdlet input, so a different body cannot reuse the link. */
  h: string;
  /** Expiry (ms since epoch). */
  e: number;
  /** The cmdlet input itself, so a client that follows the link with GET still gets its page. */
  q: CmdletInput;
}

export function exchangeService(state: TenantState, options: ExchangeOptions): Service {
  const secret = randomBytes(32);
  let inFlight = 0;
  const admitted = new WeakSet<SimRequest>();
  const rate = new CmdletRate();
  const limits = () => options.model.exchange;

  const hashInput = (input: CmdletInput): string => createHash('sha256').update(JSON.stringify(input)).digest('base64url').slice(0, 22);

  function encodeToken(token: PagingToken): string {
    const payload = Buffer.from(JSON.stringify(token)).toString('base64url');
    return `${payload}.${createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 32)}`;
  }

  function decodeToken(raw: string): PagingToken | undefined {
    const [payload, mac] = raw.split('.');
    if (!payload || mac !== createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 32)) return undefined;
    try {
      const token = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PagingToken;
      return token.e > Date.now() ? token : undefined;
    } catch {
      return undefined;
    }
  }

  const expiredPaging = (req: SimRequest): SimResponse =>
    exchangeError(
      req,
      400,
      'BadRequest',
      'Invalid Operation',
      '',
      'Microsoft.Exchange.Admin.OData.Core.ODataServiceException',
      'Expired or Invalid pagination request. Default Expiry time is 00:30:00',
    );

  function envelope(req: SimRequest, value: unknown[], extra: Record<string, unknown> = {}, warnings: string[] = []): SimResponse {
    return {
      status: 200,
      headers: {
        'request-id': req.headers['client-request-id'] ?? randomUUID(),
        'X-CalculatedBETarget': 'AM7PR01MB0001.eurprd01.prod.outlook.com',
      },
      body: {
        '@odata.context': `${options.baseUrl(req)}/adminapi/beta/${state.tenantId}/$metadata#Collection(Exchange.GenericHashTable)`,
        'adminapi.warnings@odata.type': '#Collection(String)',
        '@adminapi.warnings': warnings,
        value,
        ...extra,
      },
    };
  }

  function parameterNames(params: Record<string, unknown>, allowed: string[]): string | undefined {
    for (const name of Object.keys(params)) {
      const lower = name.toLowerCase();
      if (!allowed.includes(lower) && !IGNORED_PARAMETERS.has(lower)) return name;
    }
    return undefined;
  }

  const param = (params: Record<string, unknown>, name: string): unknown => {
    const key = Object.keys(params).find((k) => k.toLowerCase() === name);
    return key === undefined ? undefined : params[key];
  };

  function resolveIdentity(req: SimRequest, identity: unknown): MailboxUser | SimResponse {
    if (typeof identity !== 'string' || !identity.trim()) {
      return badParameter(req, `Cannot bind argument to parameter 'Identity' because it is an empty string.`, PARAMETER_BINDING_TYPE);
    }
    const found = state.findMailboxes(identity);
    if (found.length === 0) return notFound(req, identity);
    if (found.length > 1) return ambiguous(req, identity);
    return found[0];
  }

  function getMailbox(req: SimRequest, input: CmdletInput, offset: number, startPageSize?: number): SimResponse {
    const params = input.Parameters;
    const unknown = parameterNames(params, ['identity', 'resultsize', 'recipienttypedetails', 'filter', 'archive', 'groupmailbox']);
    if (unknown)
      return badParameter(
        req,
        `Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. ${unknown}`,
      );
    const identity = param(params, 'identity');
    const filter = param(params, 'filter');
    if (identity !== undefined && filter !== undefined)
      return badParameter(req, 'Parameter set cannot be resolved using the specified named parameters.');

    let resultSize = DEFAULT_RESULT_SIZE;
    const rawSize = param(params, 'resultsize');
    if (rawSize !== undefined) {
      if (typeof rawSize === 'string' && rawSize.toLowerCase() === 'unlimited') resultSize = Infinity;
      else if (
        (typeof rawSize === 'number' || (typeof rawSize === 'string' && /^\d+$/.test(rawSize.trim()))) &&
        Number(rawSize) >= 1 &&
        Number.isInteger(Number(rawSize))
      )
        resultSize = Number(rawSize);
      else
        return badParameter(
          req,
          `Cannot bind parameter 'ResultSize'. Cannot convert value "${String(rawSize)}" to type "Microsoft.Exchange.Data.Unlimited\`1[System.UInt32]". Error: "The value "${String(rawSize)}" is not a valid value for Unlimited."`,
          PARAMETER_BINDING_TYPE,
        );
    }

    const rawTypes = param(params, 'recipienttypedetails');
    let types: string[] | undefined;
    if (rawTypes !== undefined) {
      const list = (Array.isArray(rawTypes) ? rawTypes : String(rawTypes).split(',')).map((t) => String(t).trim());
      const bad = list.find((t) => !RECIPIENT_TYPES.has(t.toLowerCase()));
      if (bad !== undefined || !list.length) {
        return badParameter(
          req,
          `Cannot bind parameter 'RecipientTypeDetails'. Cannot convert value "${bad ?? ''}" to type "Microsoft.Exchange.Data.Directory.Recipient.RecipientTypeDetails". Error: "Unable to match the identifier name ${bad ?? ''} to a valid enumerator name. Specify one of the following enumerator names and try again: UserMailbox, SharedMailbox, RoomMailbox, EquipmentMailbox, DiscoveryMailbox, SchedulingMailbox, LinkedMailbox, TeamMailbox, GroupMailbox"`,
          PARAMETER_BINDING_TYPE,
        );
      }
      types = list.map((t) => CANONICAL_TYPES[t.toLowerCase()] ?? t).sort();
    }

    // Get-Mailbox -Archive: "filters the results by mailboxes that have an archive enabled" (Exchange Online only).
    const archiveSwitch = switchValue(param(params, 'archive'));
    if (archiveSwitch === 'invalid') return badSwitch(req, 'Archive', param(params, 'archive'));
    const archiveOnly = archiveSwitch === true;
    // Get-Mailbox -GroupMailbox: "The GroupMailbox switch is required to return Microsoft 365 Groups
    // in the results." Without it no group mailbox is found, by filter or by identity.
    const groupSwitch = switchValue(param(params, 'groupmailbox'));
    if (groupSwitch === 'invalid') return badSwitch(req, 'GroupMailbox', param(params, 'groupmailbox'));
    const groups = groupSwitch === true;
    const isGroup = (m: MailboxUser) => m.mailbox.recipientTypeDetails === GROUP_MAILBOX;

    let items: readonly MailboxUser[];
    if (identity !== undefined) {
      const one = resolveIdentity(req, identity);
      if ('status' in one) return one;
      if (isGroup(one) !== groups) return notFound(req, String(identity));
      items =
        (!types || types.includes(one.mailbox.recipientTypeDetails)) && (!archiveOnly || one.mailbox.archiveStatus === 'Active')
          ? [one]
          : [];
      if (!items.length) return notFound(req, String(identity));
    } else {
      let predicate: ((m: MailboxUser) => boolean) | undefined;
      if (filter !== undefined) {
        try {
          predicate = parseOpathFilter(String(filter), state);
        } catch (e) {
          if (e instanceof OpathError) return invalidFilter(req, String(filter), e.position);
          throw e;
        }
      }
      items =
        !types && !predicate && !archiveOnly
          ? groups
            ? state.groupMailboxes
            : state.mailboxes
          : state.cachedQuery(`exchange-mailboxes:${JSON.stringify([types, filter, archiveOnly, groups])}`, () =>
              (groups ? state.groupMailboxes : state.mailboxes).filter(
                (m) =>
                  (!types || types.includes(m.mailbox.recipientTypeDetails)) &&
                  (!predicate || predicate(m)) &&
                  (!archiveOnly || m.mailbox.archiveStatus === 'Active'),
              ),
            );
    }

    return page(req, input, items, { offset, startPageSize, resultSize }, (m, select) => mailboxRecord(state, m, select));
  }

  /**
   * One page of a cmdlet's records: Prefer odata.maxpagesize (at most 1,000), $select, a signed
   * @odata.nextLink while more remain, and Exchange's truncation warning when ResultSize cut them.
   */
  function page<T>(
    req: SimRequest,
    input: CmdletInput,
    items: readonly T[],
    at: { offset: number; startPageSize?: number; resultSize: number },
    toRecord: (item: T, select: Set<string> | undefined) => Record<string, unknown>,
  ): SimResponse {
    const { offset, startPageSize, resultSize } = at;
    const prefer = /odata\.maxpagesize\s*=\s*(\d+)/i.exec(req.headers.prefer ?? '');
    const pageSize = Math.max(1, Math.min(MAX_PAGE, prefer ? Number(prefer[1]) : (startPageSize ?? MAX_PAGE)));
    const limit = Math.min(resultSize, items.length);
    const end = Math.min(offset + pageSize, limit);
    const selected = req.query.get('$select');
    const select = selected
      ? new Set(
          selected
            .split(',')
            .map((s) => s.trim().toLowerCase())
            .filter(Boolean),
        )
      : undefined;
    const value = items.slice(offset, end).map((m) => toRecord(m, select));
    const extra: Record<string, unknown> = {};
    const warnings: string[] = [];
    if (end < limit) {
      const token = encodeToken({ o: end, s: pageSize, h: hashInput(input), e: Date.now() + PAGING_LIFETIME_MS, q: input });
      const query = new URLSearchParams(req.query);
      query.delete('$skiptoken');
      query.set('$skiptoken', token);
      extra['@odata.nextLink'] =
        `${options.baseUrl(req)}/adminapi/beta/${state.tenantId}/InvokeCommand?${query.toString().replace(/%24/g, '$')}`;
    } else if (items.length > limit) {
      warnings.push(TRUNCATION_WARNING);
    }
    const response = envelope(req, value, extra, warnings);
    response.headers = { ...response.headers, 'Preference-Applied': `odata.maxpagesize=${pageSize}` };
    return response;
  }

  /**
   * The mailbox a statistics cmdlet names (-Identity, mandatory) and whether it asks for the
   * archive (-Archive), refused as Exchange refuses: unknown parameters, a missing Identity, a bad
   * switch value, and -Archive on a mailbox without one.
   */
  function mailboxTarget(
    req: SimRequest,
    params: CmdletInput['Parameters'],
    accepted: string[],
  ): { user: MailboxUser; archive: boolean } | SimResponse {
    const unknown = parameterNames(params, accepted);
    if (unknown)
      return badParameter(
        req,
        `Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. ${unknown}`,
      );
    const identity = param(params, 'identity');
    if (identity === undefined)
      return badParameter(
        req,
        'Cannot process command because of one or more missing mandatory parameters: Identity.',
        PARAMETER_BINDING_TYPE,
      );
    const user = resolveIdentity(req, identity);
    if ('status' in user) return user;
    const archive = switchValue(param(params, 'archive'));
    if (archive === 'invalid') return badSwitch(req, 'Archive', param(params, 'archive'));
    if (archive === true && user.mailbox.archiveStatus !== 'Active') return noArchive(req, identity);
    return { user, archive: archive === true };
  }

  /**
   * Get-OrganizationConfig: one record. In Exchange Online it takes no parameter (Get-OrganizationConfig.md:
   * -DomainController "is available only in on-premises Exchange"); CIPP-API sends none. Only the
   * properties the simulated tenant knows are in the record; AutoExpandingArchiveEnabled is the
   * organisation's `Set-OrganizationConfig -AutoExpandingArchive`.
   */
  function getOrganizationConfig(req: SimRequest, input: CmdletInput): SimResponse {
    const unknown = parameterNames(input.Parameters, []);
    if (unknown)
      return badParameter(
        req,
        `Parameter set cannot be resolved using the specified named parameters. Invalid cmdlet parameters specified. ${unknown}`,
      );
    const tenant = state.fixture.tenant;
    const record: Record<string, unknown> = {
      Name: tenant.initialDomain,
      DisplayName: tenant.displayName ?? tenant.initialDomain,
      Identity: tenant.initialDomain,
      Guid: state.tenantId,
      AutoExpandingArchiveEnabled: state.fixture.organization?.autoExpandingArchive === true,
    };
    return page(req, input, [record], { offset: 0, resultSize: 1 }, (r, select) =>
      select ? Object.fromEntries(Object.entries(r).filter(([k]) => select.has(k.toLowerCase()))) : r,
    );
  }

  /**
   * Get-MailboxFolderStatistics, Identity parameter set (Microsoft Learn): Identity, Archive,
   * FolderScope, IncludeAnalysis, IncludeOldestAndNewestItems, IncludeSoftDeletedRecipients,
   * ResultSize, SkipCount, UseCustomRouting. Folders come one record each, paged like Get-Mailbox.
   */
  function getMailboxFolderStatistics(req: SimRequest, input: CmdletInput, offset: number, startPageSize?: number): SimResponse {
    const params = input.Parameters;
    const target = mailboxTarget(req, params, [
      'identity',
      'archive',
      'folderscope',
      'includeanalysis',
      'includeoldestandnewestitems',
      'resultsize',
      'skipcount',
      'usecustomrouting',
    ]);
    if ('status' in target) return target;
    const { user, archive } = target;
    const rawScope = param(params, 'folderscope');
    const scope = rawScope === undefined ? 'all' : String(rawScope).toLowerCase();
    if (!FOLDER_SCOPES.has(scope))
      return badParameter(
        req,
        `Cannot bind parameter 'FolderScope'. Cannot convert value "${String(rawScope)}" to type "Microsoft.Exchange.Data.Directory.SystemConfiguration.ElcFolderType".`,
        PARAMETER_BINDING_TYPE,
      );
    const rawSize = param(params, 'resultsize');
    const resultSize =
      rawSize === undefined || (typeof rawSize === 'string' && rawSize.toLowerCase() === 'unlimited') ? Infinity : Number(rawSize);
    if (!(resultSize >= 1))
      return badParameter(req, `Cannot bind parameter 'ResultSize' to the value "${String(rawSize)}".`, PARAMETER_BINDING_TYPE);
    // SkipCount (Int32): "the number of folders to skip" before ResultSize counts; Microsoft's
    // CSS-Exchange Get-LargeMailboxFolderStatistics.ps1 reads a large mailbox's folders in windows
    // of -ResultSize $BatchSize -SkipCount ($BatchSize * n) this way.
    const rawSkip = param(params, 'skipcount');
    const skip = rawSkip === undefined ? 0 : Number(rawSkip);
    if (
      rawSkip !== undefined &&
      (typeof rawSkip === 'boolean' || !Number.isInteger(skip) || skip < 0 || skip > 2 ** 31 - 1 || String(rawSkip).trim() === '')
    )
      return badParameter(
        req,
        `Cannot bind parameter 'SkipCount'. Cannot convert value "${String(rawSkip)}" to type "System.Int32".`,
        PARAMETER_BINDING_TYPE,
      );
    const folders = folderTree(state, user, archive)
      .filter((f) => folderInScope(f, scope))
      .slice(skip);
    return page(req, input, folders, { offset, startPageSize, resultSize }, (f, select) => folderRecord(state, user, f, select));
  }

  function getMailboxStatistics(req: SimRequest, input: CmdletInput): SimResponse {
    const params = input.Parameters;
    const target = mailboxTarget(req, params, ['identity', 'archive']);
    if ('status' in target) return target;
    return envelope(req, [statisticsRecord(state, target.user, target.archive)]);
  }

  function readInput(req: SimRequest): CmdletInput | SimResponse {
    const parsed = parseJson(req.body);
    const invalid = (text: string): SimResponse =>
      exchangeError(req, 400, 'BadRequest', 'Invalid Operation', '', 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException', text);
    if (!parsed.ok) return invalid('The request body is not valid JSON.');
    const root = parsed.value;
    const cmdlet = isObject(root) ? root.CmdletInput : undefined;
    if (!isObject(cmdlet) || typeof cmdlet.CmdletName !== 'string' || !cmdlet.CmdletName)
      return invalid("The request body must carry 'CmdletInput' with a 'CmdletName'.");
    const parameters = cmdlet.Parameters ?? {};
    if (!isObject(parameters)) return invalid("'CmdletInput.Parameters' must be an object.");
    return { CmdletName: cmdlet.CmdletName, Parameters: parameters };
  }

  function invokeCommand(req: SimRequest, held: Set<string>): SimResponse {
    const rawToken = req.query.get('$skiptoken');
    let input: CmdletInput | SimResponse;
    let offset = 0;
    let startPageSize: number | undefined;
    if (rawToken !== null) {
      const token = decodeToken(rawToken);
      if (!token) return expiredPaging(req);
      if (req.method === 'GET' || !req.body.length) input = token.q;
      else {
        input = readInput(req);
        if ('status' in input) return input;
        if (hashInput(input) !== token.h) return expiredPaging(req);
      }
      offset = token.o;
      startPageSize = token.s;
    } else {
      if (req.method !== 'POST') return methodNotAllowed(req, 'InvokeCommand accepts POST only.');
      input = readInput(req);
      if ('status' in input) return input;
    }
    req.note.cmdlet = input.CmdletName;
    // A cmdlet the caller's roles do not hold is refused as Exchange refuses a caller without the
    // rights: 403 with a body of NUL bytes (graph2otel, Security Reader running Get-Mailbox).
    if (!mayRun(held, input.CmdletName)) return forbidden();
    switch (input.CmdletName.toLowerCase()) {
      case 'get-mailbox':
        req.note.cmdlet = 'Get-Mailbox';
        return getMailbox(req, input, offset, startPageSize);
      case 'get-mailboxstatistics':
        req.note.cmdlet = 'Get-MailboxStatistics';
        return getMailboxStatistics(req, input);
      case 'get-mailboxfolderstatistics':
        req.note.cmdlet = 'Get-MailboxFolderStatistics';
        return getMailboxFolderStatistics(req, input, offset, startPageSize);
      case 'get-organizationconfig':
        req.note.cmdlet = 'Get-OrganizationConfig';
        return getOrganizationConfig(req, input);
      default:
        return exchangeError(
          req,
          400,
          'BadRequest',
          'Invalid Operation',
          '',
          COMMAND_NOT_FOUND_TYPE,
          `The term '${input.CmdletName}' is not recognized as the name of a cmdlet, function, script file, or operable program.`,
        );
    }
  }

  async function batch(req: SimRequest, door: FrontDoor): Promise<SimResponse> {
    const parsed = parseJson(req.body);
    const requests = parsed.ok && isObject(parsed.value) ? parsed.value.requests : undefined;
    const invalid = (text: string): SimResponse =>
      exchangeError(req, 400, 'BadRequest', 'Invalid Operation', '', 'Microsoft.Exchange.Admin.OData.Core.ODataServiceException', text);
    if (!Array.isArray(requests)) return invalid('The batch request body must be {"requests":[...]}.');
    if (requests.length > MAX_BATCH)
      return invalid(`The batch request contains ${requests.length} requests; at most ${MAX_BATCH} are allowed.`);
    // Every client found sends each item's absolute InvokeCommand URL (CIPP-API New-ExoBulkRequest.ps1
    // builds "https://outlook.office365.com/adminapi/beta/{tenant}/InvokeCommand"; the module's
    // Execute-Command batches its own $Uri). Nothing shows Exchange resolving a bare path, so one
    // is refused rather than guessed at.
    const relative = requests.findIndex((raw) => !isObject(raw) || typeof raw.url !== 'string' || !/^https:\/\//i.test(raw.url));
    if (relative >= 0)
      return invalid(
        `requests[${relative}].url must be the absolute https URL of InvokeCommand, e.g. https://outlook.office365.com/adminapi/beta/{tenant}/InvokeCommand.`,
      );
    // Items beyond the tenant's cmdlets per second are refused one by one, as Exchange does inside a
    // $batch answer (an item with status 429 and its own Retry-After).
    const allowed = rate.take(requests.length, limits().cmdletsPerSecond);
    const responses = await Promise.all(
      requests.map(async (raw, index) => {
        const r = isObject(raw) ? raw : {};
        const id = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id) : String(index + 1);
        const url = new URL(r.url as string);
        const headers: Record<string, string | undefined> = { authorization: req.headers.authorization, prefer: req.headers.prefer };
        if (isObject(r.headers)) for (const [k, v] of Object.entries(r.headers)) headers[k.toLowerCase()] = String(v);
        const inner: SimRequest = {
          method: typeof r.method === 'string' ? r.method.toUpperCase() : 'POST',
          path: decodeURIComponentSafe(url.pathname),
          rawPathAndQuery: `${url.pathname}${url.search}`,
          query: url.searchParams,
          headers,
          body: r.body === undefined ? Buffer.alloc(0) : Buffer.from(typeof r.body === 'string' ? r.body : JSON.stringify(r.body)),
          note: {},
        };
        const res =
          index >= allowed
            ? door.refusedInner(inner, exchangeStatusError(inner, 429, limits().retryAfterSeconds))
            : await door.inner(inner);
        const body = Buffer.isBuffer(res.body) ? '' : res.body;
        return { id, status: res.status, headers: res.headers ?? {}, body: body ?? null };
      }),
    );
    return { status: 200, body: { responses } };
  }

  /**
   * The module file the ExchangeOnlineManagement module loads at connect time; clients that speak REST
   * only GET it to learn the tenant's host (ScubaGear EXORestHelper.psm1, redirects off), so its
   * body is a stand-in: nobody found reads it.
   */
  function moduleFile(req: SimRequest): SimResponse {
    if (req.method !== 'GET') return methodNotAllowed(req, 'EXOModuleFile accepts GET only.');
    return {
      status: 200,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'request-id': req.headers['client-request-id'] ?? randomUUID() },
      body: '# Exchange Online module file (simulated)\n',
    };
  }

  /** Every answer of the gateway tells what is left of the tenant's cmdlets (the model's own bucket). */
  function withBudget(res: SimResponse): SimResponse {
    const budget = rate.headers(limits().cmdletsPerSecond);
    return budget ? { ...res, headers: { ...res.headers, ...budget } } : res;
  }

  async function handle(req: SimRequest, door: FrontDoor): Promise<SimResponse> {
    const answer = await route(req, door);
    return req.inner || answer.status === 302 ? answer : withBudget(answer);
  }

  async function route(req: SimRequest, door: FrontDoor): Promise<SimResponse> {
    const m = /^\/adminapi\/(beta|v1\.0)\/([^/]+)\/(InvokeCommand|\$batch|EXOModuleFile)\/?$/i.exec(req.path);
    if (!m) {
      return exchangeError(
        req,
        404,
        'NotFound',
        'Not Found',
        '',
        'Microsoft.Exchange.Admin.OData.Core.ODataServiceException',
        `No HTTP resource was found that matches the request URI '${req.path}'.`,
      );
    }
    // A tenant served from its own host: the front door sends the caller there. ScubaGear's
    // EXORestHelper.psm1 (Get-ExchangeOnlineApiEndpoint): "Some tenants get redirected to a
    // tenant-specific subdomain" <prefix>.outlook.office365.com. Whether the InvokeCommand POST
    // itself is redirected is unverified; a client that follows such a 302 handles both.
    const home = limits().redirectTo;
    if (home && !req.inner && options.baseUrl(req) !== home) {
      return {
        status: 302,
        headers: { Location: `${home}${req.rawPathAndQuery}`, 'request-id': req.headers['client-request-id'] ?? randomUUID() },
      };
    }
    const check = checkToken(req.headers.authorization, EXCHANGE_AUDIENCES, state.tenantId);
    if (!check.ok) {
      const reasons: Record<typeof check.reason, string> = {
        missing: '2000001;reason="The request does not carry a bearer token.";error_category="invalid_token"',
        malformed: '2000001;reason="The token could not be parsed.";error_category="invalid_token"',
        signature: '2000001;reason="The token signature is invalid.";error_category="invalid_signature"',
        audience: '2000001;reason="The token audience is not valid for this resource.";error_category="invalid_resource"',
        expired: '2000003;reason="The token has expired.";error_category="invalid_lifetime"',
        tenant: '2000001;reason="The token was issued for another tenant.";error_category="invalid_tenant"',
      };
      return unauthorized(reasons[check.reason]);
    }
    const tenant = m[2].toLowerCase();
    if (tenant !== state.tenantId.toLowerCase() && tenant !== state.fixture.tenant.initialDomain.toLowerCase()) {
      return unauthorized('2000001;reason="The tenant in the request does not match the token.";error_category="invalid_tenant"');
    }
    if (!(check.claims.roles ?? []).includes('Exchange.ManageAsApp')) {
      return unauthorized(
        '2000008;reason="The token does not contain the permission required to access the resource.";error_category="insufficient_auth_strength"',
      );
    }
    if (m[3].toLowerCase() === 'exomodulefile') return moduleFile(req);
    const held = heldRoles(check.claims.wids, state.fixture.identity.exchangeRoleGroups);
    if (!mayReadRecipients(held)) return forbidden();
    if (m[3].toLowerCase() === '$batch') {
      if (req.inner)
        return exchangeError(
          req,
          400,
          'BadRequest',
          'Invalid Operation',
          '',
          'Microsoft.Exchange.Admin.OData.Core.ODataServiceException',
          'A batch cannot contain a batch.',
        );
      if (req.method !== 'POST') return methodNotAllowed(req, '$batch accepts POST only.');
      return batch(req, door);
    }
    return invokeCommand(req, held);
  }

  return {
    api: 'exchange',
    errorResponse: exchangeStatusError,
    handle,
    costMs(req, response) {
      if (response.status >= 300 && response.status < 400) return 0;
      const model = limits();
      if (/\/\$batch\/?$/i.test(req.path)) {
        const items = isObject(response.body) && Array.isArray(response.body.responses) ? response.body.responses.length : 0;
        return model.batchMs + items * model.perItemMs;
      }
      const records = isObject(response.body) && Array.isArray(response.body.value) ? response.body.value.length : 0;
      return model.pageMs + records * (req.query.has('$select') ? model.perRecordMsSelected : model.perRecordMs);
    },
    // A $batch counts as one request in flight: we believe Exchange meters the HTTP request, not
    // the cmdlets inside it (unverified; Microsoft publishes no REST concurrency figure). Its items
    // count against the cmdlets per second, each on its own (see batch).
    admit(req) {
      const model = limits();
      if (model.redirectTo && options.baseUrl(req) !== model.redirectTo) return undefined;
      if (model.maxInFlight !== null && inFlight >= model.maxInFlight)
        return withBudget(exchangeStatusError(req, 429, model.retryAfterSeconds));
      if (!/\/\$batch\/?$/i.test(req.path) && rate.take(1, model.cmdletsPerSecond) < 1)
        return withBudget(exchangeStatusError(req, 429, model.retryAfterSeconds));
      inFlight++;
      admitted.add(req);
      return undefined;
    },
    leave(req) {
      if (admitted.delete(req)) inFlight--;
    },
  };
}

/** Exchange's wording for a mailbox without an archive is not captured anywhere we could read. */
function noArchive(req: SimRequest, identity: unknown): SimResponse {
  return exchangeError(
    req,
    400,
    'BadRequest',
    'Error executing cmdlet',
    'Ex9C3B1A',
    'Microsoft.Exchange.Data.Storage.MailboxUnavailableException',
    `The mailbox '${String(identity)}' doesn't have an archive mailbox.`,
  );
}

/** A switch as JSON carries it: true/false (or their strings); absent is undefined. */
function switchValue(v: unknown): boolean | undefined | 'invalid' {
  if (v === undefined) return undefined;
  if (v === true || v === false) return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return 'invalid';
}

function badSwitch(req: SimRequest, name: string, value: unknown): SimResponse {
  return badParameter(
    req,
    `Cannot convert '${String(value)}' to the type 'System.Management.Automation.SwitchParameter' required by parameter '${name}'.`,
    PARAMETER_BINDING_TYPE,
  );
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
