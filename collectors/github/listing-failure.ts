// Why the organisation could not be listed, in the terms a person acts on: configuration or
// authentication (fix the config or the token; its own exit code), the host unreachable, the rate
// limit, or a transient server error. Nothing is read in any of these cases and the previous
// content stays exactly as it was.
import { isUnreachable, RateLimitStop } from './client.ts';

export type ListingFailureKind = 'config' | 'auth' | 'unreachable' | 'rate-limit' | 'transient';

export interface ListingFailure {
  kind: ListingFailureKind;
  message: string;
  /** What to do about it, one sentence. */
  fix: string;
}

export interface ListingContext {
  org: string;
  baseUrl: string;
  tokenEnv: string;
  hasToken: boolean;
  stoppedReason?: string;
}

export function classifyListingFailure(error: unknown, at: ListingContext, redact: (text: string) => string): ListingFailure {
  const status = (error as { status?: number }).status;
  const message = redact((error as Error).message ?? String(error));
  const tokenFix = at.hasToken
    ? `Check the token in ${at.tokenEnv}: it must be valid, not expired, and allowed to read ${at.org}'s repositories (for an organisation with SAML SSO, authorise it for ${at.org}).`
    : `Set ${at.tokenEnv} to a personal access token or GitHub App installation token that can read ${at.org}'s repositories (or set github.tokenEnv to the variable that holds one).`;
  if (error instanceof RateLimitStop || at.stoppedReason) {
    return { kind: 'rate-limit', message: at.stoppedReason ?? message, fix: 'Run again after the reset, or raise github.maxWaitSeconds to wait for it.' };
  }
  if (error instanceof MissingToken || error instanceof UnusableToken) return { kind: 'auth', message: error.message, fix: tokenFix };
  if (status === 401) return { kind: 'auth', message: `GitHub refused the credentials (401): ${message}`, fix: tokenFix };
  if (status === 403) return { kind: 'auth', message: `GitHub refused access to ${at.org} (403): ${message}`, fix: tokenFix };
  if (status === 404 || error instanceof OrganisationNotFound) {
    return {
      kind: at.hasToken ? 'config' : 'auth',
      message: `the organisation "${at.org}" was not found at ${at.baseUrl} (404)`,
      fix: at.hasToken ? `Check github.org (and github.baseUrl for GitHub Enterprise Server), and that the token in ${at.tokenEnv} can see ${at.org}.` : tokenFix,
    };
  }
  if (isUnreachable(error)) {
    return { kind: 'unreachable', message: `${at.baseUrl} could not be reached: ${message}`, fix: 'Check github.baseUrl, and the network or proxy between this machine and GitHub; the run can simply be repeated.' };
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return { kind: 'config', message: `GitHub refused the listing request (${status}): ${message}`, fix: 'Check github.baseUrl and github.org in the configuration.' };
  }
  return { kind: 'transient', message: `listing ${at.org} failed: ${message}`, fix: 'This is usually temporary on GitHub\'s side; run again.' };
}

/** The listing's own 404: the organisation does not exist or the token cannot see it. */
export class OrganisationNotFound extends Error {
  override name = 'OrganisationNotFound';
  readonly status = 404;
}

/** No token in the environment: nothing is requested. */
export class MissingToken extends Error {
  override name = 'MissingToken';
  constructor(tokenEnv: string) {
    super(`${tokenEnv} is not set, and without a token GitHub lists only public repositories (every private one would disappear)`);
  }
}

/** A token with a line break or another character no HTTP header can carry (a copy-paste slip). */
export class UnusableToken extends Error {
  override name = 'UnusableToken';
  constructor(tokenEnv: string) {
    super(`${tokenEnv} holds a character an HTTP header cannot carry (a line break or a space?): nothing was sent`);
  }
}

/** Whether `token` can be sent as an Authorization header value. */
export function isUsableToken(token: string): boolean {
  try {
    new Headers({ authorization: `token ${token}` });
    return !/\s/.test(token);
  } catch {
    return false;
  }
}
