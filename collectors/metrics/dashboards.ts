// Links to an entity's dashboards from the annotations Backstage's Grafana and Datadog plugins
// read. Only http(s) URLs become links; anything else is reported, never linked.

export const DASHBOARD_ANNOTATIONS: { key: string; title: string }[] = [
  { key: 'grafana/overview-dashboard', title: 'Grafana' },
  { key: 'grafana/dashboard-url', title: 'Grafana' },
  { key: 'datadoghq.com/dashboard-url', title: 'Datadog' },
];

export interface DashboardLink {
  title: string;
  url: string;
  annotation: string;
}

export function dashboardLinks(annotations: Record<string, string>): { links: DashboardLink[]; problems: string[] } {
  const links: DashboardLink[] = [];
  const problems: string[] = [];
  for (const { key, title } of DASHBOARD_ANNOTATIONS) {
    const value = annotations[key]?.trim();
    if (!value) continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      problems.push(`${key} is not an http(s) URL, so it is not linked: ${JSON.stringify(value.slice(0, 100))}`);
      continue;
    }
    links.push({ title, url: url.href, annotation: key });
  }
  return { links, problems };
}
