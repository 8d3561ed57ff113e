/**
 * What the dashboard shows beyond its month, fixed here because the server answers it in one request
 * (`GET /api/dashboard`) and the web UI files each part under the key of the request it stands for.
 */

/** The Coming up card: occurrences from today through this many days. */
export const DASHBOARD_UPCOMING_DAYS = 30;

/** The Recent expenses card: this many of the latest expenses, newest first. */
export const DASHBOARD_RECENT_EXPENSES = 6;
