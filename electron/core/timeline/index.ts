export { createTimelineQueries, type EmbedQuery, type ItemsOf, type TimelineQueries } from './createTimelineQueries';
export { timelineProjection } from './timelineProjection';
