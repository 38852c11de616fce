// The tenant's commercial subscriptions with their next lifecycle dates (Graph GET
// /directory/subscriptions, companySubscription). Least privileged application permission:
// Organization.Read.All — learn.microsoft.com/graph/api/directory-list-subscriptions (Permissions:
// Application, least privileged Organization.Read.All; higher Directory.Read.All,
// Organization.ReadWrite.All). LicenseAssignment.Read.All, enough for subscribedSkus, is not listed.
import { toCompanySubscription } from './license-records';
import type { GraphClient } from './graph-client';
import type { CompanySubscription } from '../model/tenant';

export async function listCompanySubscriptions(graph: GraphClient, options: { signal?: AbortSignal } = {}): Promise<CompanySubscription[]> {
  const all: CompanySubscription[] = [];
  for await (const page of graph.pages('/directory/subscriptions', options)) all.push(...page.map(toCompanySubscription));
  return all;
}
