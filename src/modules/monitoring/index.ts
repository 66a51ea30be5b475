/**
 * The monitoring module: indicators and dashboards by place (aggregates only). It keeps no tables: it
 * reads through the doors of applications, funds, services, the registry and the divisions.
 */
export {
  APPLICATION_STATUSES,
  DashboardQuerySchema,
  DashboardSchema,
  divisionDashboard,
  type Dashboard,
  type DashboardQuery,
  type Figures,
  type MonitoringContext,
} from './use-cases/division-dashboard.js';
