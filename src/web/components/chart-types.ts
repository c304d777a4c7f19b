// The data the charts take, apart from the chart code so pure modules (and node tests)
// can build it without loading the chart library.
export type Bucket = 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';
export type ChartKind = 'bars' | 'line' | 'points';

export interface TimePoint { t: Date; series: string; value: number | null }
export interface CategoryPoint { category: string; series: string; value: number | null }

export const BUCKETS: Bucket[] = ['hour', 'day', 'week', 'month', 'quarter', 'year'];
