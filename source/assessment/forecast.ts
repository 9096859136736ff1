/** Least-squares line through (0, y0), (1, y1), …: intercept and slope. */
export const fitLine = (values: readonly number[]): {intercept: number; slope: number} => {
	const n = values.length;
	const meanX = (n - 1) / 2;
	const meanY = values.reduce((sum, value) => sum + value, 0) / n;
	let covariance = 0;
	let variance = 0;
	values.forEach((value, x) => {
		covariance += (x - meanX) * (value - meanY);
		variance += (x - meanX) ** 2;
	});
	const slope = variance === 0 ? 0 : covariance / variance;
	return {intercept: meanY - slope * meanX, slope};
};

/**
 * KPI.md: the next `ahead` values by least-squares linear regression over the history given (the last
 * N periods, fewer when history is shorter), never below 0; none with fewer than 3 points.
 */
export const linearForecast = (history: readonly number[], ahead = 3): number[] | null => {
	if (history.length < 3) return null;
	const {intercept, slope} = fitLine(history);
	return Array.from({length: ahead}, (_, index) => Math.max(0, intercept + slope * (history.length + index)));
};
