// Turns whatever a tenant call threw into one sentence for the chat and the fix, if there is one.
import { explainServiceError } from '../m365/permissions';
import { isServiceError } from '../m365/service-error';

export interface Failure {
  message: string;
  fix?: string;
}

export function explainFailure(err: unknown): Failure {
  if (isServiceError(err)) {
    const advice = explainServiceError(err);
    return { message: advice.missing.replace(/^Nothing(?: known)?: /, ''), fix: advice.fix };
  }
  if (err instanceof Error && err.name === 'AbortError') return { message: 'The request was cancelled.' };
  return { message: 'Something went wrong on my side; it has been logged.' };
}
