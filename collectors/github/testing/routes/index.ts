// Every endpoint the stand-in serves: one line per concern file, kept in alphabetical order so two
// concerns added at once touch different lines. First match wins.
import { actionsRoutes } from './actions.ts';
import { deploymentRoutes } from './deployments.ts';
import { gitDataRoutes } from './git-data.ts';
import { issueCommentRoutes } from './issue-comments.ts';
import { graphqlRoutes } from './graphql.ts';
import { repositoryRoutes } from './repositories.ts';
import { scaffoldingRoutes } from './scaffolding.ts';
import { securityAlertRoutes } from './security-alerts.ts';
import type { Route } from './route.ts';

export const routes: Route[] = [
  ...actionsRoutes,
  ...deploymentRoutes,
  ...gitDataRoutes,
  ...issueCommentRoutes,
  ...graphqlRoutes,
  ...repositoryRoutes,
  ...scaffoldingRoutes,
  ...securityAlertRoutes,
];
