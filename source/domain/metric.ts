/** One measurement of the console itself (KPI.md performance), kept in the metrics log beside the data. */
export type Metric = {at: string; session: string; kind: 'render' | 'save' | 'load' | 'error'; ms?: number};
