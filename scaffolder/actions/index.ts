// The actions Backlot runs, by Backstage id: a template naming any other is refused when it loads.
import type { ScaffoldAction } from './types.ts';
import { fetchPlain, fetchTemplate } from './fetch.ts';
import { publishGithub } from './publish-github.ts';
import { publishGithubPullRequest } from './publish-pull-request.ts';
import { catalogRegister } from './catalog-register.ts';
import { catalogWrite } from './catalog-write.ts';
import { debugLog, notificationSend } from './log.ts';

const actions: ScaffoldAction[] = [fetchTemplate, fetchPlain, publishGithub, publishGithubPullRequest, catalogRegister, catalogWrite, debugLog, notificationSend];

export const actionsById: ReadonlyMap<string, ScaffoldAction> = new Map(actions.map((a) => [a.id, a]));

export function knownActionIds(): string[] {
  return actions.map((a) => a.id);
}
