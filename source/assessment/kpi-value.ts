/** A KPI's value: a number, or null where KPI.md leaves it undefined (no data, a zero denominator). */
export type KpiValue = number | null;

export const ratio = (numerator: number, denominator: number): KpiValue =>
	denominator === 0 ? null : numerator / denominator;
export const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
