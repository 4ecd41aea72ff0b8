/**
 * What every page renderer gets: the data, the interface language's formatter and
 * the link builder of the way the dashboard is published (served or static).
 */
import type { Links } from '../links.js';
import type { DashboardData, DashboardRoute } from '../types.js';
import type { Formatter } from './format.js';

export interface RenderContext {
  data: DashboardData;
  f: Formatter;
  links: Links;
  route: DashboardRoute;
}
