// Metrics show only for an entity with charts, dashboards or metric problems collected.
import { entityMetrics } from '../../lib/concern-content.ts';
import type { SectionDeclaration } from './types.ts';

export const section: SectionDeclaration = {
  title: 'Metrics',
  hasContent: ({ record }) => {
    const metrics = entityMetrics(record.ref);
    return Boolean(metrics && (metrics.charts.length > 0 || metrics.dashboards.length > 0 || metrics.problems.length > 0));
  },
};
