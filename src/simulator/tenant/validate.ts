// Checks a tenant fixture against schema.json, then for what a schema cannot say (duplicates,
// references to SKUs, plans and users that do not exist), and names every problem by the path an
// editor of the JSON file would look for: users[17].mailbox.archiveStatus.

import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { TenantFixture } from './fixture';
import schema from './schema.json';

/** How many problems the message lists; the error's `problems` holds them all. */
const LISTED_PROBLEMS = 100;

export class TenantFixtureError extends Error {
  constructor(
    readonly problems: string[],
    source?: string,
  ) {
    const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `  - ${p}`);
    if (problems.length > LISTED_PROBLEMS) listed.push(`  … and ${problems.length - LISTED_PROBLEMS} more`);
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`Invalid tenant fixture${source ? ` ${source}` : ''} (${count}):\n${listed.join('\n')}`);
    this.name = 'TenantFixtureError';
  }
}

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    // The Agents Playground's own user ids have 13 digits in the last group
    // (00000000-0000-0000-0000-0000000000020) and the demo must hold that user, so accept it.
    ajv.addFormat('uuid', /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12,13}$/i);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** Returns the document as a TenantFixture, or throws a TenantFixtureError listing every problem. */
export function validateTenant(doc: unknown, source?: string): TenantFixture {
  const validate = schemaValidator();
  if (!validate(doc)) throw new TenantFixtureError(describeSchemaErrors(validate.errors ?? [], doc), source);
  const fixture = doc as TenantFixture;
  const problems = referenceProblems(fixture);
  if (problems.length > 0) throw new TenantFixtureError(problems, source);
  return fixture;
}

/** /users/17/mailbox/archiveStatus → users[17].mailbox.archiveStatus */
export function readablePath(segments: readonly string[]): string {
  let path = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(doc: unknown, segments: readonly string[]): unknown {
  let value = doc;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Past this many raw errors the file is hopeless; describing them all would only cost time. */
const DESCRIBED_ERRORS = 2000;

function describeSchemaErrors(allErrors: readonly ErrorObject[], doc: unknown): string[] {
  const errors = allErrors.slice(0, DESCRIBED_ERRORS);
  const dropped = new Set<ErrorObject>();
  const combined: ErrorObject[] = [];
  // "null or an object" is a oneOf: ajv reports the null branch failing and oneOf itself failing
  // for every bad mailbox. Keep only what is wrong with the object, or one "must be null or object".
  for (const error of errors) {
    if (error.keyword !== 'oneOf') continue;
    dropped.add(error);
    const branches = errors.filter(
      (e) =>
        e.schemaPath.startsWith(`${error.schemaPath}/`) &&
        (e.instancePath === error.instancePath || e.instancePath.startsWith(`${error.instancePath}/`)),
    );
    const [nullBranch, otherBranch] = ['0', '1'].map((n) => branches.filter((e) => e.schemaPath.startsWith(`${error.schemaPath}/${n}/`)));
    for (const e of nullBranch) dropped.add(e);
    if (otherBranch.length === 1 && otherBranch[0].keyword === 'type' && otherBranch[0].instancePath === error.instancePath) {
      dropped.add(otherBranch[0]);
      combined.push({ ...otherBranch[0], params: { type: ['null', otherBranch[0].params.type] } });
    }
  }
  const problems: string[] = [];
  for (const error of [...errors.filter((e) => !dropped.has(e)), ...combined]) {
    const segments = pointerSegments(error.instancePath);
    problems.push(describeSchemaError(error, segments, doc));
  }
  const unique = [...new Set(problems)];
  if (allErrors.length > DESCRIBED_ERRORS) unique.push(`… and more: only the first ${DESCRIBED_ERRORS} schema errors were read`);
  return unique;
}

function describeSchemaError(error: ErrorObject, segments: string[], doc: unknown): string {
  const where = readablePath(segments) || '(top level)';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `${where}: must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
    case 'required': {
      // Name the record (the nearest array element) and the field inside it, as a person reads it.
      let record = segments.length;
      while (record > 0 && !/^\d+$/.test(segments[record - 1])) record--;
      const recordPath = record > 0 ? readablePath(segments.slice(0, record)) : readablePath(segments.slice(0, 1));
      const inner = record > 0 ? segments.slice(record) : segments.slice(1);
      const field = [...inner, String(params.missingProperty)].join('.');
      return `${recordPath || '(top level)'}: missing required field ${field}`;
    }
    case 'additionalProperties':
      return `${where}: unknown field ${String(params.additionalProperty)}`;
    case 'type': {
      const types = Array.isArray(params.type) ? params.type : [params.type];
      const readable = types.map((t) => (t === 'object' ? 'an object' : t === 'array' ? 'a list' : t === 'integer' ? 'a whole number' : t));
      return `${where}: must be ${readable.join(' or ')}, not ${shortJson(valueAt(doc, segments))}`;
    }
    case 'format':
      return `${where}: must be a ${String(params.format)}, not ${shortJson(valueAt(doc, segments))}`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}

function referenceProblems(fixture: TenantFixture): string[] {
  const problems: string[] = [];

  const plansBySku = new Map<string, { partNumber: string; plans: Set<string> }>();
  fixture.subscribedSkus.forEach((sku, i) => {
    if (plansBySku.has(sku.skuId)) problems.push(`subscribedSkus[${i}].skuId: ${sku.skuId} is listed twice`);
    plansBySku.set(sku.skuId, { partNumber: sku.skuPartNumber, plans: new Set(sku.servicePlans.map((p) => p.servicePlanId)) });
  });

  const userIndexById = new Map<string, number>();
  const userIndexByUpn = new Map<string, number>();
  fixture.users.forEach((user, i) => {
    const sameId = userIndexById.get(user.id);
    if (sameId !== undefined) problems.push(`users[${i}].id: ${user.id} is already the id of users[${sameId}]`);
    else userIndexById.set(user.id, i);
    const upn = user.userPrincipalName.toLowerCase();
    const sameUpn = userIndexByUpn.get(upn);
    if (sameUpn !== undefined)
      problems.push(`users[${i}].userPrincipalName: ${user.userPrincipalName} is already the UPN of users[${sameUpn}]`);
    else userIndexByUpn.set(upn, i);

    user.assignedLicenses.forEach((assigned, j) => {
      const sku = plansBySku.get(assigned.skuId);
      if (!sku) {
        problems.push(`users[${i}].assignedLicenses[${j}].skuId: ${assigned.skuId} is not in subscribedSkus`);
        return;
      }
      assigned.disabledPlans?.forEach((planId, k) => {
        if (!sku.plans.has(planId)) {
          problems.push(`users[${i}].assignedLicenses[${j}].disabledPlans[${k}]: ${planId} is not a service plan of ${sku.partNumber}`);
        }
      });
    });
  });

  fixture.subscriptions?.forEach((sub, i) => {
    if (!plansBySku.has(sub.skuId)) problems.push(`subscriptions[${i}].skuId: ${sub.skuId} is not in subscribedSkus`);
  });

  fixture.groups?.forEach((group, i) => {
    group.members.forEach((member, j) => {
      if (!userIndexById.has(member)) problems.push(`groups[${i}].members[${j}]: ${member} is not the id of any user`);
    });
  });
  return problems;
}
