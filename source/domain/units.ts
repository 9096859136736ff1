/** Milliseconds in a UTC day and hour: KPI periods, SLA clocks and the demo's history count in them. */
export const day = 86_400_000;
export const hour = 3_600_000;

/** `value` kept within [low, high]. */
export const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value));
