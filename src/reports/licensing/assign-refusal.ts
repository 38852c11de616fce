// Graph's refusals of assignLicense, in words an admin can act on. Matching is on Graph's message
// text because its error codes are generic ("Request_BadRequest") for every licensing refusal.

export interface GraphRefusal {
  status?: number;
  code?: string;
  message?: string;
}

export type RefusalKind =
  | 'no-usage-location'
  | 'no-free-units'
  | 'conflicting-plans'
  | 'missing-dependency'
  | 'not-permitted'
  | 'account-not-found'
  | 'throttled'
  | 'other';

export interface RefusalExplanation {
  kind: RefusalKind;
  text: string;
}

export function explainAssignRefusal(refusal: GraphRefusal, licenseName: string): RefusalExplanation {
  const message = refusal.message ?? '';
  const has = (re: RegExp) => re.test(message) || re.test(refusal.code ?? '');
  if (has(/usage ?location/i)) {
    return {
      kind: 'no-usage-location',
      text: 'The account has no usage location, and Microsoft needs one before it can license it. Set it in the Entra admin centre (user → Properties → Usage location), then try again.',
    };
  }
  if (has(/available licen[cs]es|CountViolation|not enough licen[cs]es/i)) {
    return {
      kind: 'no-free-units',
      text: `No free ${licenseName} licence is left. Buy more, or take one off an account that does not need it.`,
    };
  }
  if (has(/mutually exclusive|MutuallyExclusiveViolation/i)) {
    return {
      kind: 'conflicting-plans',
      text: `The account holds a licence whose Exchange plan cannot sit beside ${licenseName} (Plan 1 and Plan 2 exclude each other). Remove that licence in the same change.`,
    };
  }
  if (has(/depend|DependencyViolation/i)) {
    return {
      kind: 'missing-dependency',
      text: `${licenseName} needs another licence on the account first (for an add-on: an Exchange Online plan).`,
    };
  }
  if (refusal.status === 403 || has(/Authorization_RequestDenied|Insufficient privileges/i)) {
    return {
      kind: 'not-permitted',
      text: "The bot's identity may not assign licences. Grant it the Microsoft Graph application permission LicenseAssignment.ReadWrite.All (run doctor for the exact steps).",
    };
  }
  if (refusal.status === 404 || has(/Request_ResourceNotFound|does not exist/i)) {
    return { kind: 'account-not-found', text: 'Microsoft Graph does not know this account any more: it may have been deleted.' };
  }
  if (refusal.status === 429) {
    return { kind: 'throttled', text: 'Microsoft Graph asked the bot to slow down. Nothing changed; try again in a minute.' };
  }
  return {
    kind: 'other',
    text: `Microsoft Graph refused${refusal.status ? ` (${refusal.status})` : ''}${message ? `: ${message}` : '.'}`,
  };
}
