// debug:log, and notification:send (Backstage's example template ends with it): Backlot has no
// notification service, so the message goes to the run's log and summary instead of being refused.
import type { ScaffoldAction } from './types.ts';
import { listFiles } from '../workspace.ts';

export const debugLog: ScaffoldAction = {
  id: 'debug:log',
  description: 'Writes a message (and, with listWorkspace, the workspace files) to the log',
  async run(context) {
    if (context.input.message !== undefined) context.log(String(context.input.message));
    if (context.input.listWorkspace) {
      for (const file of await listFiles(context.workspace)) context.log(`  ${file.path}`);
    }
    return {};
  },
};

export const notificationSend: ScaffoldAction = {
  id: 'notification:send',
  description: 'Backstage notifications: written to the log and the run summary (Backlot has no notification service)',
  async run(context) {
    const title = String(context.input.title ?? 'Notification');
    const info = context.input.info === undefined ? '' : `: ${String(context.input.info)}`;
    context.log(`notification (not sent, Backlot has no notification service): ${title}${info}`);
    context.summary.push(`- Notification for ${JSON.stringify(context.input.recipients ?? 'entity')}: ${escapeMarkdown(title + info)}`);
    return {};
  },
};

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}
