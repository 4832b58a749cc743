// Every endpoint the stand-in serves: one line per concern file, kept in alphabetical order so two
// concerns added at once touch different lines. First match wins.
import { repositoryRoutes } from './repositories.ts';
import type { Route } from './route.ts';

export const routes: Route[] = [
  ...repositoryRoutes,
];
