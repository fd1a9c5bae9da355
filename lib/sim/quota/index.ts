/**
 * @module
 * Resource management at the API server: the ResourceQuota and LimitRanger admission plugins,
 * the ResourceQuota controller that keeps `status.used` current, and the quota problem detector.
 */
export { LimitRangerAdmission, defaultLimitRangeItem } from './limit-range-admission';
export type { LimitRangeItem } from './limit-range-admission';
export { ResourceQuotaAdmission, forbidden } from './resource-quota-admission';
export { ResourceQuotaController } from './resource-quota-controller';
export type { ResourceQuotaStatus } from './resource-quota-controller';
export { quotaProblems } from './problems';
export { quotaUsageTracker } from './usage-tracker';
export type { QuotaUsageTracker, TrackedQuota } from './usage-tracker';
export { formatQuantity, quantity } from './quantity';
